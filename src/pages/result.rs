use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::quiz::start_attempt;
use super::{param, topic_param, with_body, NotFoundPage};
use crate::components::mistakes::MistakeSummary;
use crate::components::next_step::ResultNext;
use crate::components::{format_datetime, set_title};
use crate::content::{Topic, TopicBody, CURRICULUM};
use crate::model::progress::Attempt;
use crate::routes;
use crate::state::use_progress;

/// The result of one attempt: score, each question's result, and a review of the mistakes.
#[component]
pub fn ResultPage() -> impl IntoView {
    let topic = topic_param();
    let attempt_id = param("attempt");
    let store = use_progress();
    move || {
        let found = topic.get().and_then(|t| {
            let id = attempt_id.get()?;
            let a = store
                .progress
                .with(|p| p.attempts.get(t.id)?.iter().find(|a| a.id == id).cloned())?;
            Some((t, a))
        });
        match found {
            Some((t, a)) => with_body(t, move |body| {
                view! { <ResultView topic=t attempt=a.clone() body=body/> }
            })
            .into_any(),
            None => view! { <NotFoundPage/> }.into_any(),
        }
    }
}

#[component]
fn ResultView(topic: &'static Topic, attempt: Attempt, body: &'static TopicBody) -> impl IntoView {
    set_title(&format!("Resultado: {}", topic.short_title));
    let store = use_progress();
    let navigate = use_navigate();
    let status = Memo::new(move |_| store.progress.with(|p| p.topic_status(topic)));
    let retry = move |_| {
        start_attempt(store, topic, body);
        navigate(
            &routes::quiz(topic.id),
            crate::components::discreet::nav_options(),
        );
    };
    let rows = attempt
        .answers
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let q = body.question(&a.question);
            let prompt = q.map(|q| q.prompt).unwrap_or("(Pregunta retirada del contenido)");
            view! {
                <li class=if a.correct { "resultado-item bien" } else { "resultado-item mal" }>
                    <span class="resultado-marca">{if a.correct { "✓ Correcta" } else { "✗ Incorrecta" }}</span>
                    " " {format!("{}. ", i + 1)} {prompt}
                </li>
            }
        })
        .collect_view();
    let mistakes: Vec<_> = attempt
        .answers
        .iter()
        .filter(|a| !a.correct)
        .filter_map(|a| body.question(&a.question).map(|q| (a.clone(), q)))
        .collect();
    // Mistakes on questions a later content version retired cannot be reviewed here.
    let retired_mistakes = attempt
        .answers
        .iter()
        .filter(|a| !a.correct && body.question(&a.question).is_none())
        .count();
    let retired_note = (retired_mistakes > 0).then(|| {
        view! {
            <p>{match retired_mistakes {
                1 => "Un error fue en una pregunta que el contenido actualizado ya no incluye: repase el tema en sus lecciones.".to_string(),
                n => format!("{n} errores fueron en preguntas que el contenido actualizado ya no incluye: repase el tema en sus lecciones."),
            }}</p>
        }
    });
    let review = if mistakes.is_empty() && retired_mistakes == 0 {
        view! { <p>"No tuvo errores en este intento."</p> }.into_any()
    } else {
        mistakes
            .into_iter()
            .map(|(a, q)| {
                let yours = q.options.iter().filter(|o| a.chosen.iter().any(|c| c == o.id)).map(|o| o.text).collect::<Vec<_>>().join(" · ");
                let right = q.options.iter().filter(|o| o.correct).map(|o| o.text).collect::<Vec<_>>().join(" · ");
                let lesson = topic.lesson(q.lesson).map(|l| l.title).unwrap_or("la lección");
                view! {
                    <article class="repaso">
                        <h3>{q.prompt}</h3>
                        <p><strong>"Su respuesta: "</strong>{yours}</p>
                        <p><strong>"Respuesta correcta: "</strong>{right}</p>
                        <p>{q.explanation}</p>
                        <p><a href=routes::section(topic.id, q.lesson, q.section)>"Repasar: " {lesson}</a></p>
                    </article>
                }
            })
            .collect_view()
            .into_any()
    };
    let old_version = attempt.content_version != CURRICULUM.content_version;
    let missed_ids: Vec<String> = attempt
        .answers
        .iter()
        .filter(|a| !a.correct)
        .map(|a| a.question.clone())
        .collect();
    view! {
        <div class="pagina resultado">
            <nav aria-label="Ruta" class="migas"><a href=routes::home()>"Temas"</a>" › "<a href=routes::topic(topic.id)>{topic.short_title}</a>" › "<span aria-current="page">"Resultado"</span></nav>
            <h1>"Resultado: " {topic.short_title}</h1>
            <div class=if attempt.passed { "marcador aprobado" } else { "marcador no-aprobado" } role="status">
                <p class="marcador-cifra">{format!("{} %", attempt.percent)}</p>
                <p>{format!("{} de {} respuestas correctas · ", attempt.correct, attempt.total)}
                    <strong>{if attempt.passed { "Aprobado" } else { "No aprobado" }}</strong>
                    {format!(" (mínimo {} %)", CURRICULUM.pass_mark)}</p>
                <p class="meta">{format_datetime(attempt.finished_at)} " · contenido versión " {attempt.content_version.clone()}</p>
            </div>
            {old_version.then(|| view! { <p class="aviso">"Este intento se hizo con una versión anterior del contenido. Su resultado no cambia; las preguntas que la revisión retiró aparecen como retiradas."</p> })}
            {move || {
                let s = status.get();
                if s.accredited() {
                    view! { <p class="insignia-grande">"Tema acreditado"</p> }.into_any()
                } else if attempt.passed {
                    view! { <p>{format!("Para acreditar el tema le faltan {} lecciones por leer.", s.lessons_total - s.lessons_read)}</p> }.into_any()
                } else {
                    ().into_any()
                }
            }}
            <ResultNext topic=topic missed=missed_ids/>
            <MistakeSummary topic=topic answers=attempt.answers.clone() body=Some(body) scope="en este intento"/>
            <section aria-labelledby="preguntas-titulo">
                <h2 id="preguntas-titulo">"Pregunta por pregunta"</h2>
                <ol class="lista-resultados">{rows}</ol>
            </section>
            <section aria-labelledby="repaso-titulo">
                <h2 id="repaso-titulo">"Repaso de errores"</h2>
                {review}
                {retired_note}
            </section>
            <div class="acciones">
                <button type="button" class="boton secundario" on:click=retry>"Intentar de nuevo"</button>
                <a class="boton secundario" href=routes::topic(topic.id)>"Volver al tema"</a>
            </div>
        </div>
    }
}

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::{topic_param, with_body, NotFoundPage};
use crate::components::discreet::nav_options;
use crate::components::question::{answer_feedback, focus_by_id, submitted_choice, QuestionFields};
use crate::components::{format_datetime, set_title, ProgressBar};
use crate::content::{Topic, TopicBody, CURRICULUM};
use crate::model::progress::Place;
use crate::model::quiz::{QuizRun, Rng};
use crate::routes;
use crate::state::{now, random_u64, use_progress, ProgressStore};

/// A topic's self-assessment: start, answer with immediate feedback, resume after a crash.
#[component]
pub fn QuizPage() -> impl IntoView {
    let topic = topic_param();
    move || match topic.get() {
        Some(t) => with_body(t, move |body| view! { <QuizView topic=t body=body/> }).into_any(),
        None => view! { <NotFoundPage/> }.into_any(),
    }
}

/// Starts a new attempt for `topic` and saves it at once.
pub(crate) fn start_attempt(store: ProgressStore, topic: &'static Topic, body: &TopicBody) {
    let mut rng = Rng::new(random_u64());
    let id = format!("{:x}", rng.next_u64());
    let run = QuizRun::start(topic, body, id, now(), CURRICULUM.content_version, &mut rng);
    store.update(|p| {
        p.start_run(run);
        true
    });
    // Question 1 as questions 2-10: the page from its top ("Pregunta 1 de 10"), the focus on the
    // question (on a phone the start button sits mid-page).
    request_animation_frame(|| {
        if let Some(w) = crate::window() {
            w.scroll_to_with_x_and_y(0.0, 0.0);
        }
        focus_by_id("pregunta-titulo");
    });
}

#[component]
fn QuizView(topic: &'static Topic, body: &'static TopicBody) -> impl IntoView {
    set_title(&format!("Autoevaluación: {}", topic.short_title));
    let store = use_progress();
    let path = routes::quiz(topic.id);
    store.update(move |p| {
        p.last_place = Some(Place {
            path,
            title: format!("Autoevaluación: {}", topic.short_title),
            at: now(),
        });
        true
    });
    let run = Memo::new(move |_| store.progress.with(|p| p.current.get(topic.id).cloned()));
    // The question whose feedback is on screen, until "Siguiente".
    let showing = RwSignal::new(None::<String>);
    move || match run.get() {
        None => view! { <QuizIntro topic=topic body=body/> }.into_any(),
        // Started on content that has changed since, and not finished: its questions may be
        // gone or different, so it cannot go on. It is set aside, answers and all.
        Some(r) if r.content_version != CURRICULUM.content_version && r.position().is_some() => {
            view! { <OldRunView topic=topic body=body run=r/> }.into_any()
        }
        Some(r) => {
            let current = showing
                .get()
                .and_then(|id| r.questions.iter().position(|q| q.id == id))
                .or_else(|| r.position());
            match current {
                Some(i) => {
                    view! { <QuestionView topic=topic body=body run=r index=i showing=showing/> }
                        .into_any()
                }
                None => view! { <FinishView topic=topic/> }.into_any(),
            }
        }
    }
}

/// An unfinished attempt begun on an earlier content version: what happened, that nothing is
/// lost, and the way forward.
#[component]
fn OldRunView(topic: &'static Topic, body: &'static TopicBody, run: QuizRun) -> impl IntoView {
    let store = use_progress();
    let answered = run.answers.len();
    view! {
        <div class="pagina evaluacion">
            <nav aria-label="Ruta" class="migas"><a href=routes::home()>"Temas"</a>" › "<a href=routes::topic(topic.id)>{topic.short_title}</a>" › "<span aria-current="page">"Autoevaluación"</span></nav>
            <h1 id="pregunta-titulo" tabindex="-1">"El contenido de este tema se actualizó"</h1>
            <p>{format!(
                "Empezó esta autoevaluación el {} con la versión {} del contenido. Desde entonces el tema se revisó (versión {}) y sus preguntas cambiaron, así que ese intento no puede continuar.",
                format_datetime(run.started_at), run.content_version, CURRICULUM.content_version
            )}</p>
            <p>{match answered {
                0 => "No había respondido ninguna pregunta de ese intento.".to_string(),
                1 => "No se pierde nada: su respuesta queda guardada en su historial, como intento sin terminar.".to_string(),
                n => format!("No se pierde nada: sus {n} respuestas quedan guardadas en su historial, como intento sin terminar."),
            }}</p>
            <div class="acciones">
                <button type="button" class="boton" on:click=move |_| start_attempt(store, topic, body)>"Empezar un intento nuevo"</button>
                <a class="boton secundario" href=routes::topic(topic.id)>"Volver al tema"</a>
            </div>
        </div>
    }
}

/// "versión 2026.11.1" after a result taken on an earlier content version; empty otherwise.
fn version_note(content_version: &str) -> String {
    if content_version == CURRICULUM.content_version {
        String::new()
    } else {
        format!(" · contenido versión {content_version}")
    }
}

#[component]
fn QuizIntro(topic: &'static Topic, body: &'static TopicBody) -> impl IntoView {
    let store = use_progress();
    let history = move || {
        let (attempts, aside) = store.progress.with(|p| {
            (
                p.attempts.get(topic.id).cloned().unwrap_or_default(),
                p.set_aside.get(topic.id).cloned().unwrap_or_default(),
            )
        });
        if attempts.is_empty() && aside.is_empty() {
            return view! { <p>"Aún no tiene intentos en este tema."</p> }.into_any();
        }
        let table = (!attempts.is_empty()).then(|| view! {
            <table class="historial">
                <caption>"Sus intentos"</caption>
                <thead><tr><th scope="col">"Fecha"</th><th scope="col">"Resultado"</th><th scope="col">"Estado"</th><th scope="col"><span class="solo-lectores">"Detalle"</span></th></tr></thead>
                <tbody>
                    {attempts.into_iter().rev().map(|a| view! {
                        <tr>
                            <td>{format_datetime(a.finished_at)}</td>
                            <td>{format!("{} de {} ({} %)", a.correct, a.total, a.percent)}</td>
                            <td>{if a.passed { "Aprobado" } else { "No aprobado" }}{version_note(&a.content_version)}</td>
                            <td><a href=routes::result(topic.id, &a.id)>"Ver detalle"</a></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        });
        let unfinished = (!aside.is_empty()).then(|| view! {
            <h2 class="historial-titulo">"Intentos sin terminar"</h2>
            <ul class="sin-terminar">
                {aside.into_iter().rev().map(|r| {
                    let right = r.answers.values().filter(|a| a.correct).count();
                    view! {
                        <li>{format!(
                            "Empezado el {}: {} de {} preguntas respondidas, {} correctas{}.",
                            format_datetime(r.started_at), r.answers.len(), r.questions.len(), right, version_note(&r.content_version)
                        )}</li>
                    }
                }).collect_view()}
            </ul>
        });
        view! { {table} {unfinished} }.into_any()
    };
    let count = topic.quiz_size.min(topic.bank_size);
    view! {
        <div class="pagina evaluacion">
            <nav aria-label="Ruta" class="migas"><a href=routes::home()>"Temas"</a>" › "<a href=routes::topic(topic.id)>{topic.short_title}</a>" › "<span aria-current="page">"Autoevaluación"</span></nav>
            <h1>"Autoevaluación: " {topic.short_title}</h1>
            <p class="quiz-conteo">{format!("{count} preguntas por intento, tomadas al azar de un banco de {}.", topic.bank_size)}</p>
            <ul>
                <li>{format!("Para aprobar necesita al menos {} % de respuestas correctas.", CURRICULUM.pass_mark)}</li>
                <li>"Después de cada respuesta verá si es correcta, por qué, y la sección de la lección para repasar."</li>
                <li>"Su avance se guarda después de cada respuesta: si cierra la página, continúa en la misma pregunta."</li>
                <li>"Puede intentarlo las veces que quiera."</li>
            </ul>
            <button type="button" class="boton" disabled=move || store.locked.get() on:click=move |_| start_attempt(store, topic, body)>"Comenzar"</button>
            {move || store.locked.get().then(|| view! { <p class="motivo">"Escriba el PIN de este perfil (arriba) para hacer la autoevaluación: sus respuestas se guardan en su perfil."</p> })}
            {history}
        </div>
    }
}

#[component]
fn QuestionView(
    topic: &'static Topic,
    body: &'static TopicBody,
    run: QuizRun,
    index: usize,
    showing: RwSignal<Option<String>>,
) -> impl IntoView {
    let store = use_progress();
    let total = run.questions.len();
    let drawn = run.questions[index].clone();
    let Some(q) = body.question(&drawn.id) else {
        // The content changed under a saved attempt: this question no longer exists.
        return view! {
            <div class="pagina evaluacion">
                <p role="alert">"Esta autoevaluación se empezó con una versión anterior del contenido y una de sus preguntas ya no existe."</p>
                <button type="button" class="boton" on:click=move |_| start_attempt(store, topic, body)>"Empezar un intento nuevo"</button>
            </div>
        }
        .into_any();
    };
    let answered = run.answers.get(q.id).cloned();
    let selected = RwSignal::new(
        answered
            .as_ref()
            .map(|a| a.chosen.clone())
            .unwrap_or_default(),
    );
    let locked = answered.is_some();
    let error = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(chosen) = submitted_choice(&ev, selected, error) else {
            return;
        };
        store.update(|p| {
            let at = now();
            let rec = p
                .current
                .get_mut(topic.id)
                .and_then(|r| r.answer(q, chosen, at));
            // Every wrong answer enters the review deck ("Repaso").
            if rec.as_ref().is_some_and(|r| !r.correct) {
                p.review.missed(topic.id, q, at);
            }
            rec.is_some()
        });
        showing.set(Some(q.id.to_string()));
        request_animation_frame(|| focus_by_id("retro"));
    };
    let is_last = index + 1 == total && run.answers.len() + usize::from(!locked) >= total;
    let navigate = use_navigate();
    let next = move |_| {
        if is_last {
            if let Some(id) = finish_attempt(store, topic) {
                navigate(&routes::result(topic.id, &id), nav_options());
                return;
            }
        }
        showing.set(None);
        request_animation_frame(|| focus_by_id("pregunta-titulo"));
    };
    let percent = ((index * 100) / total.max(1)) as u8;
    let feedback = answered
        .clone()
        .map(|a| answer_feedback(topic, q, &a.chosen, a.correct, None));
    view! {
        <div class="pagina evaluacion">
            <nav aria-label="Ruta" class="migas"><a href=routes::home()>"Temas"</a>" › "<a href=routes::topic(topic.id)>{topic.short_title}</a>" › "<span aria-current="page">"Autoevaluación"</span></nav>
            <p class="quiz-progreso">{format!("Pregunta {} de {}", index + 1, total)}</p>
            <ProgressBar percent=percent label=format!("Pregunta {} de {}", index + 1, total)/>
            <form class="pregunta" data-pregunta=q.id on:submit=submit>
                <QuestionFields q=q order=drawn.options.clone() selected=selected answered=locked/>
                {move || error.get().then(|| view! { <p class="error" role="alert">"Elija una respuesta antes de continuar."</p> })}
                {(!locked).then(|| view! { <button type="submit" class="boton">"Responder"</button> })}
            </form>
            <section id="retro" class="retro" aria-live="polite" tabindex="-1" aria-label="Retroalimentación">
                {feedback}
            </section>
            {locked.then(|| view! {
                <button type="button" class="boton" on:click=next>
                    {if is_last { "Ver mi resultado" } else { "Siguiente pregunta" }}
                </button>
            })}
        </div>
    }
    .into_any()
}

/// Scores the finished attempt of `topic`, moves it to the history, returns its id.
fn finish_attempt(store: ProgressStore, topic: &'static Topic) -> Option<String> {
    let mut done = None;
    store.update(|p| {
        let Some(run) = p.current.get(topic.id) else {
            return false;
        };
        let Some(attempt) = run.finish(CURRICULUM.pass_mark, now()) else {
            return false;
        };
        done = Some(attempt.id.clone());
        p.current.remove(topic.id);
        p.attempts
            .entry(topic.id.to_string())
            .or_default()
            .push(attempt);
        true
    });
    done
}

/// All questions answered (for example after a crash before the result): show the result.
#[component]
fn FinishView(topic: &'static Topic) -> impl IntoView {
    let store = use_progress();
    let navigate = use_navigate();
    let finish = move |_| {
        if let Some(id) = finish_attempt(store, topic) {
            navigate(&routes::result(topic.id, &id), nav_options());
        }
    };
    view! {
        <div class="pagina evaluacion">
            <h1 id="pregunta-titulo" tabindex="-1">"Respondió todas las preguntas"</h1>
            <button type="button" class="boton" on:click=finish>"Ver mi resultado"</button>
        </div>
    }
}

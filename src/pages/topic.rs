use leptos::prelude::*;

use super::{topic_param, NotFoundPage};
use crate::components::mistakes::MistakeSummary;
use crate::components::next_step::NextStep;
use crate::components::{set_title, ContentNote};
use crate::content::Topic;
use crate::model::next;
use crate::routes;
use crate::state::use_progress;

/// A topic: objectives, content note, its lessons and its self-assessment.
#[component]
pub fn TopicPage() -> impl IntoView {
    let topic = topic_param();
    move || match topic.get() {
        Some(t) => view! { <TopicView topic=t/> }.into_any(),
        None => view! { <NotFoundPage/> }.into_any(),
    }
}

#[component]
fn TopicView(topic: &'static Topic) -> impl IntoView {
    set_title(topic.short_title);
    let store = use_progress();
    let status = Memo::new(move |_| store.progress.with(|p| p.topic_status(topic)));
    // Her wrong answers over every attempt of the topic, for "Sus errores más frecuentes".
    let all_answers = Memo::new(move |_| {
        store.progress.with(|p| {
            p.attempts
                .get(topic.id)
                .into_iter()
                .flatten()
                .flat_map(|a| a.answers.iter().filter(|r| !r.correct).cloned())
                .collect::<Vec<_>>()
        })
    });
    // The topic's file gives the summary its links (and the kinds of answers saved before
    // kinds existed); it is fetched only when she has wrong answers, and the summary shows
    // without links until it arrives or if it cannot be loaded.
    let body = RwSignal::new(crate::content::loaded(topic));
    Effect::new(move |_| {
        if body.get_untracked().is_none() && all_answers.with(|a| !a.is_empty()) {
            #[cfg(target_arch = "wasm32")]
            leptos::task::spawn_local(async move {
                if let Ok(b) = crate::content::load(topic).await {
                    body.set(Some(b));
                }
            });
        }
    });
    let lessons = topic
        .lessons
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let read = move || store.progress.with(|p| p.is_read(l.id));
            view! {
                <li class="leccion-item" class:leida=read>
                    <a href=routes::lesson(topic.id, l.id)>
                        <span class="num">{i + 1}". "</span>{l.title}
                    </a>
                    <span class="meta">{format!("{} min", l.minutes)}
                        {move || read().then(|| view! { " · " <span class="leida-marca">"Leída"</span> })}
                    </span>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="pagina tema">
            <nav aria-label="Ruta" class="migas"><a href=routes::home()>"Temas"</a>" › "<span aria-current="page">{topic.short_title}</span></nav>
            <p class="sesion">"Sesión " {topic.session} " · " {format!("{} min aprox.", topic.minutes)}</p>
            <h1>{topic.title}</h1>
            {topic.content_note.map(|n| view! { <ContentNote text=n/> })}
            <p class="resumen">{topic.summary}</p>
            {move || {
                let p = store.progress.get();
                (!store.locked.get()).then(|| view! { <NextStep next=next::in_topic(&p, topic) progress=p.clone()/> })
            }}
            <section aria-labelledby="obj-titulo">
                <h2 id="obj-titulo">"Al terminar podrá"</h2>
                <ul class="objetivos">{topic.objectives.iter().map(|o| view! { <li>{*o}</li> }).collect_view()}</ul>
            </section>
            <section aria-labelledby="lecc-titulo">
                <h2 id="lecc-titulo">"Lecciones"</h2>
                <ol class="lista-lecciones">{lessons}</ol>
            </section>
            <section class="tarjeta-evaluacion" aria-labelledby="eval-titulo">
                <h2 id="eval-titulo">"Autoevaluación"</h2>
                <p>{format!("{} preguntas por intento, tomadas de un banco de {}. Intentos ilimitados.", topic.quiz_size.min(topic.bank_size), topic.bank_size)}</p>
                <p>{move || {
                    let s = status.get();
                    if s.accredited() {
                        "Tema acreditado: leyó todas las lecciones y aprobó la autoevaluación.".to_string()
                    } else if s.passed {
                        format!("Aprobó la autoevaluación. Le faltan {} lecciones por leer para acreditar el tema.", s.lessons_total - s.lessons_read)
                    } else {
                        "Para acreditar el tema: lea todas las lecciones y apruebe la autoevaluación.".to_string()
                    }
                }}</p>
                {move || match store.progress.with(|p| p.review.in_topic(topic.id)) {
                    0 => None,
                    n => Some(view! {
                        <p class="repaso-tema">
                            {if n == 1 { "1 pregunta de este tema está en su repaso. ".to_string() } else { format!("{n} preguntas de este tema están en su repaso. ") }}
                            <a href=routes::REVIEW>"Ir al repaso"</a>
                        </p>
                    }),
                }}
                {move || {
                    let answers = all_answers.get();
                    (!answers.is_empty()).then(|| view! {
                        <MistakeSummary topic=topic answers=answers body=body.get() scope="en todos sus intentos de este tema" nested=true/>
                    })
                }}
                <a class="boton secundario" href=routes::quiz(topic.id)>
                    {move || if status.get().in_progress { "Continuar la autoevaluación" } else { "Ir a la autoevaluación" }}
                </a>
            </section>
        </div>
    }
}

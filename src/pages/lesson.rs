use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{focus_fragment, param, topic_param, with_body, NotFoundPage};
use crate::components::next_step::NextStep;
use crate::components::read_aloud::ReadAloud;
use crate::components::{set_title, ContentNote};
use crate::content::{Confidence, Lesson, Topic, TopicBody};
use crate::model::next;
use crate::model::progress::Place;
use crate::routes;
use crate::state::{now, use_progress};

/// A lesson, rendered from build-time HTML; marked read at its end or by a button.
#[component]
pub fn LessonPage() -> impl IntoView {
    let topic = topic_param();
    let lesson = param("lesson");
    move || {
        let found = topic
            .get()
            .and_then(|t| lesson.get().and_then(|l| t.lesson(&l)).map(|l| (t, l)));
        match found {
            Some((t, l)) => with_body(
                t,
                move |body| view! { <LessonView topic=t lesson=l body=body/> },
            )
            .into_any(),
            None => view! { <NotFoundPage/> }.into_any(),
        }
    }
}

#[component]
fn LessonView(
    topic: &'static Topic,
    lesson: &'static Lesson,
    body: &'static TopicBody,
) -> impl IntoView {
    set_title(lesson.title);
    let store = use_progress();
    let path = routes::lesson(topic.id, lesson.id);
    store.update(move |p| {
        p.last_place = Some(Place {
            path,
            title: lesson.title.to_string(),
            at: now(),
        });
        true
    });
    focus_fragment();
    let read = Memo::new(move |_| store.progress.with(|p| p.is_read(lesson.id)));
    let mark = move || store.update(|p| p.mark_read(lesson.id, now()));

    // Reaching the end of the text marks the lesson read.
    let end = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(el) = end.get() else { return };
        let cb = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let seen = entries.iter().any(|e| {
                e.dyn_into::<web_sys::IntersectionObserverEntry>()
                    .map(|e| e.is_intersecting())
                    .unwrap_or(false)
            });
            if seen {
                mark();
            }
        });
        if let Ok(obs) = web_sys::IntersectionObserver::new(cb.as_ref().unchecked_ref()) {
            obs.observe(&el);
            on_cleanup(move || obs.disconnect());
        }
        cb.forget();
    });

    let index = topic
        .lessons
        .iter()
        .position(|l| l.id == lesson.id)
        .unwrap_or(0);
    let prev = index.checked_sub(1).and_then(|i| topic.lessons.get(i));
    let next = topic.lessons.get(index + 1);
    let note = lesson.content_note.or(topic.content_note);
    let sources = lesson
        .sources
        .iter()
        .filter_map(|id| body.fact(id))
        .map(|f| {
            let conf = match f.confidence {
                Confidence::High => "confianza alta",
                Confidence::Medium => "confianza media",
                Confidence::Low => "confianza baja: dato por confirmar",
            };
            view! {
                <li>
                    <span class="hecho-id">{f.id}</span>" (" {conf} ")"
                    {(!f.urls.is_empty()).then(|| view! {
                        ": "
                        {f.urls.iter().map(|u| view! {
                            <a class="externo" href=*u rel="noopener noreferrer" target="_blank">{short_url(u)}</a>" "
                        }).collect_view()}
                    })}
                </li>
            }
        })
        .collect_view();
    view! {
        <article class="pagina leccion">
            <nav aria-label="Ruta" class="migas">
                <a href=routes::home()>"Temas"</a>" › "
                <a href=routes::topic(topic.id)>{topic.short_title}</a>" › "
                <span aria-current="page">{format!("Lección {}", index + 1)}</span>
            </nav>
            <p class="sesion">{format!("Lección {} de {} · {} min", index + 1, topic.lessons.len(), lesson.minutes)}</p>
            <h1>{lesson.title}</h1>
            <p class="estado-leccion">
                {move || if read.get() {
                    view! { <span class="leida-marca">"✓ Leída"</span> }.into_any()
                } else {
                    view! { <button type="button" class="secundario" disabled=move || store.locked.get() on:click=move |_| mark()>"Marcar como leída"</button>
                    {move || store.locked.get().then(|| view! { <span class="motivo">" Escriba el PIN de este perfil (arriba) para guardar lo que lea."</span> })} }.into_any()
                }}
            </p>
            {note.map(|n| view! { <ContentNote text=n/> })}
            <ReadAloud container="texto-leccion" title=lesson.title/>
            <div id="texto-leccion" class="texto-leccion" inner_html=body.html(lesson.id).unwrap_or_default()></div>
            <section class="fuentes" aria-labelledby="fuentes-titulo">
                <h2 id="fuentes-titulo">"Fuentes"</h2>
                <p>"Hechos de la ficha de fuentes del curso en que se basa esta lección:"</p>
                <ul>{sources}</ul>
            </section>
            // After the sources, at the very end: a jump to the bottom of the page marks it too.
            <div node_ref=end class="fin-leccion">
                <p role="status">{move || if read.get() {
                    view! { <span class="leida-marca">"✓ Lección leída"</span> }.into_any()
                } else {
                    view! { <span class="meta">"Al llegar aquí, la lección queda marcada como leída."</span> }.into_any()
                }}</p>
                {move || if read.get() {
                    let progress = store.progress.get();
                    view! { <NextStep next=next::in_topic(&progress, topic) progress=progress/> }.into_any()
                } else {
                    view! {
                        <button type="button" class="siguiente-paso" disabled=move || store.locked.get() on:click=move |_| mark()>"Terminé esta lección"</button>
                    }.into_any()
                }}
            </div>
            <nav class="paginacion" aria-label="Lecciones">
                {prev.map(|p| view! { <a rel="prev" href=routes::lesson(topic.id, p.id)>"← " {p.title}</a> })}
                {match next {
                    Some(n) => view! { <a rel="next" href=routes::lesson(topic.id, n.id)>{n.title} " →"</a> }.into_any(),
                    None => view! { <a href=routes::quiz(topic.id)>"Ir a la autoevaluación →"</a> }.into_any(),
                }}
            </nav>
        </article>
    }
}

/// "https://www.example.org/a/b" -> "example.org".
fn short_url(u: &str) -> String {
    let host = u
        .split("//")
        .nth(1)
        .unwrap_or(u)
        .split('/')
        .next()
        .unwrap_or(u);
    host.trim_start_matches("www.").to_string()
}

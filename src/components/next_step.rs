//! The one primary "next" action of a page, worded for where she is (see `model::next`).

use leptos::prelude::*;

use crate::content::{Topic, CURRICULUM};
use crate::model::next::{self, Next};
use crate::model::progress::Progress;
use crate::routes;
use crate::state::use_progress;

/// The words and the link of a next step.
pub fn label_and_href(next: Next, p: &Progress) -> (String, String) {
    match next {
        Next::Lesson(t, l) => {
            let n = t.lessons.iter().position(|x| x.id == l.id).unwrap_or(0) + 1;
            let started = t.lessons.iter().any(|x| p.is_read(x.id));
            let verb = if started { "Seguir con" } else { "Empezar" };
            (
                format!("{verb}: Lección {n} · {} ({} min)", l.title, l.minutes),
                routes::lesson(t.id, l.id),
            )
        }
        Next::Quiz(t) => (
            if p.current.contains_key(t.id) {
                format!("Continuar la autoevaluación: {}", t.short_title)
            } else {
                format!(
                    "Hacer la autoevaluación: {} ({} preguntas)",
                    t.short_title, t.quiz_size
                )
            },
            routes::quiz(t.id),
        ),
        Next::Accredited(t) => (
            format!("Ver mi constancia de «{}»", t.short_title),
            routes::certificate(t.id),
        ),
        Next::CourseDone => (
            "Ver mi constancia del curso completo".to_string(),
            routes::certificate(routes::COURSE),
        ),
    }
}

/// The primary button for `next`.
#[component]
pub fn NextStep(next: Next, progress: Progress) -> impl IntoView {
    let (label, href) = label_and_href(next, &progress);
    view! { <a class="boton siguiente-paso" href=href>{label}</a> }
}

/// After a quiz: the one next step for her progress (her constancia and the next topic after a
/// pass that accredits the topic; the next unread lesson; else another attempt), and when the
/// questions she missed come back in Repaso.
#[component]
pub fn ResultNext(topic: &'static Topic, missed: Vec<String>) -> impl IntoView {
    let store = use_progress();
    let back = move || {
        store.progress.with(|p| {
            let due: Vec<f64> = missed
                .iter()
                .filter_map(|q| p.review.0.get(q))
                .filter(|c| c.leitner_box > 0)
                .map(|c| c.due)
                .collect();
            let first = due
                .iter()
                .copied()
                .fold(None, |m: Option<f64>, d| Some(m.map_or(d, |m| m.min(d))))?;
            Some(match due.len() {
                1 => format!(
                    "La pregunta que falló pasó a su repaso. La verá de nuevo el {}.",
                    short_date(first)
                ),
                n => format!(
                    "Las {n} preguntas que falló pasaron a su repaso. Las verá de nuevo el {}.",
                    short_date(first)
                ),
            })
        })
    };
    let next = move || {
        let p = store.progress.get();
        match next::in_topic(&p, topic) {
            Next::Accredited(t) => {
                let after = next::next_topic(&p, &CURRICULUM, t);
                let all_done = after.is_none();
                view! {
                    <p class="felicidades"><strong>{format!("¡Felicidades! Acreditó «{}».", t.short_title)}</strong></p>
                    <a class="boton siguiente-paso" href=routes::certificate(t.id)>{format!("Ver mi constancia de «{}»", t.short_title)}</a>
                    {after.map(|n| view! {
                        <a class="boton secundario" href=routes::topic(n.id)>{format!("Siguiente tema: {}", n.short_title)}</a>
                    })}
                    {all_done.then(|| view! {
                        <a class="boton secundario" href=routes::certificate(routes::COURSE)>"Ver mi constancia del curso completo"</a>
                    })}
                }
                .into_any()
            }
            step => view! { <NextStep next=step progress=p.clone()/> }.into_any(),
        }
    };
    view! {
        <div class="siguiente">
            {next}
            {move || back().map(|t| view! {
                <p class="vuelven">{t}" "<a href=format!("{}?ahora=1", routes::REVIEW)>"Practicar ahora"</a></p>
            })}
        </div>
    }
}

/// "08/12" (day and month; the year only confuses a date a day or a week away).
fn short_date(ms: f64) -> String {
    let full = crate::components::format_date(ms);
    full.get(..5).unwrap_or(&full).to_string()
}

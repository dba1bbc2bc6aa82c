//! "Sus errores más frecuentes": the kinds of mistake behind her wrong answers, each with the
//! sections that teach what she missed. Shown on the result page (one attempt) and on the topic
//! page (every attempt of the topic).

use leptos::prelude::*;

use crate::content::{Topic, TopicBody};
use crate::model::mistakes::{tally, MistakeCount};
use crate::model::quiz::AnswerRecord;
use crate::routes;

/// The summary for `answers`, or nothing when none of her wrong answers has a known kind.
/// Without the topic's file (`body`), answers that kept their kind still count, without links.
#[component]
pub fn MistakeSummary(
    topic: &'static Topic,
    answers: Vec<AnswerRecord>,
    body: Option<&'static TopicBody>,
    /// Says what the counts cover, e.g. "en este intento".
    scope: &'static str,
) -> impl IntoView {
    let counts = tally(&answers, body);
    (!counts.is_empty()).then(|| {
        let items = counts
            .into_iter()
            .map(|m| view! { <MistakeItem topic=topic mistake=m/> })
            .collect_view();
        view! {
            <section class="errores-frecuentes" aria-labelledby="errores-titulo">
                <h2 id="errores-titulo">"Sus errores más frecuentes"</h2>
                <p class="meta">{format!("Qué tipo de error fueron sus respuestas incorrectas {scope}, y dónde repasarlo.")}</p>
                <ul>{items}</ul>
            </section>
        }
    })
}

#[component]
fn MistakeItem(topic: &'static Topic, mistake: MistakeCount) -> impl IntoView {
    let label = capitalize(mistake.label);
    let links = mistake
        .sections
        .iter()
        .filter_map(|&(lesson, section)| {
            let l = topic.lesson(lesson)?;
            let place = l
                .sections
                .iter()
                .find(|s| s.id == section && !section.is_empty())
                .map_or(l.title.to_string(), |s| format!("{} › {}", l.title, s.title));
            Some(view! { <li><a href=routes::section(topic.id, lesson, section)>{place}</a></li> })
        })
        .collect::<Vec<_>>();
    let repase = (!links.is_empty()).then(|| {
        view! {
            <span class="errores-repase">"Repase: "</span>
            <ul class="errores-secciones">{links}</ul>
        }
    });
    view! {
        <li class="error-tipo" data-error=mistake.kind>
            <strong>{label}</strong>
            {format!(" ({})", mistake.count)}
            {repase}
        </li>
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

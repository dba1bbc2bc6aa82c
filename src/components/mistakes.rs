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
/// How many kinds are listed (the most frequent), and how many sections each links to: enough to
/// say where to start, short enough to read on a phone.
const SHOWN_KINDS: usize = 3;
const SHOWN_SECTIONS: usize = 2;

#[component]
pub fn MistakeSummary(
    topic: &'static Topic,
    answers: Vec<AnswerRecord>,
    body: Option<&'static TopicBody>,
    /// Says what the counts cover, e.g. "en este intento".
    scope: &'static str,
    /// Inside a section that has its own heading (the topic page's card): an h3, not an h2.
    #[prop(optional)]
    nested: bool,
) -> impl IntoView {
    let counts = tally(&answers, body);
    (!counts.is_empty()).then(|| {
        let items = counts
            .into_iter()
            .take(SHOWN_KINDS)
            .map(|m| view! { <MistakeItem topic=topic mistake=m/> })
            .collect_view();
        view! {
            <section class="errores-frecuentes" aria-labelledby="errores-titulo">
                {if nested {
                    view! { <h3 id="errores-titulo">"Sus errores más frecuentes"</h3> }.into_any()
                } else {
                    view! { <h2 id="errores-titulo">"Sus errores más frecuentes"</h2> }.into_any()
                }}
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
        .take(SHOWN_SECTIONS)
        .filter_map(|&(lesson, section)| {
            let l = topic.lesson(lesson)?;
            // The section's own title says what to reread; the lesson's, for its introduction.
            let place = l
                .sections
                .iter()
                .find(|s| s.id == section && !section.is_empty())
                .map_or(l.title, |s| s.title);
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

//! What the quiz and the review show alike for one question: the case, the prompt, the options,
//! and the feedback after an answer.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::content::{Question, QuestionKind, Topic};
use crate::routes;

/// What the trainee is asked to do with a question of this kind.
fn kind_hint(q: &Question) -> &'static str {
    match q.kind {
        QuestionKind::Multiple => "Marque todas las respuestas correctas.",
        QuestionKind::TrueFalse => "Indique si la afirmación es verdadera o falsa.",
        QuestionKind::Single | QuestionKind::Case => "Elija una respuesta.",
    }
}

/// On submit: the options chosen, or None with the "choose an answer" message shown (the
/// message is `error`, which the page renders under the options).
pub fn submitted_choice(
    ev: &leptos::ev::SubmitEvent,
    selected: RwSignal<Vec<String>>,
    error: RwSignal<bool>,
) -> Option<Vec<String>> {
    ev.prevent_default();
    let chosen = selected.get_untracked();
    error.set(chosen.is_empty());
    (!chosen.is_empty()).then_some(chosen)
}

/// Moves the focus to the element with `id` (a new question, or the feedback after an answer).
pub fn focus_by_id(id: &str) {
    if let Some(el) = crate::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// The inside of a question's form. A case shows its situation first, and the situation takes
/// the focus a new question gets (`#pregunta-titulo`), so a screen reader starts there too; then
/// the prompt as the legend of the options, the hint, and the options in `order` (option ids)
/// as radio buttons or checkboxes bound to `selected`. Once `answered`, the inputs lock and each
/// option shows whether it was right and whether it was chosen.
#[component]
pub fn QuestionFields(
    q: &'static Question,
    order: Vec<String>,
    selected: RwSignal<Vec<String>>,
    #[prop(into)] answered: Signal<bool>,
) -> impl IntoView {
    let multiple = q.kind == QuestionKind::Multiple;
    let input_type = if multiple { "checkbox" } else { "radio" };
    let name = format!("p-{}", q.id);
    let options = order
        .iter()
        .filter_map(|oid| q.options.iter().find(|o| o.id == oid))
        .enumerate()
        .map(|(i, o)| {
            let id = o.id.to_string();
            let id2 = id.clone();
            let checked = move || selected.with(|s| s.contains(&id2));
            let class = move || {
                if !answered.get() {
                    return "opcion";
                }
                let picked = selected.with(|s| s.iter().any(|c| c == o.id));
                match (picked, o.correct) {
                    (true, true) => "opcion correcta elegida",
                    (true, false) => "opcion incorrecta elegida",
                    (false, true) => "opcion correcta",
                    (false, false) => "opcion",
                }
            };
            let letter = (b'A' + i as u8) as char;
            view! {
                <li class=class>
                    <label>
                        <input type=input_type name=name.clone() value=id.clone()
                            disabled=move || answered.get()
                            prop:checked=checked
                            on:change=move |_| {
                                let id = id.clone();
                                selected.update(|s| {
                                    if multiple {
                                        if let Some(p) = s.iter().position(|x| *x == id) { s.remove(p); } else { s.push(id); }
                                    } else {
                                        *s = vec![id];
                                    }
                                });
                            }/>
                        <span class="letra" aria-hidden="true">{letter}</span>
                        <span class="opcion-texto">{o.text}</span>
                    </label>
                </li>
            }
        })
        .collect_view();
    view! {
        {q.case.map(|c| view! {
            <div class="caso" id="pregunta-titulo" tabindex="-1">
                <p class="caso-etiqueta">"Caso"</p>
                <p>{c}</p>
            </div>
        })}
        <fieldset>
            <legend>
                <h1 id=q.case.is_none().then_some("pregunta-titulo") tabindex="-1">{q.prompt}</h1>
            </legend>
            <p class="indicacion">{kind_hint(q)}</p>
            <ul class="opciones">{options}</ul>
        </fieldset>
    }
}

/// What follows an answer: right or wrong, the feedback of each option chosen, the correct answer
/// when it was wrong, the explanation, an optional `note` (the review's next date), and the link
/// to the lesson section that teaches the question.
pub fn answer_feedback(
    topic: &'static Topic,
    q: &'static Question,
    chosen: &[String],
    right: bool,
    note: Option<String>,
) -> impl IntoView {
    let chosen_feedback = q
        .options
        .iter()
        .filter(|o| chosen.iter().any(|c| c == o.id))
        .map(|o| view! { <li><strong>{o.text}": "</strong>{o.feedback}</li> })
        .collect_view();
    let correct_text = q
        .options
        .iter()
        .filter(|o| o.correct)
        .map(|o| o.text)
        .collect::<Vec<_>>()
        .join(" · ");
    let lesson_title = topic
        .lesson(q.lesson)
        .map(|l| l.title)
        .unwrap_or("la lección");
    view! {
        <p class=if right { "veredicto bien" } else { "veredicto mal" }>
            {if right { "✓ Correcto" } else { "✗ Incorrecto" }}
        </p>
        <ul class="retro-opciones">{chosen_feedback}</ul>
        {(!right).then(|| view! { <p><strong>"Respuesta correcta: "</strong>{correct_text}</p> })}
        <p>{q.explanation}</p>
        {note.map(|n| view! { <p class="repaso-proxima">{n}</p> })}
        <p><a href=routes::section(topic.id, q.lesson, q.section)>"Repasar en la lección: " {lesson_title}</a></p>
    }
}

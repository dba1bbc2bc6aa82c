use leptos::prelude::*;

use crate::components::question::{answer_feedback, focus_by_id, submitted_choice, QuestionFields};
use crate::components::{end_of_today, format_date, set_title, ProgressBar};
use crate::content::{Question, QuestionKind, Topic, TopicBody, CURRICULUM};
use crate::model::quiz::{is_correct, Rng};
use crate::model::review::{Outcome, INTERVAL_DAYS};
use crate::routes;
use crate::state::{now, random_u64, use_progress};

/// One question of today's review, with its topic's file.
#[derive(Clone, Copy)]
struct Due {
    topic: &'static Topic,
    question: &'static Question,
}

/// Where the review page stands.
#[derive(Clone)]
enum Stage {
    /// Downloading the files of the topics with due questions.
    Loading,
    /// Today's questions, fixed when the page opened, and topics whose file could not load.
    Ready {
        queue: Vec<Due>,
        failed: Vec<(&'static Topic, String)>,
    },
}

/// "Repaso": the questions answered wrong that are due today, across topics, with the quiz's
/// immediate feedback. Practice only: quiz results and constancias do not change.
/// `/repaso?ahora=1` («Practicar ahora»): every question in her deck, due or not, and the deck
/// does not change (right after a quiz, when nothing is due yet).
#[component]
pub fn ReviewPage() -> impl IntoView {
    set_title("Repaso");
    let query = leptos_router::hooks::use_query_map();
    move || {
        let practice = query.with(|q| q.get("ahora").is_some());
        view! { <ReviewSession practice=practice/> }
    }
}

#[component]
fn ReviewSession(practice: bool) -> impl IntoView {
    let store = use_progress();
    let until = if practice {
        f64::MAX
    } else {
        end_of_today(now())
    };
    let stage = RwSignal::new(Stage::Loading);
    let topics: Vec<&'static Topic> = store.progress.with_untracked(|p| {
        CURRICULUM
            .topics
            .iter()
            .filter(|t| p.review.due(until).iter().any(|(_, c)| c.topic == t.id))
            .collect()
    });
    // Once every file is in: cards whose question was removed or rewritten leave quietly, then
    // today's queue is fixed (answering does not reshuffle it).
    let settle = move |bodies: Vec<(&'static Topic, Result<&'static TopicBody, String>)>| {
        let mut failed = vec![];
        for (t, b) in &bodies {
            match b {
                Ok(body) => {
                    store.update(|p| p.review.check_topic(t.id, |id| body.question(id), now()))
                }
                Err(msg) => failed.push((*t, msg.clone())),
            }
        }
        let queue = store.progress.with_untracked(|p| {
            p.review
                .due(until)
                .into_iter()
                .filter_map(|(id, c)| {
                    let (t, b) = bodies.iter().find(|(t, _)| t.id == c.topic)?;
                    let question = b.as_ref().ok()?.question(id)?;
                    Some(Due { topic: t, question })
                })
                .collect()
        });
        stage.set(Stage::Ready { queue, failed });
    };
    load_all(topics, settle);
    let index = RwSignal::new(0usize);
    let right = RwSignal::new(0usize);
    move || match stage.get() {
        Stage::Loading => view! {
            <div class="pagina repaso cargando-tema" role="status">
                <h1>"Repaso"</h1>
                <p>"Preparando sus preguntas…"</p>
            </div>
        }
        .into_any(),
        Stage::Ready { queue, failed } => {
            let total = queue.len();
            let failed = failed
                .into_iter()
                .map(|(t, msg)| view! { <p class="aviso" role="alert">{format!("No se pudieron cargar las preguntas de «{}»: {msg}", t.short_title)}</p> })
                .collect_view();
            let body = move || {
                match queue.get(index.get()).copied() {
                Some(due) => view! { <ReviewQuestion due=due index=index.get_untracked() total=total index_signal=index right=right practice=practice/> }.into_any(),
                None => view! { <ReviewDone total=total right=right.get_untracked() practice=practice/> }.into_any(),
            }
            };
            view! {
                <div class="pagina repaso evaluacion">
                    {failed}
                    {body}
                </div>
            }
            .into_any()
        }
    }
}

/// Loads the topic files (at once when already loaded) and hands them to `done`.
fn load_all(
    topics: Vec<&'static Topic>,
    done: impl Fn(Vec<(&'static Topic, Result<&'static TopicBody, String>)>) + 'static,
) {
    #[cfg(target_arch = "wasm32")]
    leptos::task::spawn_local(async move {
        let mut bodies = vec![];
        for t in topics {
            let b = crate::content::load(t).await.map_err(|e| e.message());
            bodies.push((t, b));
        }
        done(bodies);
    });
    #[cfg(not(target_arch = "wasm32"))]
    done(
        topics
            .into_iter()
            .map(|t| (t, crate::content::loaded(t).ok_or_else(String::new)))
            .collect(),
    );
}

/// The review's intro line: what it is and that it changes no result.
fn intro() -> impl IntoView {
    view! {
        <p class="repaso-intro">{format!(
            "Las preguntas que responda mal vuelven aquí al día siguiente. Cada vez que acierte, la siguiente vuelta se espacia más ({} días); si falla, vuelve al día siguiente, y después de acertar a los {} días sale del repaso. Es práctica: no cambia sus resultados ni sus constancias.",
            days_list(), INTERVAL_DAYS[INTERVAL_DAYS.len() - 1]
        )}</p>
    }
}

/// "3, 7, 14 y 30": the waits after a right answer.
fn days_list() -> String {
    let d: Vec<String> = INTERVAL_DAYS[1..].iter().map(u32::to_string).collect();
    format!("{} y {}", d[..d.len() - 1].join(", "), d[d.len() - 1])
}

#[component]
fn ReviewDone(total: usize, right: usize, practice: bool) -> impl IntoView {
    let store = use_progress();
    let next = move || store.progress.with(|p| p.review.next_due());
    let empty = move || store.progress.with(|p| p.review.next_due().is_none());
    view! {
        <h1 id="pregunta-titulo" tabindex="-1">"Repaso"</h1>
        {intro()}
        <p class="repaso-estado">{match (total, practice) {
            (0, _) => "No tiene preguntas para repasar hoy.".to_string(),
            (_, true) => format!("Terminó la práctica: {right} de {total} correctas. Su repaso no cambió."),
            _ => format!("Terminó el repaso de hoy: {right} de {total} correctas."),
        }}</p>
        {move || (total == 0 && !practice && !empty()).then(|| view! {
            <p>"¿Quiere practicar ya las preguntas que falló? No cambia sus fechas de repaso."</p>
            <p><a class="boton siguiente-paso" href=format!("{}?ahora=1", routes::REVIEW)>"Practicar ahora"</a></p>
        })}
        <p>{move || match next() {
            Some(at) => format!("Su próximo repaso: {}.", format_date(at)),
            None => "Su repaso está vacío. Las preguntas que responda mal en una autoevaluación aparecerán aquí al día siguiente.".to_string(),
        }}</p>
        <p><a class=move || if empty() { "boton" } else { "boton secundario" } href=routes::home()>"Volver a los temas"</a></p>
    }
}

#[component]
fn ReviewQuestion(
    due: Due,
    index: usize,
    total: usize,
    index_signal: RwSignal<usize>,
    right: RwSignal<usize>,
    practice: bool,
) -> impl IntoView {
    let store = use_progress();
    let Due { topic, question: q } = due;
    let mut order: Vec<String> = q.options.iter().map(|o| o.id.to_string()).collect();
    if q.kind != QuestionKind::TrueFalse {
        Rng::new(random_u64()).shuffle(&mut order);
    }
    let selected = RwSignal::new(Vec::<String>::new());
    // Right or wrong once answered, and the card's next date (signal types the app already
    // uses: no new signal code in the wasm).
    let verdict = RwSignal::new(None::<bool>);
    let schedule = RwSignal::new(String::new());
    let error = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        let Some(chosen) = submitted_choice(&ev, selected, error) else {
            return;
        };
        let ok = is_correct(q, &chosen);
        let mut result = None;
        if !practice {
            store.update(|p| {
                result = p.review.answer(topic.id, q, ok, now());
                result.is_some()
            });
        }
        if ok {
            right.update(|r| *r += 1);
        }
        schedule.set(match result {
            Some(Outcome::Graduated) => "Dominada: esta pregunta sale de su repaso.".to_string(),
            Some(Outcome::Scheduled { due, .. }) => {
                format!("Volverá a su repaso el {}.", format_date(due))
            }
            None if practice => "Práctica: su repaso no cambia.".to_string(),
            None => String::new(),
        });
        verdict.set(Some(ok));
        request_animation_frame(|| focus_by_id("retro"));
    };
    let next = move |_| {
        index_signal.update(|i| *i += 1);
        request_animation_frame(|| focus_by_id("pregunta-titulo"));
    };
    let is_last = index + 1 == total;
    let feedback = move || {
        verdict.get().map(|ok| {
            let note = Some(schedule.get_untracked());
            answer_feedback(topic, q, &selected.get_untracked(), ok, note)
        })
    };
    let percent = ((index * 100) / total.max(1)) as u8;
    view! {
        <nav aria-label="Ruta" class="migas"><a href=routes::home()>"Temas"</a>" › "<span aria-current="page">"Repaso"</span></nav>
        <p class="quiz-progreso">{format!("Repaso · pregunta {} de {} · {}", index + 1, total, topic.short_title)}</p>
        <ProgressBar percent=percent label=format!("Pregunta {} de {} del repaso", index + 1, total)/>
        <form class="pregunta" data-pregunta=q.id on:submit=submit>
            <QuestionFields q=q order=order selected=selected answered=Signal::derive(move || verdict.get().is_some())/>
            {move || error.get().then(|| view! { <p class="error" role="alert">"Elija una respuesta antes de continuar."</p> })}
            {move || verdict.get().is_none().then(|| view! { <button type="submit" class="boton">"Responder"</button> })}
        </form>
        <section id="retro" class="retro" aria-live="polite" tabindex="-1" aria-label="Retroalimentación">
            {feedback}
        </section>
        {move || verdict.get().is_some().then(|| view! {
            <button type="button" class="boton" on:click=next>
                {if is_last { "Terminar el repaso" } else { "Siguiente pregunta" }}
            </button>
        })}
    }
}

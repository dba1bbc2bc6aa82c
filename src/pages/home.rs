use leptos::prelude::*;

use crate::components::next_step::{label_and_href, NextStep};
use crate::components::{end_of_today, format_date, set_title, ProgressBar};
use crate::content::CURRICULUM;
use crate::model::next;
use crate::routes;
use crate::state::{now, use_progress};

/// The five topics, overall progress and the one next step.
#[component]
pub fn HomePage() -> impl IntoView {
    set_title("Inicio");
    let store = use_progress();
    let overall = Memo::new(move |_| store.progress.with(|p| p.overall_percent(&CURRICULUM)));
    let accredited = Memo::new(move |_| store.progress.with(|p| p.accredited_count(&CURRICULUM)));
    // The one primary action: on a first visit, the welcome questions; then Repaso when
    // questions are due today; else the next lesson, quiz or constancia (`model::next`).
    let until = end_of_today(now());
    let primary = move || {
        if store.locked.get() {
            return None;
        }
        let due = store.progress.with(|p| p.review.due(until).len());
        let first_visit = !store
            .profile
            .with(|p| p.as_ref().is_some_and(|p| p.identified()))
            && store.progress.with(|p| {
                p.lessons_read.is_empty() && p.attempts.is_empty() && p.current.is_empty()
            });
        let progress = store.progress.get();
        let next = next::in_course(&progress, &CURRICULUM);
        Some(if first_visit {
            view! {
                <p class="primera-vez">"¿Es su primera vez aquí? Empiece aquí: dos preguntas rápidas y después la primera lección."</p>
                <a class="boton siguiente-paso" href=routes::WELCOME>"Empezar"</a>
            }
            .into_any()
        } else if due > 0 {
            let (label, href) = label_and_href(next, &progress);
            view! {
                <a class="boton siguiente-paso" href=routes::REVIEW>{match due {
                    1 => "Repasar ahora: 1 pregunta de hoy".to_string(),
                    n => format!("Repasar ahora: {n} preguntas de hoy"),
                }}</a>
                <p class="despues">"Después: "<a href=href>{label}</a></p>
            }
            .into_any()
        } else {
            view! { <NextStep next=next progress=progress/> }.into_any()
        })
    };
    // Review ("Repaso"): how many questions are due today; shown once the deck has cards.
    let review = move || {
        let (due, next) = store
            .progress
            .with(|p| (p.review.due(until).len(), p.review.next_due()));
        let next = next?;
        Some(view! {
            <section class="resumen-repaso" aria-labelledby="repaso-titulo">
                <h2 id="repaso-titulo">"Repaso"</h2>
                <p class="repaso-hoy">{match due {
                    0 => format!("No tiene preguntas para repasar hoy. Su próximo repaso: {}.", format_date(next)),
                    1 => "Tiene 1 pregunta para repasar hoy.".to_string(),
                    n => format!("Tiene {n} preguntas para repasar hoy."),
                }}</p>
            </section>
        })
    };
    let topics = CURRICULUM
        .topics
        .iter()
        .map(|t| {
            let status = Memo::new(move |_| store.progress.with(|p| p.topic_status(t)));
            view! {
                <li class="tarjeta-tema">
                    <p class="sesion">"Sesión " {t.session}</p>
                    <h3><a href=routes::topic(t.id)>{t.short_title}</a></h3>
                    <p class="resumen">{t.summary}</p>
                    <p class="estado-tema">
                        {move || {
                            if store.locked.get() {
                                return "Avance protegido con PIN".to_string();
                            }
                            let s = status.get();
                            let mut parts = vec![format!("{} de {} lecciones leídas", s.lessons_read, s.lessons_total)];
                            match s.best_percent {
                                Some(b) => parts.push(format!("mejor resultado {b} %")),
                                None if s.in_progress => parts.push("autoevaluación en curso".into()),
                                None => parts.push("autoevaluación pendiente".into()),
                            }
                            parts.join(" · ")
                        }}
                        {move || status.get().accredited().then(|| view! { <span class="insignia">"Acreditado"</span> })}
                    </p>
                    <p class="duracion">{format!("{} min aprox.", t.minutes)}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="pagina inicio">
            <h1>{CURRICULUM.title}</h1>
            <p class="subtitulo">{CURRICULUM.subtitle}</p>
            <section class="resumen-avance" aria-labelledby="avance-titulo">
                <h2 id="avance-titulo">"Su avance"</h2>
                {move || if store.locked.get() {
                    view! { <p class="bloqueado">"Su avance está guardado y protegido con PIN. Escriba el PIN arriba para verlo."</p> }.into_any()
                } else {
                    view! {
                        <ProgressBar percent=overall.get() label="Avance general".to_string()/>
                        <p>{format!("{} % del curso · {} de {} temas acreditados", overall.get(), accredited.get(), CURRICULUM.topics.len())}</p>
                    }.into_any()
                }}
                {primary}
            </section>
            {review}
            <section aria-labelledby="temas-titulo">
                <h2 id="temas-titulo">"Temas de la Jornada"</h2>
                <ol class="lista-temas">{topics}</ol>
            </section>
            <p class="privacidad-corta">"Todo su avance se queda en este equipo: no hay cuentas ni rastreo. "<a href=routes::PRIVACY>"Más sobre privacidad"</a></p>
        </div>
    }
}

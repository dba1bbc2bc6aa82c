use leptos::prelude::*;

use crate::components::{end_of_today, format_date, set_title, ProgressBar};
use crate::content::CURRICULUM;
use crate::routes;
use crate::state::{now, use_progress};

/// The five topics, overall progress and "Continuar donde me quedé".
#[component]
pub fn HomePage() -> impl IntoView {
    set_title("Inicio");
    let store = use_progress();
    let overall = Memo::new(move |_| store.progress.with(|p| p.overall_percent(&CURRICULUM)));
    let accredited = Memo::new(move |_| store.progress.with(|p| p.accredited_count(&CURRICULUM)));
    let resume = move || {
        store.progress.with(|p| p.last_place.clone()).map(|place| {
            view! {
                <a class="boton continuar" href=place.path.clone()>
                    "Continuar donde me quedé: " <span class="continuar-titulo">{place.title.clone()}</span>
                </a>
            }
        })
    };
    // Review ("Repaso"): how many questions are due today; shown once the deck has cards.
    let until = end_of_today(now());
    let review = move || {
        let (due, next) = store
            .progress
            .with(|p| (p.review.due(until).len(), p.review.next_due()));
        let next = next?;
        Some(view! {
            <section class="resumen-repaso" aria-labelledby="repaso-titulo">
                <h2 id="repaso-titulo">"Repaso"</h2>
                <p class="repaso-hoy">{match due {
                    0 => format!("No tienes preguntas para repasar hoy. Tu próximo repaso: {}.", format_date(next)),
                    1 => "Tienes 1 pregunta para repasar hoy.".to_string(),
                    n => format!("Tienes {n} preguntas para repasar hoy."),
                }}</p>
                {(due > 0).then(|| view! { <a class="boton" href=routes::REVIEW>"Repasar ahora"</a> })}
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
                <h2 id="avance-titulo">"Tu avance"</h2>
                {move || view! { <ProgressBar percent=overall.get() label="Avance general".to_string()/> }}
                <p>{move || format!("{} % del curso · {} de {} temas acreditados", overall.get(), accredited.get(), CURRICULUM.topics.len())}</p>
                {resume}
            </section>
            {review}
            <section aria-labelledby="temas-titulo">
                <h2 id="temas-titulo">"Temas de la Jornada"</h2>
                <ol class="lista-temas">{topics}</ol>
            </section>
            <p class="privacidad-corta">"Todo tu avance se queda en este equipo: no hay cuentas ni rastreo. "<a href=routes::PRIVACY>"Más sobre privacidad"</a></p>
        </div>
    }
}

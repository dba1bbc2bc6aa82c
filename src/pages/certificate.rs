use leptos::prelude::*;

use super::{param, NotFoundPage};
use crate::components::who::WhoForm;
use crate::components::{format_date as day, set_title};
use crate::content::{Topic, CURRICULUM};
use crate::model::backup::verification_code;
use crate::model::progress::{Attempt, Progress};
use crate::routes;
use crate::state::use_progress;

/// The first passing attempt and the best score of a topic, when it is accredited.
fn accreditation(p: &Progress, t: &Topic) -> Option<(Attempt, u8)> {
    if !p.topic_status(t).accredited() {
        return None;
    }
    let attempts = p.attempts.get(t.id)?;
    let first = attempts
        .iter()
        .filter(|a| a.passed)
        .min_by(|a, b| a.finished_at.total_cmp(&b.finished_at))?;
    let best = attempts.iter().map(|a| a.percent).max()?;
    Some((first.clone(), best))
}

/// Exactly what a topic still needs before its constancia: the lessons not read (with links)
/// and the best score against the pass mark.
fn missing_in_topic(p: &Progress, t: &'static Topic) -> impl IntoView {
    let unread: Vec<_> = t
        .lessons
        .iter()
        .enumerate()
        .filter(|(_, l)| !p.is_read(l.id))
        .map(|(i, l)| view! { <li><a href=routes::lesson(t.id, l.id)>{format!("Lección {}: {}", i + 1, l.title)}</a></li> })
        .collect();
    let status = p.topic_status(t);
    let quiz = match status.best_percent {
        _ if status.passed => None,
        Some(b) => Some(format!(
            "Su mejor resultado en la autoevaluación es {b} %; necesita al menos {} %.",
            CURRICULUM.pass_mark
        )),
        None => Some(format!(
            "Le falta aprobar la autoevaluación (al menos {} %).",
            CURRICULUM.pass_mark
        )),
    };
    view! {
        <p>{format!("Aún no acredita «{}». Le falta:", t.short_title)}</p>
        {(!unread.is_empty()).then(|| view! {
            <p>{format!("Leer {} de {} lecciones:", unread.len(), t.lessons.len())}</p>
            <ul class="faltantes">{unread}</ul>
        })}
        {quiz.map(|q| view! { <p>{q}" "<a href=routes::quiz(t.id)>"Ir a la autoevaluación"</a></p> })}
    }
}

/// A printable self-assessment record for one topic, or for the whole course (`/constancia/curso`).
#[component]
pub fn CertificatePage() -> impl IntoView {
    set_title("Constancia");
    let which = param("topic");
    let store = use_progress();
    move || {
        let Some(which) = which.get() else {
            return view! { <NotFoundPage/> }.into_any();
        };
        let course = which == routes::COURSE;
        let topic = CURRICULUM.topic(&which);
        if !course && topic.is_none() {
            return view! { <NotFoundPage/> }.into_any();
        }
        let Some(profile) = store
            .profile
            .get()
            .filter(|p| !p.name.trim().is_empty() && !p.municipality.is_empty())
        else {
            return view! {
                <div class="pagina constancia-falta">
                    <h1>"Constancia"</h1>
                    <p>"La constancia lleva su nombre y su municipio. Escríbalos para verla."</p>
                    <WhoForm submit="Guardar y ver mi constancia" on_saved=Callback::new(|()| ()) id="constancia"/>
                </div>
            }
            .into_any();
        };
        let progress = store.progress.get();
        let topics: Vec<&'static Topic> = match topic {
            Some(t) => vec![t],
            None => CURRICULUM.topics.iter().collect(),
        };
        let rows: Vec<_> = topics
            .iter()
            .map(|t| (*t, accreditation(&progress, t)))
            .collect();
        let missing: Vec<&str> = rows
            .iter()
            .filter(|(_, a)| a.is_none())
            .map(|(t, _)| t.short_title)
            .collect();
        if !missing.is_empty() {
            return view! {
                <div class="pagina constancia-falta">
                    <h1>"Constancia"</h1>
                    {if course {
                        view! { <p>{format!("La constancia del curso completo se emite cuando acredite los cinco temas. Le falta: {}.", missing.join(", "))}</p> }.into_any()
                    } else {
                        topic.map(|t| missing_in_topic(&progress, t)).into_any()
                    }}
                    <p><a href=routes::home()>"Volver a los temas"</a></p>
                </div>
            }
            .into_any();
        }
        let printed: Vec<(&str, String, u8, String)> = rows
            .iter()
            .filter_map(|(t, a)| {
                let (a, best) = a.as_ref()?;
                Some((t.id, day(a.finished_at), *best, a.content_version.clone()))
            })
            .collect();
        let fields = results::constancia_fields(
            &profile.name,
            &profile.municipality,
            &profile.job_title,
            &which,
            &printed
                .iter()
                .map(|(t, d, b, v)| (*t, d.as_str(), *b, v.as_str()))
                .collect::<Vec<_>>(),
        );
        let code = verification_code(&fields.iter().map(String::as_str).collect::<Vec<_>>());
        let title = match topic {
            Some(t) => format!("Sesión {}: {}", t.session, t.title),
            None => format!("{} (cinco sesiones)", CURRICULUM.title),
        };
        let table = rows
            .into_iter()
            .map(|(t, a)| {
                let (a, best) = a.expect("checked above");
                view! {
                    <tr>
                        <td>{format!("{}. {}", t.session, t.short_title)}</td>
                        <td>{day(a.finished_at)}</td>
                        <td>{format!("{best} %")}</td>
                        <td>{a.content_version}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <article class="pagina constancia">
                <p class="constancia-encabezado">"Jornada · Autoestudio para las Instancias Municipales de las Mujeres de Guanajuato"</p>
                <h1>"Constancia de autoevaluación"</h1>
                <p>"Se hace constar que"</p>
                <p class="constancia-nombre">{profile.name.trim().to_string()}</p>
                <p>{profile.municipality.clone()}{(!profile.job_title.is_empty()).then(|| format!(" · {}", profile.job_title))}</p>
                <p>"acreditó en el autoestudio (lecciones leídas y autoevaluación aprobada con al menos " {CURRICULUM.pass_mark} " %):"</p>
                <p class="constancia-tema">{title}</p>
                <table class="constancia-tabla">
                    <thead><tr><th scope="col">"Tema"</th><th scope="col">"Fecha de acreditación"</th><th scope="col">"Mejor resultado"</th><th scope="col">"Versión del contenido"</th></tr></thead>
                    <tbody>{table}</tbody>
                </table>
                <p class="constancia-codigo">"Código de verificación: " <strong>{code}</strong></p>
                <p class="meta">"El código se calcula con el nombre, municipio, cargo, temas, fechas, resultados y versión del contenido: si alguno cambia, el código no coincide."</p>
                <p class="constancia-nota">"Este documento es un registro de autoevaluación generado por la app Jornada en el equipo de la persona. No es un documento oficial ni una certificación de la Secretaría de las Mujeres del Estado de Guanajuato (antes IMUG)."</p>
                <button type="button" class="boton" on:click=|_| { let _ = crate::window().map(|w| w.print()); }>"Imprimir"</button>
            </article>
        }
        .into_any()
    }
}

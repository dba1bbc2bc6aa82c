use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};

use crate::components::{download, file_stamp, format_date, format_datetime, set_title};
use crate::content::CURRICULUM;
use crate::model::backup::{self, Change, ImportError, Payload};
use crate::routes;
use crate::state::{now, use_progress};

fn topics() -> Vec<(&'static str, &'static str)> {
    CURRICULUM
        .topics
        .iter()
        .map(|t| (t.id, t.short_title))
        .collect()
}

/// Backup file (export and import with preview), results for the municipal contact, constancias.
#[component]
pub fn BackupPage() -> impl IntoView {
    set_title("Respaldo y resultados");
    let store = use_progress();
    let export = move |all: bool| {
        let t = now();
        let profiles = store.data.with_untracked(|d| {
            if all {
                d.profiles.clone()
            } else {
                d.active().cloned().into_iter().collect()
            }
        });
        if profiles.is_empty() || store.locked.get_untracked() {
            return;
        }
        let text = backup::export(&profiles, CURRICULUM.content_version, t);
        let name = if all {
            "todos".to_string()
        } else {
            "perfil".to_string()
        };
        download(
            &format!("jornada-respaldo-{name}-{}.json", file_stamp()),
            &text,
            "application/json",
        );
        let ids: Vec<String> = profiles.iter().map(|p| p.id.clone()).collect();
        store.update_profiles(|d| {
            for p in d.profiles.iter_mut().filter(|p| ids.contains(&p.id)) {
                p.last_backup = Some(t);
            }
            true
        });
    };
    let results = move |csv: bool| {
        let Some(mut p) = store.profile.get_untracked() else {
            return;
        };
        p.progress = store.progress.get_untracked();
        let (text, ext, mime) = if csv {
            (
                backup::results_csv(&p, &topics(), &format_date),
                "csv",
                "text/csv;charset=utf-8",
            )
        } else {
            (
                backup::results_json(&p, &topics(), &format_date, now()),
                "json",
                "application/json",
            )
        };
        download(
            &format!("jornada-resultados-{}.{ext}", file_stamp()),
            &text,
            mime,
        );
    };
    let last_backup = move || {
        store
            .profile
            .get()
            .map(|p| match p.last_backup {
                Some(t) => format!("Último respaldo de este perfil: {}", format_datetime(t)),
                None => "Este perfil todavía no tiene respaldo.".to_string(),
            })
            .unwrap_or_else(|| "Aún no hay avance que respaldar.".to_string())
    };
    let constancias = CURRICULUM
        .topics
        .iter()
        .map(|t| view! { <li><a href=routes::certificate(t.id)>{t.short_title}</a></li> })
        .collect_view();
    view! {
        <div class="pagina respaldo">
            <h1>"Respaldo y resultados"</h1>
            <p>"Tu avance vive en este navegador, y los navegadores pueden borrarlo (por ejemplo, si pasan días sin abrir la página o si falta espacio). El archivo de respaldo es la copia que conservas tú: guárdalo en una memoria USB o envíatelo."</p>
            <p class="estado-respaldo" role="status">{last_backup}</p>
            <section aria-labelledby="exportar-titulo">
                <h2 id="exportar-titulo">"Descargar un respaldo"</h2>
                <button type="button" on:click=move |_| export(false)>"Respaldo de mi perfil"</button>
                <button type="button" class="secundario" on:click=move |_| export(true)>"Respaldo de todos los perfiles"</button>
            </section>
            <ImportSection/>
            <section aria-labelledby="resultados-titulo">
                <h2 id="resultados-titulo">"Resultados para la persona enlace del municipio"</h2>
                <p>"Tus temas, fechas, calificaciones y versión del contenido, listos para enviar por USB o mensajería. El archivo JSON lleva un código de integridad que permite detectar si alguien lo editó."</p>
                <button type="button" on:click=move |_| results(true)>"Descargar resultados (CSV)"</button>
                <button type="button" class="secundario" on:click=move |_| results(false)>"Descargar resultados (JSON)"</button>
                <p>"¿Eres la persona enlace de tu municipio? Reúne aquí los archivos que te envían: "<a href=routes::BOARD rel="external">"tablero de la persona enlace"</a>"."</p>
            </section>
            <section aria-labelledby="constancias-titulo">
                <h2 id="constancias-titulo">"Constancias de autoevaluación"</h2>
                <p>"Disponibles para cada tema acreditado, y para el curso completo cuando acredites los cinco."</p>
                <ul>{constancias}<li><a href=routes::certificate(routes::COURSE)>"Curso completo"</a></li></ul>
            </section>
        </div>
    }
}

/// Import: read the file (refusing large ones before reading), show what would change, apply
/// only when the trainee confirms, after keeping a copy of what is stored now.
#[component]
fn ImportSection() -> impl IntoView {
    let store = use_progress();
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(None::<(Payload, Vec<Change>)>);
    let done = RwSignal::new(None::<String>);
    let on_file = move |ev: leptos::ev::Event| {
        error.set(None);
        done.set(None);
        pending.set(None);
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        if file.size() > backup::MAX_BYTES as f64 {
            error.set(Some(ImportError::TooLarge.message()));
            return;
        }
        spawn_local(async move {
            let text = match JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string())
            {
                Some(t) => t,
                None => {
                    error.set(Some(
                        "No se pudo leer el archivo. No se cambió nada.".into(),
                    ));
                    return;
                }
            };
            match backup::parse(&text) {
                Err(e) => error.set(Some(e.message())),
                Ok(payload) => {
                    let changes = store.data.with_untracked(|d| backup::preview(d, &payload));
                    pending.set(Some((payload, changes)));
                }
            }
        });
    };
    let apply = move |_| {
        let Some((payload, _)) = pending.get_untracked() else {
            return;
        };
        if !store.backup_before_import() {
            error.set(Some("No se pudo guardar una copia de tu avance actual antes de importar, así que no se cambió nada.".into()));
            return;
        }
        let switch_to = payload.profiles.first().map(|p| p.id.clone());
        store.update_profiles(|d| {
            backup::apply(d, &payload);
            if d.active().is_none()
                || d.active()
                    .is_some_and(|p| !p.has_progress() && p.name.is_empty())
            {
                if let Some(id) = switch_to {
                    d.profiles
                        .retain(|p| p.id == id || p.has_progress() || !p.name.is_empty());
                    d.active = Some(id);
                }
            }
            true
        });
        pending.set(None);
        done.set(Some(
            "Respaldo importado. Tu avance anterior se conservó y se combinó con el del archivo."
                .into(),
        ));
    };
    view! {
        <section aria-labelledby="importar-titulo">
            <h2 id="importar-titulo">"Recuperar un respaldo"</h2>
            <p>"Primero verás qué contiene el archivo y qué cambiará; nada se aplica hasta que lo confirmes. Tu avance actual nunca se pierde: se combina con el del archivo."</p>
            <label for="archivo-respaldo" class="boton secundario">"Elegir archivo de respaldo"</label>
            <input id="archivo-respaldo" class="solo-lectores-input" type="file" accept=".json,application/json" on:change=on_file/>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {move || done.get().map(|d| view! { <p class="ok" role="status">{d}</p> })}
            {move || pending.get().map(|(payload, changes)| view! {
                <div class="vista-previa" role="region" aria-labelledby="vista-titulo">
                    <h3 id="vista-titulo">"Contenido del archivo"</h3>
                    <p class="meta">{format!("Respaldo del {} · contenido versión {}", format_datetime(payload.exported_at), payload.content_version)}</p>
                    <ul>
                        {changes.into_iter().map(|c| view! {
                            <li>
                                <strong>{c.name}</strong>
                                {(!c.municipality.is_empty()).then(|| format!(" · {}", c.municipality))}
                                ": "
                                {if c.new { "perfil nuevo en este equipo".to_string() } else { "se combinará con el perfil existente".to_string() }}
                                {format!(" · {} lecciones y {} intentos nuevos", c.lessons_added, c.attempts_added)}
                            </li>
                        }).collect_view()}
                    </ul>
                    <button type="button" on:click=apply>"Importar"</button>
                    <button type="button" class="secundario" on:click=move |_| pending.set(None)>"Cancelar"</button>
                </div>
            })}
        </section>
    }
}

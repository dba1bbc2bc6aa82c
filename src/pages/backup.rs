use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};

use crate::components::who::WhoForm;
use crate::components::{
    download, file_stamp, format_date, format_datetime, set_title, share_file,
};
use crate::content::CURRICULUM;
use crate::model::backup::{self, Change, ImportError, Payload};
use crate::model::profiles::Profile;
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
    let last_backup = move || {
        store
            .profile
            .get()
            .map(|p| match p.last_backup {
                Some(t) => format!("Última copia de este perfil: {}", format_datetime(t)),
                None => "Este perfil todavía no tiene una copia guardada.".to_string(),
            })
            .unwrap_or_else(|| "Aún no hay avance que guardar.".to_string())
    };
    let constancias = CURRICULUM
        .topics
        .iter()
        .map(|t| view! { <li><a href=routes::certificate(t.id)>{t.short_title}</a></li> })
        .collect_view();
    view! {
        <div class="pagina respaldo">
            <h1>"Respaldo y resultados"</h1>
            <SendResults/>
            <section aria-labelledby="exportar-titulo">
                <h2 id="exportar-titulo">"Guardar una copia de mi avance"</h2>
                <p>"Su avance vive en este navegador, y los navegadores pueden borrarlo (por ejemplo, si pasan días sin abrir la página o si falta espacio). Guarde una copia en una memoria USB o envíesela a usted misma: con ella recupera su avance en este o en otro equipo. La copia es para usted, no para su persona enlace."</p>
                <p class="estado-respaldo" role="status">{last_backup}</p>
                <button type="button" class="secundario" on:click=move |_| export(false)>"Guardar una copia de mi avance"</button>
                <button type="button" class="secundario" on:click=move |_| export(true)>"Guardar una copia de todos los perfiles de este equipo"</button>
            </section>
            <ImportSection/>
            <section aria-labelledby="constancias-titulo">
                <h2 id="constancias-titulo">"Constancias de autoevaluación"</h2>
                <p>"Disponibles para cada tema acreditado, y para el curso completo cuando acredite los cinco."</p>
                <ul>{constancias}<li><a href=routes::certificate(routes::COURSE)>"Curso completo"</a></li></ul>
                <p>"¿Es usted la persona enlace de su municipio? Reúna aquí los archivos que le envían: "<a href=routes::BOARD rel="external">"tablero de la persona enlace"</a>"."</p>
            </section>
        </div>
    }
}

/// What became of her last request for a results file.
#[derive(Clone, PartialEq)]
enum Sent {
    /// The share sheet took the file.
    Shared(String),
    /// Downloaded (no share sheet, or it failed).
    Downloaded(String),
    /// The CSV was downloaded.
    Spreadsheet(String),
    /// She closed the share sheet.
    Cancelled,
    Locked,
}

/// "Enviar mis resultados a mi persona enlace": the verifiable results file (JSON), through the
/// share sheet where the browser can share files, else downloaded with where it went and how
/// to send it. Without her name and municipality it asks for them first: no results file leaves
/// without both. The spreadsheet (CSV) sits below, under «Otros formatos (para Excel)».
#[component]
fn SendResults() -> impl IntoView {
    let store = use_progress();
    // Which file she asked for while her name or municipality was missing (true: the CSV).
    let asking = RwSignal::new(None::<bool>);
    let sent = RwSignal::new(None::<Sent>);
    let send = move |csv: bool| {
        sent.set(None);
        if store.locked.get_untracked() {
            sent.set(Some(Sent::Locked));
            return;
        }
        let mut p = store
            .profile
            .get_untracked()
            .unwrap_or_else(|| Profile::new(String::new(), now()));
        p.progress = store.progress.get_untracked();
        let ext = if csv { "csv" } else { "json" };
        let (Some(name), Some(text)) = (
            backup::results_file_name(&p, &file_stamp(), ext),
            if csv {
                backup::results_csv(&p, &topics(), &format_date)
            } else {
                backup::results_json(&p, &topics(), &format_date, now())
            },
        ) else {
            asking.set(Some(csv));
            return;
        };
        asking.set(None);
        if csv {
            download(&name, &text, "text/csv;charset=utf-8");
            sent.set(Some(Sent::Spreadsheet(name)));
            return;
        }
        match share_file(
            &name,
            &text,
            "application/json",
            "Mis resultados de Jornada",
        ) {
            Some(promise) => spawn_local(async move {
                match JsFuture::from(promise).await {
                    Ok(_) => sent.set(Some(Sent::Shared(name))),
                    Err(e) if error_name(&e) == "AbortError" => sent.set(Some(Sent::Cancelled)),
                    Err(_) => {
                        download(&name, &text, "application/json");
                        sent.set(Some(Sent::Downloaded(name)));
                    }
                }
            }),
            None => {
                download(&name, &text, "application/json");
                sent.set(Some(Sent::Downloaded(name)));
            }
        }
    };
    let ask = move || {
        asking.get().map(|csv| {
            let on_saved = Callback::new(move |()| send(csv));
            view! {
                <div class="pedir-datos" role="group" aria-labelledby="pedir-datos-titulo">
                    <h3 id="pedir-datos-titulo">"Antes de enviar: ¿de quién son estos resultados?"</h3>
                    <p>"Su persona enlace necesita su nombre y su municipio para saber de quién es el archivo. Escríbalos y se enviará enseguida."</p>
                    <WhoForm submit=if csv { "Guardar y descargar" } else { "Guardar y enviar" } on_saved=on_saved id="enviar"/>
                </div>
            }
        })
    };
    let outcome = move || {
        sent.get().map(|s| match s {
            Sent::Shared(name) => view! {
                <div class="ok" role="status">
                    <p><strong>"Listo: "</strong>"el archivo «"<span class="nombre-archivo">{name}</span>"» se envió a la aplicación que eligió."</p>
                    <p>"Si su persona enlace no lo recibe, vuelva a intentarlo."</p>
                </div>
            }
            .into_any(),
            Sent::Downloaded(name) => view! {
                <div class="ok" role="status">
                    <p><strong>"Listo: "</strong>"se guardó el archivo «"<span class="nombre-archivo">{name}</span>"» en la carpeta Descargas de este equipo."</p>
                    <p>"Para enviarlo por WhatsApp: abra el chat de su persona enlace, toque el clip (📎), elija «Documento» y busque el archivo en Descargas. No lo envíe como foto. También puede enviarlo por correo como archivo adjunto, o copiarlo en una memoria USB."</p>
                </div>
            }
            .into_any(),
            Sent::Spreadsheet(name) => view! {
                <p class="ok" role="status">"Se guardó «"<span class="nombre-archivo">{name}</span>"» en la carpeta Descargas. Ábralo con Excel u otra hoja de cálculo."</p>
            }
            .into_any(),
            Sent::Cancelled => view! {
                <p class="meta" role="status">"No se envió nada. Cuando quiera, toque el botón otra vez."</p>
            }
            .into_any(),
            Sent::Locked => view! {
                <p class="error" role="alert">"Este perfil tiene PIN: escríbalo en "<a href=routes::PROFILES>"Perfil"</a>" para enviar sus resultados."</p>
            }
            .into_any(),
        })
    };
    view! {
        <section class="enviar-resultados" aria-labelledby="resultados-titulo">
            <h2 id="resultados-titulo">"Enviar mis resultados"</h2>
            <p>"Su persona enlace del municipio reúne los resultados de cada participante. Envíele este archivo: lleva su nombre, sus temas, fechas y calificaciones, y un código que muestra si alguien lo cambió."</p>
            <button type="button" class="siguiente-paso" on:click=move |_| send(false)>"Enviar mis resultados a mi persona enlace"</button>
            {ask}
            {outcome}
            <details class="otros-formatos">
                <summary>"Otros formatos (para Excel)"</summary>
                <p>"Una hoja de cálculo con sus resultados, para abrirla en Excel. Su persona enlace no puede comprobar si alguien la cambió: para enviar, use el botón de arriba."</p>
                <button type="button" class="secundario" on:click=move |_| send(true)>"Descargar mis resultados para Excel (CSV)"</button>
            </details>
        </section>
    }
}

/// The `name` of a rejected promise's `DOMException` ("AbortError" when she closed the sheet).
fn error_name(e: &wasm_bindgen::JsValue) -> String {
    js_sys::Reflect::get(e, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default()
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
            error.set(Some("No se pudo guardar una copia de su avance actual antes de importar, así que no se cambió nada.".into()));
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
            "Copia recuperada. Su avance anterior se conservó y se combinó con el de la copia."
                .into(),
        ));
    };
    view! {
        <section aria-labelledby="importar-titulo">
            <h2 id="importar-titulo">"Recuperar mi avance desde una copia"</h2>
            <p>"Primero verá qué contiene la copia y qué cambiará; nada se aplica hasta que usted lo confirme. Su avance actual nunca se pierde: se combina con el de la copia."</p>
            <label for="archivo-respaldo" class="boton secundario">"Elegir la copia guardada"</label>
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

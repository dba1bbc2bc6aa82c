//! Reusable, route-agnostic pieces: header, footer, banners, quick exit, notes.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::content::CURRICULUM;
use crate::routes;
use crate::state::{now, use_progress, ProgressStore};
use crate::storage::{self, Mode, Notice, StoreError};

pub mod discreet;
pub mod mistakes;
pub mod next_step;
pub mod question;
pub mod read_aloud;
pub mod text_size;
pub mod who;

/// Where the quick exit goes: a neutral, same-origin page that works offline.
pub const NEUTRAL_PAGE: &str = "/salida.html";

/// Leaves at once for a neutral page, replacing this entry in the history.
pub fn quick_exit() {
    read_aloud::stop();
    discreet::note_exit();
    if let Some(w) = crate::window() {
        let _ = w.location().replace(NEUTRAL_PAGE);
    }
}

/// Sets the document title (a neutral one in "Modo discreto").
pub use discreet::set_title;

/// Today as "2026-11-30" (local time), for the names of downloaded files.
pub fn file_stamp() -> String {
    let d = LocalTime::at(crate::state::now());
    format!("{}-{:02}-{:02}", d.year, d.month, d.day)
}

/// Offers `text` as a file download.
pub fn download(filename: &str, text: &str, mime: &str) {
    let Some(doc) = crate::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = doc.create_element("a") {
        if let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() {
            a.set_href(&url);
            a.set_download(filename);
            let _ = doc.body().map(|b| b.append_child(&a));
            a.click();
            a.remove();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Opens the device's share sheet with `text` as a file named `filename`
/// (`navigator.share({files})`, as Chrome on Android offers), so WhatsApp or email takes the
/// file directly. `None` where the browser cannot share files: the caller downloads instead.
/// Must run inside a user gesture (a click or a submit).
pub fn share_file(filename: &str, text: &str, mime: &str, title: &str) -> Option<js_sys::Promise> {
    use js_sys::{Array, Function, Object, Reflect};
    let w = crate::window()?;
    let nav: JsValue = w.navigator().into();
    let method = |name: &str| {
        Reflect::get(&nav, &name.into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
    };
    let (can_share, share) = (method("canShare")?, method("share")?);
    let file_ctor = Reflect::get(&w, &"File".into())
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    let opts = Object::new();
    Reflect::set(&opts, &"type".into(), &mime.into()).ok()?;
    let file = Reflect::construct(
        &file_ctor,
        &Array::of3(&Array::of1(&text.into()), &filename.into(), &opts),
    )
    .ok()?;
    let data = Object::new();
    Reflect::set(&data, &"files".into(), &Array::of1(&file)).ok()?;
    Reflect::set(&data, &"title".into(), &title.into()).ok()?;
    if !can_share.call1(&nav, &data).ok()?.is_truthy() {
        return None;
    }
    share
        .call1(&nav, &data)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()
}

/// A moment split into the trainee's local calendar fields (the browser's time zone; UTC in
/// native builds, where there is no browser).
struct LocalTime {
    year: i64,
    month: u32,
    day: u32,
    hours: u32,
    minutes: u32,
}

impl LocalTime {
    #[cfg(target_arch = "wasm32")]
    fn at(ms: f64) -> Self {
        let d = js_sys::Date::new(&JsValue::from_f64(ms));
        LocalTime {
            year: d.get_full_year() as i64,
            month: d.get_month() + 1,
            day: d.get_date(),
            hours: d.get_hours(),
            minutes: d.get_minutes(),
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn at(ms: f64) -> Self {
        // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
        let secs = (ms / 1000.0).floor() as i64;
        let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        LocalTime {
            year: yoe + era * 400 + i64::from(month <= 2),
            month,
            day,
            hours: (rem / 3600) as u32,
            minutes: (rem % 3600 / 60) as u32,
        }
    }
}

/// Formats a time as "28/11/2026 14:05" in local time.
pub fn format_datetime(ms: f64) -> String {
    let d = LocalTime::at(ms);
    format!(
        "{:02}/{:02}/{} {:02}:{:02}",
        d.day, d.month, d.year, d.hours, d.minutes
    )
}

/// Formats a day as "28/11/2026" in local time (review dates, constancias, results files).
pub fn format_date(ms: f64) -> String {
    let d = LocalTime::at(ms);
    format!("{:02}/{:02}/{}", d.day, d.month, d.year)
}

/// The last millisecond of the local day of `ms`: what "due today" counts up to.
pub fn end_of_today(ms: f64) -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        let d = js_sys::Date::new(&JsValue::from_f64(ms));
        d.set_hours(23);
        d.set_minutes(59);
        d.set_seconds(59);
        d.set_milliseconds(999);
        d.get_time()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        const DAY: f64 = 86_400_000.0;
        (ms / DAY).floor() * DAY + DAY - 1.0
    }
}

/// Formats a time as "14:05".
pub fn format_time(ms: f64) -> String {
    let d = LocalTime::at(ms);
    format!("{:02}:{:02}", d.hours, d.minutes)
}

/// Keeps `el` where she sees it while what is above it changes (the profile she just created
/// appearing above the form she sent): its place on the screen is read now and, in the next frame,
/// once the view has updated and before it is painted, the page scrolls by however far it moved.
/// Browsers' scroll anchoring means to do this, but Chromium counts the move as a layout shift
/// when the change comes in a frame of its own, as when the app presses a button she pressed
/// before it started (issue 21). A scroll is not a layout shift.
pub fn keep_in_place(el: &web_sys::Element) {
    let before = el.get_bounding_client_rect().top();
    let el = el.clone();
    request_animation_frame(move || {
        let moved = el.get_bounding_client_rect().top() - before;
        if moved.abs() >= 0.5 {
            if let Some(w) = crate::window() {
                w.scroll_by_with_x_and_y(0.0, moved);
            }
        }
    });
}

#[component]
pub fn SiteHeader() -> impl IntoView {
    let store = use_progress();
    let profile_label = move || match store.profile.get() {
        Some(p) if !p.name.trim().is_empty() => format!("Perfil: {}", p.display_name()),
        _ => "Perfil".to_string(),
    };
    view! {
        <header class="cabecera">
            <QuickExitButton/>
            <div class="cabecera-interior">
                <a class="marca" href=routes::home()>
                    <span class="marca-nombre">"Jornada"</span>
                    <span class="marca-sub">"Autoestudio IMM Guanajuato"</span>
                </a>
                <nav aria-label="Principal">
                    <ul class="nav">
                        <li><a href=routes::home()>"Temas"</a></li>
                        <li><a href=routes::GLOSSARY>"Glosario"</a></li>
                        <li><a href=routes::REVIEW>"Repaso"</a></li>
                        <li><a href=routes::SEARCH>"Buscar"</a></li>
                        <li><a href=routes::HELP>"Líneas de ayuda"</a></li>
                        <li><a href=routes::BACKUP>"Respaldo"</a></li>
                        <li><a href=routes::PROFILES class="nav-perfil">{profile_label}</a></li>
                    </ul>
                </nav>
                <text_size::TextSize/>
            </div>
        </header>
    }
}

/// Esc pressed three times leaves for a neutral page, like the button ([`QuickExitButton`]).
#[component]
pub fn QuickExit() -> impl IntoView {
    let Some(w) = crate::window() else { return };
    let presses = std::rc::Rc::new(std::cell::RefCell::new(Vec::<f64>::new()));
    let on_key =
        Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |ev: web_sys::KeyboardEvent| {
            if ev.key() != "Escape" {
                return;
            }
            let t = now();
            let mut p = presses.borrow_mut();
            p.retain(|x| t - x < 1500.0);
            p.push(t);
            if p.len() >= 3 {
                quick_exit();
            }
        });
    let _ = w.add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
    on_key.forget();
}

/// The quick-exit control: first in the header, so it is the first stop after the skip link
/// (drawn as a bar fixed at the top on phones, in the top corner on wider screens, see
/// `.salida-rapida` in the CSS). A link, so
/// it leaves even on a prerendered page before the app starts or with JavaScript off; with the
/// app running it replaces the history entry instead.
#[component]
pub fn QuickExitButton() -> impl IntoView {
    view! {
        <a class="salida-rapida" href=NEUTRAL_PAGE rel="external"
            on:click=|ev| { ev.prevent_default(); quick_exit(); }
            title="Sale de inmediato a una página neutral. También: Esc tres veces.">
            "Salida rápida"
        </a>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    let store = use_progress();
    let pwa = crate::pwa::use_pwa();
    let connection = move || {
        if !pwa.online.get() {
            Some(view! { <span class="estado-red sin-red">"Sin conexión"</span> })
        } else {
            None
        }
    };
    let offline = move || {
        pwa.offline_ready
            .get()
            .then(|| view! { <span class="estado-red">"Disponible sin conexión"</span> })
    };
    let persisted = move || {
        match pwa.persisted.get() {
        Some(true) => Some(view! { <p class="meta">"Almacenamiento protegido: el navegador no borrará su avance para liberar espacio."</p> }.into_any()),
        Some(false) => Some(view! { <p class="meta">"El navegador podría borrar su avance si le falta espacio: guarde una copia de vez en cuando."</p> }.into_any()),
        None => None,
    }
    };
    let status = move || match store.mode.get() {
        Mode::Saving => match store.saved_at.get() {
            Some(t) => format!("Guardado en este equipo · {}", format_time(t)),
            None => "Su avance se guarda en este equipo".to_string(),
        },
        Mode::MemoryOnly(_) => "Sin guardar: su avance solo está en esta pestaña".to_string(),
        Mode::ReadOnlyNewer(_) => "Sin guardar: hay una versión más nueva abierta".to_string(),
    };
    view! {
        <footer class="pie">
            <p class="estado-guardado" role="status">{status}</p>
            <p class="estado-respaldo">{move || match store.profile.get().and_then(|p| p.last_backup) {
                Some(t) => format!("Última copia: {}", format_datetime(t)),
                None => "Sin copia guardada todavía".to_string(),
            }}</p>
            <p class="estados-red" role="status">{offline}{connection}</p>
            {persisted}
            <p>
                <a href=routes::PRIVACY>"Privacidad"</a>
                " · Contenido versión " {CURRICULUM.content_version}
            </p>
            <p class="pie-nota">"Material de autoestudio. No sustituye la capacitación oficial de la Secretaría de las Mujeres del Estado de Guanajuato (antes IMUG)."</p>
        </footer>
    }
}

fn download_progress(store: ProgressStore) {
    let text = storage::encode(&store.data.get_untracked(), now());
    download("jornada-progreso.json", &text, "application/json");
}

/// Persistent banners about stored data: what happened and what the trainee can do.
#[component]
pub fn Banners() -> impl IntoView {
    let store = use_progress();
    let mode_banner = move || {
        match store.mode.get() {
        Mode::Saving => ().into_any(),
        Mode::MemoryOnly(err) => {
            let text = match err {
                StoreError::Quota => "El almacenamiento de este navegador está lleno: su avance no se está guardando en este equipo. Puede seguir estudiando, pero lo que haga se perderá al cerrar la pestaña. Descargue su avance para conservarlo.",
                StoreError::Unavailable => "Este navegador no permite guardar datos (modo privado o almacenamiento desactivado): su avance no se está guardando en este equipo. Puede seguir estudiando, pero lo que haga se perderá al cerrar la pestaña.",
                StoreError::Other(_) => "No se pudo guardar en este equipo: su avance solo existe en esta pestaña. Descargue su avance para conservarlo.",
            };
            view! {
                <div class="aviso aviso-alerta" role="alert">
                    <p><strong>"Su avance no se está guardando. "</strong>{text}</p>
                    <button type="button" on:click=move |_| download_progress(store)>"Descargar mi avance"</button>
                </div>
            }
            .into_any()
        }
        Mode::ReadOnlyNewer(_) => view! {
            <div class="aviso aviso-alerta" role="alert">
                <p><strong>"Hay una versión más nueva de Jornada abierta. "</strong>
                "Para no dañar su avance, esta pestaña ya no guarda cambios. Recargue la página para usar la versión nueva."</p>
                <button type="button" on:click=|_| { let _ = crate::window().map(|w| w.location().reload()); }>"Recargar"</button>
            </div>
        }
        .into_any(),
    }
    };
    let notices = move || {
        store
            .notices
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, n)| {
                let dismiss = move |_| store.notices.update(|v| { if i < v.len() { v.remove(i); } });
                match n {
                    Notice::CorruptKept { key, reason } => {
                        let k = key.clone();
                        view! {
                            <div class="aviso aviso-recuperacion" role="alert">
                                <p><strong>"No pudimos leer su avance guardado"</strong>" ("{reason}"). "
                                "Guardamos una copia exacta en este equipo y empezamos con un avance nuevo. Puede descargar la copia para pedir ayuda o recuperarla."</p>
                                <button type="button" on:click=move |_| {
                                    if let Some(raw) = ProgressStore::raw(&k) {
                                        download("jornada-copia-danada.json", &raw, "application/json");
                                    }
                                }>"Descargar la copia dañada"</button>
                                <button type="button" class="secundario" on:click=dismiss>"Entendido"</button>
                            </div>
                        }
                        .into_any()
                    }
                    Notice::Migrated { .. } => view! {
                        <div class="aviso" role="status">
                            <p>"Actualizamos el formato de su avance a esta versión de Jornada. Guardamos una copia del formato anterior."</p>
                            <button type="button" class="secundario" on:click=dismiss>"Entendido"</button>
                        </div>
                    }
                    .into_any(),
                }
            })
            .collect_view()
    };
    let pwa = crate::pwa::use_pwa();
    let update = move || {
        pwa.update_waiting.get().then(|| {
            view! {
                <div class="aviso aviso-actualizacion" role="status">
                    <p><strong>"Nueva versión disponible. "</strong>
                    "Se descargó una versión nueva de Jornada. Se aplicará cuando usted lo decida; su avance y su autoevaluación en curso se conservan."</p>
                    <button type="button" on:click=move |_| pwa.apply_update()>"Actualizar ahora"</button>
                </div>
            }
        })
    };
    let reminder_hidden = RwSignal::new(false);
    let reminder = move || {
        if reminder_hidden.get() || store.locked.get() {
            return None;
        }
        let last = store.profile.get().and_then(|p| p.last_backup);
        let latest_pass = store.progress.with(|p| {
            p.attempts
                .values()
                .flatten()
                .filter(|a| a.passed)
                .map(|a| a.finished_at)
                .fold(None, |m: Option<f64>, t| Some(m.map_or(t, |m| m.max(t))))
        });
        let week = 7.0 * 24.0 * 3600.0 * 1000.0;
        let (due, text) = match (latest_pass, last) {
            (Some(_), None) => (
                true,
                "Aprobó un tema: guarde una copia de su avance para no perderlo.".to_string(),
            ),
            (Some(pass), Some(b)) if pass > b => (
                true,
                "Aprobó un tema desde su última copia: guarde una nueva.".to_string(),
            ),
            (_, Some(b)) if now() - b > week => (
                true,
                format!(
                    "Su última copia es del {}: guarde una nueva.",
                    format_datetime(b)
                ),
            ),
            _ => (false, String::new()),
        };
        due.then(|| view! {
            <div class="aviso aviso-respaldo" role="status">
                <p><strong>"Guarde una copia de su avance. "</strong>{text}</p>
                <a class="boton" href=routes::BACKUP>"Guardar una copia"</a>
                <button type="button" class="secundario" on:click=move |_| reminder_hidden.set(true)>"Ahora no"</button>
            </div>
        })
    };
    // A locked profile says so, with the PIN field right here (not on /perfil, which has its own).
    let location = leptos_router::hooks::use_location();
    let locked = move || {
        (store.locked.get() && location.pathname.get().trim_end_matches('/') != routes::PROFILES).then(|| view! {
            <div class="aviso aviso-bloqueo" role="region" aria-label="Perfil protegido con PIN">
                <p><strong>"Su avance está protegido con PIN. "</strong>"No se perdió nada: escriba el PIN de este perfil para verlo y seguir estudiando."</p>
                <crate::pages::Unlock/>
            </div>
        })
    };
    view! { <div class="avisos">{update}{mode_banner}{notices}<discreet::ExitNote/>{locked}{reminder}</div> }
}

/// A calm note before hard material.
#[component]
pub fn ContentNote(text: &'static str) -> impl IntoView {
    view! {
        <aside class="nota-contenido" aria-label="Nota sobre el contenido">
            <p><strong>"Nota sobre el contenido. "</strong>{text}</p>
            <p>"Si necesita apoyo, consulte las "<a href=routes::HELP>"líneas de ayuda"</a>". Puede salir en cualquier momento con «Salida rápida»."</p>
        </aside>
    }
}

/// A progress bar with a text equivalent (a native `<progress>`: no inline styles under the CSP).
#[component]
pub fn ProgressBar(percent: u8, label: String) -> impl IntoView {
    view! { <progress class="barra" max="100" value=percent aria-label=label>{format!("{percent} %")}</progress> }
}

//! "Modo discreto": a device setting, off by default, remembered in `localStorage`
//! (`jornada.prefs.discreto`). While it is on, in-app navigation replaces the history entry
//! instead of adding one, and the tab shows a neutral title and icon. The quick exit (button, or
//! Esc three times) works in both modes.

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::storage::browser::probe;
use crate::storage::Kv;

/// Where the choice is kept; inside the `jornada.` namespace, like everything the app stores.
pub const PREF_KEY: &str = "jornada.prefs.discreto";
/// The tab title while the mode is on: nothing from the course.
pub const NEUTRAL_TITLE: &str = "Notas";
/// A plain grey icon, and the app's own.
const NEUTRAL_ICON: &str = "/icons/neutro.svg";
const APP_ICON: &str = "/icons/icono-192.png";

thread_local! {
    static ON: Cell<bool> = const { Cell::new(false) };
    /// The page's real title, shown again when the mode is turned off.
    static TITLE: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Whether the mode is on.
pub fn is_on() -> bool {
    ON.with(Cell::get)
}

/// Options for a programmatic navigation: replacing the entry while the mode is on.
pub fn nav_options() -> NavigateOptions {
    NavigateOptions {
        replace: is_on(),
        ..Default::default()
    }
}

/// Sets the tab title, or the neutral one while the mode is on.
pub fn set_title(title: &str) {
    let full = format!("{title} · Jornada");
    TITLE.with(|t| *t.borrow_mut() = full.clone());
    if let Some(d) = crate::window().and_then(|w| w.document()) {
        d.set_title(if is_on() { NEUTRAL_TITLE } else { &full });
    }
}

/// The title the current page set, taken (the prerender step writes it into the page's
/// `<title>`, and takes it before each page so one page never gets another's).
pub fn take_page_title() -> String {
    TITLE.with(|t| std::mem::take(&mut *t.borrow_mut()))
}

fn stored() -> bool {
    probe()
        .ok()
        .and_then(|kv| kv.get(PREF_KEY).ok().flatten())
        .is_some_and(|v| v == "1")
}

/// Turns the mode on or off, remembers it (when storage allows) and updates the tab.
pub fn set(on: bool) {
    ON.with(|c| c.set(on));
    if let Ok(kv) = probe() {
        // A full or blocked storage only means the choice lasts until the tab closes.
        let _ = if on {
            kv.set(PREF_KEY, "1")
        } else {
            kv.remove(PREF_KEY)
        };
    }
    apply();
}

/// Puts the title and icon of the current mode on the tab.
fn apply() {
    let Some(d) = crate::window().and_then(|w| w.document()) else {
        return;
    };
    let title = TITLE.with(|t| t.borrow().clone());
    if is_on() {
        d.set_title(NEUTRAL_TITLE);
    } else if !title.is_empty() {
        d.set_title(&title);
    }
    if let Ok(Some(link)) = d.query_selector("link[rel=icon]") {
        let _ = link.set_attribute("href", if is_on() { NEUTRAL_ICON } else { APP_ICON });
    }
}

/// Reads the setting at start-up and, while it is on, marks every in-app link so the router
/// replaces the history entry (`replace` is the property Leptos' router reads on the anchor).
/// Renders nothing.
#[component]
pub fn DiscreetMode() -> impl IntoView {
    ON.with(|c| c.set(stored()));
    apply();
    let Some(w) = crate::window() else { return };
    let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(|ev: web_sys::MouseEvent| {
        let anchor = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten());
        if let Some(a) = anchor {
            let _ = js_sys::Reflect::set(&a, &"replace".into(), &is_on().into());
        }
    });
    // Capture phase: runs before the router's own click listener on the window.
    let _ = w.add_event_listener_with_callback_and_bool(
        "click",
        on_click.as_ref().unchecked_ref(),
        true,
    );
    on_click.forget();
}

/// Set by the first quick exit outside discreet mode (`pendiente`), so the next visit says once
/// that Back can return to the app, and how to avoid it (`visto` afterwards).
pub const EXIT_NOTE_KEY: &str = "jornada.prefs.salida";

/// Remembers a quick exit outside discreet mode, the first time only.
pub fn note_exit() {
    if is_on() {
        return;
    }
    if let Ok(kv) = probe() {
        if kv.get(EXIT_NOTE_KEY).ok().flatten().is_none() {
            let _ = kv.set(EXIT_NOTE_KEY, "pendiente");
        }
    }
}

/// Once, after the first quick exit outside discreet mode: Back can bring the app back; discreet
/// mode (one tap here) prevents it; and where to read how to clear the history.
#[component]
pub fn ExitNote() -> impl IntoView {
    let pending = probe()
        .ok()
        .and_then(|kv| kv.get(EXIT_NOTE_KEY).ok().flatten())
        .is_some_and(|v| v == "pendiente");
    let show = RwSignal::new(pending && !is_on());
    let seen = move |turn_on: bool| {
        if turn_on {
            set(true);
        }
        if let Ok(kv) = probe() {
            let _ = kv.set(EXIT_NOTE_KEY, "visto");
        }
        show.set(false);
    };
    move || {
        show.get().then(|| {
            view! {
                <div class="aviso aviso-salida" role="status">
                    <p><strong>"Sobre «Salida rápida». "</strong>"La última vez usted salió con «Salida rápida». Tenga en cuenta que el botón «Atrás» del navegador puede regresar a Jornada. Para que no pase, active el modo discreto; para no dejar rastro, borre también el historial ("<a href="/privacidad#borrar-historial">"cómo hacerlo"</a>")."</p>
                    <button type="button" on:click=move |_| seen(true)>"Activar el modo discreto"</button>
                    <button type="button" class="secundario" on:click=move |_| seen(false)>"Entendido"</button>
                </div>
            }
        })
    }
}

/// The switch on the privacy page.
#[component]
pub fn DiscreetSwitch() -> impl IntoView {
    let on = RwSignal::new(is_on());
    view! {
        <label class="interruptor">
            <input type="checkbox" prop:checked=move || on.get()
                on:change=move |ev| {
                    let v = event_target_checked(&ev);
                    on.set(v);
                    set(v);
                }/>
            " Usar el modo discreto en este equipo"
        </label>
    }
}

#[cfg(test)]
mod tests {
    /// index.html names the preference and the title in a one-line script (it runs before the
    /// app, on prerendered pages): they must be these.
    #[test]
    fn the_early_script_in_index_html_uses_this_key_and_title() {
        let html = include_str!("../../index.html");
        let script = html
            .lines()
            .find(|l| l.contains("<script>") && l.contains("document.title"))
            .expect("index.html sets the neutral title early");
        assert!(script.contains(&format!("\"{}\"", super::PREF_KEY)));
        assert!(script.contains(&format!("\"{}\"", super::NEUTRAL_TITLE)));
    }
}

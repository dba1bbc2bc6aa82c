//! The municipal contact's board (`/enlace/`): a separate wasm app with its own Trunk build
//! (`enlace.html`, `Trunk.enlace.toml`), so none of its code reaches the trainees' download.
//! Loads results files, backups and consolidated files; merges them by ids with `crates/results`;
//! shows the people × topics table, pending people and pass rates; exports a consolidated file,
//! a CSV and a printable summary; checks constancia codes. Nothing leaves the browser, and
//! nothing is stored unless the contact asks for it.

use leptos::prelude::*;

mod charts;
mod constancia_check;
mod load;
mod offline;
mod page;
mod pending;
mod reader;
mod session;
mod table;
mod worker;

/// Rows of the people table, and names of the pending list, drawn before "Mostrar más".
const PAGE: usize = 50;

/// Rows drawn in the first frame after a load (more than a screen holds).
const FIRST_ROWS: usize = 10;

fn now() -> f64 {
    js_sys::Date::now()
}

/// A `performance.mark` for the benchmark (scripts/bench-board.mjs reads them).
fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

fn main() {
    console_error_panic_hook::set_once();
    // In the board's file reader (a Web Worker running this same wasm: worker.rs) there is no
    // window and nothing to mount.
    if web_sys::window().is_none() {
        return;
    }
    if let Some(loading) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("cargando"))
    {
        loading.remove();
    }
    leptos::mount::mount_to_body(|| {
        view! {
            <header class="cabecera-enlace no-imprimir">
                <p class="marca">"Jornada · Persona enlace"</p>
                <offline::OfflineStatus/>
                <a href="/" rel="external">"Volver al curso"</a>
            </header>
            <page::BoardPage/>
        }
    });
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.set_attribute("data-app-ready", "1");
    }
    // The file reader starts now, in its own thread, so the first load does not wait for it.
    reader::warm();
}

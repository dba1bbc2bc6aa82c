//! Jornada: an offline-first self-study app for the Jornada de Actualización y Fortalecimiento
//! of the Instancias Municipales de las Mujeres of Guanajuato.

pub mod app;
pub mod components;
pub mod content;
pub mod model;
pub mod pages;
pub mod pwa;
pub mod routes;
pub mod state;
pub mod storage;

/// Mounts the app on `<body>` and marks `app-ready` for the benchmark and the tests.
pub fn mount() {
    if let Some(loading) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("cargando"))
    {
        loading.remove();
    }
    leptos::mount::mount_to_body(app::App);
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark("app-ready");
    }
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.set_attribute("data-app-ready", "1");
    }
}

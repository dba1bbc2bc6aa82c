//! The board's own service worker (`/enlace/sw.js`, scope `/enlace/`, written by
//! `scripts/precache.mjs --board` from `public/enlace-sw.js`): after one online visit the board
//! opens and works with no connection, also for a contact who never opened the trainee app. The
//! header says so once the worker is active, as the app does.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};

/// Registers the worker; true once it is active (its install stored every file of the board).
fn register() -> RwSignal<bool> {
    let ready = RwSignal::new(false);
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else {
        return ready;
    };
    // Absent on plain http (other than localhost) and in some embedded browsers.
    if !js_sys::Reflect::has(&nav, &JsValue::from_str("serviceWorker")).unwrap_or(false) {
        return ready;
    }
    let container = nav.service_worker();
    let online = nav.on_line();
    spawn_local(async move {
        // The script's folder is its scope: /enlace/ only, never the trainee app's pages.
        // Offline, registering again would only fail its update check (and log it): the
        // registration made online is there.
        if online {
            let _ = JsFuture::from(container.register("/enlace/sw.js")).await;
        }
        // Ready once the board's own registration (not the trainee app's, scope "/", which a
        // contact may also have) has an active worker: its install stored every file. A first
        // install takes a few seconds; looked at every half second for two minutes.
        for _ in 0..240 {
            let reg = JsFuture::from(container.get_registration_with_document_url("/enlace/"))
                .await
                .ok()
                .and_then(|r| r.dyn_into::<web_sys::ServiceWorkerRegistration>().ok());
            if reg.is_some_and(|r| r.scope().ends_with("/enlace/") && r.active().is_some()) {
                ready.set(true);
                return;
            }
            let half_second = js_sys::Promise::new(&mut |resolve, _| {
                if let Some(w) = web_sys::window() {
                    let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 500);
                }
            });
            let _ = JsFuture::from(half_second).await;
        }
    });
    ready
}

/// "Disponible sin conexión" in the header once the board works offline on this computer.
#[component]
pub fn OfflineStatus() -> impl IntoView {
    let ready = register();
    move || {
        ready.get().then(|| {
            view! { <span class="estado-red" role="status">"Disponible sin conexión en este equipo"</span> }
        })
    }
}

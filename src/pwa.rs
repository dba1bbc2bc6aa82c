//! Service-worker registration and the signals the trainee sees: "Disponible sin conexión",
//! "Sin conexión", "Nueva versión disponible", and whether storage is protected.
//!
//! The page never reloads by itself: only the tab where the trainee clicks "Actualizar" reloads,
//! so an attempt in progress (saved after every answer) is never cut off.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

use crate::state::use_progress;

/// What the app knows about offline use and updates.
#[derive(Clone, Copy)]
pub struct Pwa {
    /// The service worker is active: every page works with no connection.
    pub offline_ready: RwSignal<bool>,
    /// A new version finished downloading and waits for the trainee's go-ahead.
    pub update_waiting: RwSignal<bool>,
    /// The browser reports a connection.
    pub online: RwSignal<bool>,
    /// `navigator.storage.persist()` result, once asked.
    pub persisted: RwSignal<Option<bool>>,
    registration: StoredValue<Option<ServiceWorkerRegistration>, LocalStorage>,
    reload_requested: StoredValue<Rc<Cell<bool>>, LocalStorage>,
}

fn container() -> Option<ServiceWorkerContainer> {
    let nav = crate::window()?.navigator();
    // Absent in insecure contexts and some embedded browsers.
    if js_sys::Reflect::has(&nav, &JsValue::from_str("serviceWorker")).ok()? {
        Some(nav.service_worker())
    } else {
        None
    }
}

impl Pwa {
    /// Registers the worker and provides the signals as context.
    pub fn provide() -> Pwa {
        let online = crate::window()
            .map(|w| w.navigator().on_line())
            .unwrap_or(true);
        let pwa = Pwa {
            offline_ready: RwSignal::new(false),
            update_waiting: RwSignal::new(false),
            online: RwSignal::new(online),
            persisted: RwSignal::new(None),
            registration: StoredValue::new_local(None),
            reload_requested: StoredValue::new_local(Rc::new(Cell::new(false))),
        };
        provide_context(pwa);
        pwa.watch_connection();
        pwa.register();
        pwa.protect_storage_once_progress_exists();
        pwa
    }

    fn watch_connection(&self) {
        let online = self.online;
        let Some(w) = crate::window() else { return };
        for (name, value) in [("online", true), ("offline", false)] {
            let cb = Closure::<dyn Fn()>::new(move || online.set(value));
            let _ = w.add_event_listener_with_callback(name, cb.as_ref().unchecked_ref());
            cb.forget();
        }
    }

    fn register(&self) {
        let Some(c) = container() else { return };
        let pwa = *self;
        // A new worker took control: reload only the tab whose trainee asked for it.
        let flag = self.reload_requested.get_value();
        let on_change = Closure::<dyn Fn()>::new(move || {
            if flag.get() {
                if let Some(w) = crate::window() {
                    let _ = w.location().reload();
                }
            }
        });
        c.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
        on_change.forget();
        spawn_local(async move {
            let Ok(reg) = JsFuture::from(c.register("/sw.js")).await else {
                return;
            };
            let Ok(reg) = reg.dyn_into::<ServiceWorkerRegistration>() else {
                return;
            };
            pwa.registration.set_value(Some(reg.clone()));
            if reg.waiting().is_some() && c.controller().is_some() {
                pwa.update_waiting.set(true);
            }
            let reg2 = reg.clone();
            let c2 = c.clone();
            let on_found = Closure::<dyn Fn()>::new(move || {
                let Some(worker) = reg2.installing() else {
                    return;
                };
                let w2 = worker.clone();
                let c3 = c2.clone();
                let on_state = Closure::<dyn Fn()>::new(move || {
                    // Installed while another version controls the page: an update waits.
                    if w2.state() == ServiceWorkerState::Installed && c3.controller().is_some() {
                        pwa.update_waiting.set(true);
                    }
                });
                worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
                on_state.forget();
            });
            reg.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
            on_found.forget();
            if let Ok(ready) = c.ready() {
                if JsFuture::from(ready).await.is_ok() {
                    pwa.offline_ready.set(true);
                }
            }
        });
    }

    /// The trainee chose to update: the waiting worker takes over and this tab reloads.
    pub fn apply_update(&self) {
        let Some(reg) = self.registration.get_value() else {
            return;
        };
        let Some(waiting) = reg.waiting() else {
            // Nothing waits any more (another tab already updated): a reload picks it up.
            if let Some(w) = crate::window() {
                let _ = w.location().reload();
            }
            return;
        };
        self.reload_requested.get_value().set(true);
        let msg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&msg, &"type".into(), &"SKIP_WAITING".into());
        let _ = waiting.post_message(&msg);
    }

    /// Once the trainee has progress, asks once for persistent storage and records the answer.
    fn protect_storage_once_progress_exists(&self) {
        let store = use_progress();
        let persisted = self.persisted;
        Effect::new(move |asked: Option<bool>| {
            if asked == Some(true) {
                return true;
            }
            let has_progress = store.progress.with(|p| {
                !p.lessons_read.is_empty() || !p.attempts.is_empty() || !p.current.is_empty()
            });
            if !has_progress || !store.saving() {
                return false;
            }
            let Some(storage) = crate::window().map(|w| w.navigator().storage()) else {
                return true;
            };
            spawn_local(async move {
                let granted = promised_true(storage.persisted()).await
                    || promised_true(storage.persist()).await;
                persisted.set(Some(granted));
            });
            true
        });
    }
}

/// Whether a promise-returning browser call resolved to `true` (false on any error).
async fn promised_true(call: Result<js_sys::Promise, JsValue>) -> bool {
    match call {
        Ok(p) => JsFuture::from(p)
            .await
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false),
        Err(_) => false,
    }
}

/// The signals from context.
pub fn use_pwa() -> Pwa {
    expect_context::<Pwa>()
}

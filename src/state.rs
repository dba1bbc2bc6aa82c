//! The one shared value: the trainee's progress, in a context newtype, saved through
//! `storage` after every change and refreshed when another tab writes.

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::model::progress::Progress;
use crate::storage::{self, browser, Kv, Mode, Notice};

thread_local! {
    static KV: RefCell<Option<browser::LocalKv>> = const { RefCell::new(None) };
}

/// Milliseconds since the epoch.
pub fn now() -> f64 {
    js_sys::Date::now()
}

/// Progress and what the app can do with storage, shared by every page.
#[derive(Clone, Copy)]
pub struct ProgressStore {
    pub progress: RwSignal<Progress>,
    pub mode: RwSignal<Mode>,
    pub notices: RwSignal<Vec<Notice>>,
    /// When progress was last written to this device.
    pub saved_at: RwSignal<Option<f64>>,
}

impl ProgressStore {
    /// Opens storage (probing first) and provides the store as context.
    pub fn provide() -> Self {
        let opened = match browser::probe() {
            Ok(kv) => {
                let o = storage::open(&kv, now());
                KV.with(|k| *k.borrow_mut() = Some(kv));
                o
            }
            Err(e) => storage::Opened {
                progress: Progress::default(),
                mode: Mode::MemoryOnly(e),
                notices: vec![],
            },
        };
        let store = ProgressStore {
            progress: RwSignal::new(opened.progress),
            mode: RwSignal::new(opened.mode),
            notices: RwSignal::new(opened.notices),
            saved_at: RwSignal::new(None),
        };
        store.listen_to_other_tabs();
        provide_context(store);
        store
    }

    /// Applies a change; when it changed something, saves (merging other tabs' writes first).
    pub fn update(&self, change: impl FnOnce(&mut Progress) -> bool) {
        let mut changed = false;
        self.progress.update(|p| changed = change(p));
        if changed {
            self.save();
        }
    }

    fn save(&self) {
        let mode = self.mode.get_untracked();
        let mine = self.progress.get_untracked();
        let result = KV.with(|k| {
            k.borrow()
                .as_ref()
                .map(|kv| storage::save(kv, &mine, &mode, now()))
        });
        if let Some((merged, new_mode)) = result {
            if merged != mine {
                self.progress.set(merged);
            }
            if new_mode == Mode::Saving {
                self.saved_at.set(Some(now()));
            }
            if new_mode != mode {
                self.mode.set(new_mode);
            }
        }
    }

    /// A `storage` event means another tab wrote: merge its progress in, without writing.
    fn listen_to_other_tabs(&self) {
        let store = *self;
        let on_storage =
            Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |ev: web_sys::StorageEvent| {
                if ev.key().as_deref() != Some(storage::PROGRESS_KEY) {
                    return;
                }
                let mine = store.progress.get_untracked();
                let result = KV.with(|k| k.borrow().as_ref().map(|kv| storage::reload(kv, &mine)));
                if let Some((merged, mode)) = result {
                    if merged != mine {
                        store.progress.set(merged);
                    }
                    if let Some(m) = mode {
                        store.mode.set(m);
                    }
                }
            });
        if let Some(w) = web_sys::window() {
            let _ =
                w.add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref());
        }
        on_storage.forget();
    }

    /// Whether changes are being saved on this device.
    pub fn saving(&self) -> bool {
        self.mode.with(|m| *m == Mode::Saving)
    }

    /// Reads a raw stored value (for downloading a kept copy).
    pub fn raw(key: &str) -> Option<String> {
        KV.with(|k| {
            k.borrow()
                .as_ref()
                .and_then(|kv| kv.get(key).ok().flatten())
        })
    }
}

/// The store from context.
pub fn use_progress() -> ProgressStore {
    expect_context::<ProgressStore>()
}

//! The one shared value: the trainee's progress, in a context newtype, saved through
//! `storage` after every change and refreshed when another tab writes.

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::model::profiles::{Profile, Profiles};
use crate::model::progress::Progress;
use crate::storage::{self, browser, Kv, Mode, Notice};

thread_local! {
    static KV: RefCell<Option<browser::LocalKv>> = const { RefCell::new(None) };
}

/// Milliseconds since the epoch.
pub fn now() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |d| d.as_millis() as f64)
    }
}

const SESSION_UNLOCKED: &str = "jornada.sesion.desbloqueado";

/// The profile unlocked in this tab (sessionStorage: a reload keeps it, a new tab does not).
fn session_unlocked() -> Option<String> {
    crate::window()?
        .session_storage()
        .ok()??
        .get_item(SESSION_UNLOCKED)
        .ok()?
}

fn remember_unlocked(id: &str) {
    if let Some(s) = crate::window().and_then(|w| w.session_storage().ok().flatten()) {
        let _ = s.set_item(SESSION_UNLOCKED, id);
    }
}

/// A fresh random id, for profiles and attempts.
pub fn random_id(prefix: &str) -> String {
    format!("{prefix}{:x}", random_u64())
}

/// 64 random bits from the browser (mixed with the clock), for ids and quiz shuffling seeds.
pub fn random_u64() -> u64 {
    #[cfg(target_arch = "wasm32")]
    let (a, b) = (
        (js_sys::Math::random() * 4294967296.0) as u64,
        (js_sys::Math::random() * 4294967296.0) as u64,
    );
    // Native rendering only (prerender): ids made there are never stored.
    #[cfg(not(target_arch = "wasm32"))]
    let (a, b) = {
        use std::sync::atomic::{AtomicU64, Ordering};
        static NEXT: AtomicU64 = AtomicU64::new(1);
        (0, NEXT.fetch_add(1, Ordering::Relaxed))
    };
    (a << 32) ^ b ^ (now() as u64)
}

/// Progress and what the app can do with storage, shared by every page.
#[derive(Clone, Copy)]
pub struct ProgressStore {
    /// Every profile on this device.
    pub data: RwSignal<Profiles>,
    /// The active profile's progress (what pages read).
    pub progress: Memo<Progress>,
    /// The active profile's id and display data.
    pub profile: Memo<Option<Profile>>,
    /// The active profile has a PIN not yet entered in this tab: its progress stays hidden.
    pub locked: RwSignal<bool>,
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
                progress: Profiles::default(),
                // Native rendering (prerender) has no storage: a fresh visitor, nothing to say.
                mode: if cfg!(target_arch = "wasm32") {
                    Mode::MemoryOnly(e)
                } else {
                    Mode::Saving
                },
                notices: vec![],
            },
        };
        let locked = RwSignal::new(opened.progress.active().is_some_and(|p| {
            p.pin.is_some() && session_unlocked().as_deref() != Some(p.id.as_str())
        }));
        let data = RwSignal::new(opened.progress);
        let profile = Memo::new(move |_| {
            data.with(|d| {
                d.active().map(|p| Profile {
                    progress: Progress::default(),
                    ..p.clone()
                })
            })
        });
        let store = ProgressStore {
            data,
            progress: Memo::new(move |_| {
                if locked.get() {
                    return Progress::default();
                }
                data.with(|d| d.active().map(|p| p.progress.clone()).unwrap_or_default())
            }),
            profile,
            locked,
            mode: RwSignal::new(opened.mode),
            notices: RwSignal::new(opened.notices),
            saved_at: RwSignal::new(None),
        };
        store.listen_to_other_tabs();
        provide_context(store);
        store
    }

    /// Applies a change to the active profile's progress (creating an unnamed profile on first
    /// use); when it changed something, saves (merging other tabs' writes first).
    pub fn update(&self, change: impl FnOnce(&mut Progress) -> bool) {
        if self.locked.get_untracked() {
            return;
        }
        self.update_profiles(|d| {
            change(&mut d.ensure_active(|| random_id("perfil-"), now()).progress)
        });
    }

    /// Applies a change to the profiles; saves when it changed something.
    pub fn update_profiles(&self, change: impl FnOnce(&mut Profiles) -> bool) {
        let mut changed = false;
        self.data.update(|d| changed = change(d));
        if changed {
            self.save();
        }
    }

    fn save(&self) {
        let mode = self.mode.get_untracked();
        let mine = self.data.get_untracked();
        let result = KV.with(|k| {
            k.borrow()
                .as_ref()
                .map(|kv| storage::save(kv, &mine, &mode, now()))
        });
        if let Some((merged, new_mode)) = result {
            if merged != mine {
                self.data.set(merged);
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
        let Some(w) = crate::window() else { return };
        let store = *self;
        let on_storage =
            Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |ev: web_sys::StorageEvent| {
                if ev.key().as_deref() != Some(storage::PROGRESS_KEY) {
                    return;
                }
                let mine = store.data.get_untracked();
                let result = KV.with(|k| k.borrow().as_ref().map(|kv| storage::reload(kv, &mine)));
                if let Some((merged, mode)) = result {
                    if merged != mine {
                        store.data.set(merged);
                    }
                    if let Some(m) = mode {
                        store.mode.set(m);
                    }
                }
            });
        let _ = w.add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref());
        on_storage.forget();
    }

    /// Unlocks the active profile with its PIN.
    pub fn unlock(&self, pin: &str) -> bool {
        let ok = self.data.with_untracked(|d| {
            d.active()
                .and_then(|p| p.pin.as_ref())
                .is_none_or(|h| h.matches(pin))
        });
        if ok {
            if let Some(id) = self.data.with_untracked(|d| d.active.clone()) {
                remember_unlocked(&id);
            }
            self.locked.set(false);
        }
        ok
    }

    /// Makes another profile active; a profile with a PIN needs it.
    pub fn switch_to(&self, id: &str, pin: Option<&str>) -> bool {
        let allowed = self.data.with_untracked(|d| {
            d.get(id).is_some_and(|p| match &p.pin {
                None => true,
                Some(h) => pin.is_some_and(|pin| h.matches(pin)),
            })
        });
        if allowed {
            self.update_profiles(|d| {
                d.active = Some(id.to_string());
                true
            });
            remember_unlocked(id);
            self.locked.set(false);
        }
        allowed
    }

    /// Deletes a profile and everything of it on this device, including the pre-migration or
    /// pre-import copy if it holds the profile.
    pub fn delete_profile(&self, id: &str) {
        self.update_profiles(|d| d.delete(id));
        KV.with(|k| {
            if let Some(kv) = k.borrow().as_ref() {
                if kv
                    .get(storage::BACKUP_KEY)
                    .ok()
                    .flatten()
                    .is_some_and(|b| b.contains(id))
                {
                    let _ = kv.remove(storage::BACKUP_KEY);
                }
            }
        });
        self.locked.set(false);
    }

    /// Keeps a byte-for-byte copy of what is stored now, before an import replaces it.
    pub fn backup_before_import(&self) -> bool {
        KV.with(|k| match k.borrow().as_ref() {
            None => true,
            Some(kv) => match kv.get(storage::PROGRESS_KEY) {
                Ok(Some(raw)) => kv.set(storage::BACKUP_KEY, &raw).is_ok(),
                Ok(None) => true,
                Err(_) => false,
            },
        })
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

//! [`Kv`] over the browser's `localStorage`.
//!
//! `gloo_storage` panics when the browser blocks storage (it unwraps `window.localStorage`), so
//! [`probe`] first checks, without panicking, that storage can be read, written and removed;
//! only then is `gloo_storage::LocalStorage::raw()` used. Every call afterwards still returns a
//! `Result`: a browser may start refusing writes at any time (quota).

use gloo_storage::Storage as _;
use wasm_bindgen::{JsCast, JsValue};

use super::{Kv, StoreError};

const PROBE_KEY: &str = "jornada.__probe__";

/// `localStorage`, after a successful probe.
pub struct LocalKv(web_sys::Storage);

/// Maps a thrown JS value to a [`StoreError`] (QuotaExceededError by name or legacy code).
pub fn classify(err: &JsValue) -> StoreError {
    if let Some(ex) = err.dyn_ref::<web_sys::DomException>() {
        let name = ex.name();
        let code = ex.code();
        if name == "QuotaExceededError"
            || name == "NS_ERROR_DOM_QUOTA_REACHED"
            || code == 22
            || code == 1014
        {
            return StoreError::Quota;
        }
        if name == "SecurityError" {
            return StoreError::Unavailable;
        }
        return StoreError::Other(format!("{name}: {}", ex.message()));
    }
    StoreError::Other(format!("{err:?}"))
}

/// Checks that storage works. Never panics, whatever the browser throws.
pub fn probe() -> Result<LocalKv, StoreError> {
    let window = crate::window().ok_or(StoreError::Unavailable)?;
    // The getter itself throws SecurityError when storage is blocked.
    let storage = match window.local_storage() {
        Ok(Some(s)) => s,
        Ok(None) => return Err(StoreError::Unavailable),
        Err(e) => {
            return Err(match classify(&e) {
                StoreError::Quota => StoreError::Quota,
                _ => StoreError::Unavailable,
            })
        }
    };
    storage.set_item(PROBE_KEY, "1").map_err(|e| classify(&e))?;
    let read = storage.get_item(PROBE_KEY).map_err(|e| classify(&e))?;
    storage.remove_item(PROBE_KEY).map_err(|e| classify(&e))?;
    if read.as_deref() != Some("1") {
        return Err(StoreError::Unavailable);
    }
    // Safe now: the probe showed window.localStorage is there.
    Ok(LocalKv(gloo_storage::LocalStorage::raw()))
}

impl Kv for LocalKv {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.0.get_item(key).map_err(|e| classify(&e))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.0.set_item(key, value).map_err(|e| classify(&e))
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.0.remove_item(key).map_err(|e| classify(&e))
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let n = self.0.length().map_err(|e| classify(&e))?;
        let mut out = Vec::with_capacity(n as usize);
        for i in 0..n {
            if let Some(k) = self.0.key(i).map_err(|e| classify(&e))? {
                out.push(k);
            }
        }
        Ok(out)
    }
}

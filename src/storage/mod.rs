//! The only code that touches browser storage. Progress lives in one namespaced key as a
//! versioned envelope; older schemas migrate through pure functions; unreadable or newer data
//! is never overwritten; when storage fails the app keeps working in memory.
//!
//! The logic runs against the [`Kv`] trait so it is tested natively with a fake store that can
//! fail like a browser does; `browser.rs` implements it over `localStorage`.

pub mod browser;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::profiles::Profiles;

/// Namespace of every key this app writes. The app never touches keys outside it.
pub const APP: &str = "jornada";
/// The key holding the progress envelope.
pub const PROGRESS_KEY: &str = "jornada.progress";
/// The pre-migration copy of the progress.
pub const BACKUP_KEY: &str = "jornada.progress.backup";
/// Prefix of the byte-for-byte copies of unreadable progress.
pub const CORRUPT_PREFIX: &str = "jornada.progress.corrupt.";
/// How many corrupt copies are kept (the oldest beyond this are removed).
pub const CORRUPT_KEEP: usize = 3;
/// Schema of the envelope this build writes.
pub const SCHEMA: u32 = 5;

/// Why a storage call failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// Storage is blocked or absent (private mode, disabled cookies, SecurityError).
    Unavailable,
    /// The quota is full.
    Quota,
    /// Anything else the browser threw.
    Other(String),
}

/// A key-value store with browser `localStorage` semantics.
pub trait Kv {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&self, key: &str) -> Result<(), StoreError>;
    fn keys(&self) -> Result<Vec<String>, StoreError>;
}

/// The stored envelope around the progress data.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    pub schema: u32,
    pub app: String,
    pub written_by: String,
    pub saved_at: f64,
    pub data: Profiles,
}

/// What reading the stored value gave.
#[derive(Debug, PartialEq)]
pub enum Decoded {
    Empty,
    Current(Profiles),
    /// Read from an older schema and migrated.
    Migrated {
        from: u32,
        progress: Profiles,
    },
    /// Written by a newer build: must not be overwritten.
    Newer {
        schema: u32,
    },
    /// Unreadable; the reason is for the banner.
    Corrupt {
        reason: String,
    },
}

/// Ordered pure migrations: `MIGRATIONS[i]` turns the `data` of schema `i + 1` into schema `i + 2`.
/// Each schema keeps a stored sample under `tests/fixtures/progress/`.
pub const MIGRATIONS: &[Migration] = &[v1_to_v2, v2_to_v3, v3_to_v4, v4_to_v5];

/// Schema 1 held one trainee's progress; schema 2 holds profiles. The old progress becomes the
/// progress of one unnamed profile, which is active.
fn v1_to_v2(data: Value) -> Result<Value, String> {
    if !data.is_object() {
        return Err("los datos de la versión 1 no tienen el formato esperado".into());
    }
    Ok(serde_json::json!({
        "profiles": [{
            "id": "perfil-1",
            "name": "",
            "municipality": "",
            "job_title": "",
            "pin": null,
            "created_at": 0.0,
            "last_backup": null,
            "progress": data,
        }],
        "active": "perfil-1",
        "deleted": [],
    }))
}

/// Schema 3 adds, to each profile's progress, the unfinished attempts set aside (`set_aside`),
/// absent when there are none. Every schema-2 document is therefore a valid schema-3 document and
/// the data does not change; the bump exists so that a schema-2 build, which cannot read
/// `set_aside`, opens schema-3 data read-only instead of taking it for corrupt.
fn v2_to_v3(data: Value) -> Result<Value, String> {
    if data.get("profiles").is_some_and(Value::is_array) {
        Ok(data)
    } else {
        Err("los datos de la versión 2 no tienen el formato esperado".into())
    }
}

/// Schema 4 adds, to each profile's progress, the review deck (`review`), absent when empty. As
/// with schema 3 the data does not change (the deck starts empty: cards need the question as it
/// was asked, which old attempts do not keep); the bump makes a schema-3 build open schema-4
/// data read-only instead of taking it for corrupt.
fn v3_to_v4(data: Value) -> Result<Value, String> {
    if data.get("profiles").is_some_and(Value::is_array) {
        Ok(data)
    } else {
        Err("los datos de la versión 3 no tienen el formato esperado".into())
    }
}

/// Schema 5 adds, to each wrong answer, the kind of mistake its option stands for (`mistake`),
/// absent in older answers (the app then takes it from today's bank where it can). The data
/// does not change; the bump makes a schema-4 build open schema-5 data read-only instead of
/// taking it for corrupt (its answer records refuse unknown fields).
fn v4_to_v5(data: Value) -> Result<Value, String> {
    if data.get("profiles").is_some_and(Value::is_array) {
        Ok(data)
    } else {
        Err("los datos de la versión 4 no tienen el formato esperado".into())
    }
}

/// A pure migration of the `data` of one schema to the next.
pub type Migration = fn(Value) -> Result<Value, String>;

/// Applies the migrations from `from` up to [`SCHEMA`].
pub fn migrate(mut data: Value, from: u32) -> Result<Value, String> {
    if from == 0 || from > SCHEMA {
        return Err(format!("versión de datos desconocida ({from})"));
    }
    for step in from..SCHEMA {
        let f = MIGRATIONS
            .get(step as usize - 1)
            .ok_or_else(|| format!("no hay migración del esquema {step}"))?;
        data = f(data)?;
    }
    Ok(data)
}

/// Decodes a stored string. Pure: no storage access.
pub fn decode(raw: Option<&str>) -> Decoded {
    let Some(raw) = raw else {
        return Decoded::Empty;
    };
    let value: Value = match serde_json::from_str(raw) {
        Ok(v) => v,
        Err(_) => {
            return Decoded::Corrupt {
                reason: "los datos guardados no son JSON válido".into(),
            }
        }
    };
    let Some(obj) = value.as_object() else {
        return Decoded::Corrupt {
            reason: "los datos guardados no tienen el formato esperado".into(),
        };
    };
    if obj.get("app").and_then(Value::as_str) != Some(APP) {
        return Decoded::Corrupt {
            reason: "los datos guardados no son de esta aplicación".into(),
        };
    }
    let Some(schema) = obj.get("schema").and_then(Value::as_u64) else {
        return Decoded::Corrupt {
            reason: "los datos guardados no dicen su versión".into(),
        };
    };
    let schema = schema.min(u32::MAX as u64) as u32;
    if schema > SCHEMA {
        return Decoded::Newer { schema };
    }
    if schema == 0 {
        return Decoded::Corrupt {
            reason: "versión de datos desconocida".into(),
        };
    }
    let mut env = value;
    if schema < SCHEMA {
        let data = env.get("data").cloned().unwrap_or(Value::Null);
        match migrate(data, schema) {
            Ok(d) => {
                env["data"] = d;
                env["schema"] = SCHEMA.into();
            }
            Err(reason) => return Decoded::Corrupt { reason },
        }
    }
    // From text rather than `from_value`: one JSON deserializer in the wasm, not two (smaller).
    match serde_json::from_str::<Envelope>(&env.to_string()) {
        Ok(e) if schema < SCHEMA => Decoded::Migrated {
            from: schema,
            progress: e.data,
        },
        Ok(e) => Decoded::Current(e.data),
        Err(err) => Decoded::Corrupt {
            reason: format!("faltan datos o sobran campos ({err})"),
        },
    }
}

/// Serializes the profiles in the current envelope.
pub fn encode(progress: &Profiles, now: f64) -> String {
    let env = Envelope {
        schema: SCHEMA,
        app: APP.into(),
        written_by: env!("CARGO_PKG_VERSION").into(),
        saved_at: now,
        data: progress.clone(),
    };
    serde_json::to_string(&env).unwrap_or_default()
}

/// How the app may use storage right now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Reads and writes go to storage.
    Saving,
    /// Storage cannot be used (blocked, full, or unreadable data that could not be backed up):
    /// progress lives in memory only.
    MemoryOnly(StoreError),
    /// Another tab wrote a newer schema: nothing is written until reload.
    ReadOnlyNewer(u32),
}

/// Something the trainee must be told about her stored data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Unreadable data was copied byte for byte to `key` before starting afresh.
    CorruptKept { key: String, reason: String },
    /// Data came from an older version and was migrated; the original is in [`BACKUP_KEY`].
    Migrated { from: u32 },
}

/// The result of opening storage.
pub struct Opened {
    pub progress: Profiles,
    pub mode: Mode,
    pub notices: Vec<Notice>,
}

/// Reads progress at start-up, keeping a copy of whatever cannot be read.
pub fn open(kv: &dyn Kv, now: f64) -> Opened {
    let raw = match kv.get(PROGRESS_KEY) {
        Ok(r) => r,
        Err(e) => {
            return Opened {
                progress: Profiles::default(),
                mode: MemoryOnly(e),
                notices: vec![],
            }
        }
    };
    use Mode::*;
    match decode(raw.as_deref()) {
        Decoded::Empty => Opened {
            progress: Profiles::default(),
            mode: Saving,
            notices: vec![],
        },
        Decoded::Current(progress) => Opened {
            progress,
            mode: Saving,
            notices: vec![],
        },
        Decoded::Migrated { from, progress } => {
            let raw = raw.unwrap_or_default();
            // The original goes to the backup key before the migrated copy replaces it.
            let mode = match copy_verified(kv, BACKUP_KEY, &raw) {
                Ok(()) => match kv.set(PROGRESS_KEY, &encode(&progress, now)) {
                    Ok(()) => Saving,
                    Err(e) => MemoryOnly(e),
                },
                Err(e) => MemoryOnly(e),
            };
            Opened {
                progress,
                mode,
                notices: vec![Notice::Migrated { from }],
            }
        }
        Decoded::Newer { schema } => Opened {
            progress: Profiles::default(),
            mode: ReadOnlyNewer(schema),
            notices: vec![],
        },
        Decoded::Corrupt { reason } => {
            match keep_corrupt(kv, raw.as_deref().unwrap_or_default(), now) {
                Ok(key) => Opened {
                    progress: Profiles::default(),
                    mode: Saving,
                    notices: vec![Notice::CorruptKept { key, reason }],
                },
                // Without a verified copy the original must stay where it is: run in memory.
                Err(e) => Opened {
                    progress: Profiles::default(),
                    mode: MemoryOnly(e),
                    notices: vec![],
                },
            }
        }
    }
}

/// Copies unreadable stored data, byte for byte and verified, to a new corrupt-copy key and
/// prunes old copies. Returns the key; on error nothing may be written over the original.
fn keep_corrupt(kv: &dyn Kv, raw: &str, now: f64) -> Result<String, StoreError> {
    let key = format!("{CORRUPT_PREFIX}{}", now as u64);
    copy_verified(kv, &key, raw)?;
    prune_corrupt(kv, &key);
    Ok(key)
}

/// Writes `value` under `key` and reads it back; only an identical read-back counts.
fn copy_verified(kv: &dyn Kv, key: &str, value: &str) -> Result<(), StoreError> {
    kv.set(key, value)?;
    match kv.get(key)? {
        Some(v) if v == value => Ok(()),
        _ => Err(StoreError::Other("la copia no se pudo verificar".into())),
    }
}

/// Keeps the newest [`CORRUPT_KEEP`] corrupt copies (and always `keep`).
fn prune_corrupt(kv: &dyn Kv, keep: &str) {
    let Ok(keys) = kv.keys() else { return };
    let mut copies: Vec<(u64, String)> = keys
        .into_iter()
        .filter_map(|k| {
            let ts = k.strip_prefix(CORRUPT_PREFIX)?.parse::<u64>().ok()?;
            Some((ts, k))
        })
        .collect();
    crate::model::sort_small_by(&mut copies, |a, b| a.cmp(b));
    let excess = copies.len().saturating_sub(CORRUPT_KEEP);
    for (_, k) in copies.into_iter().take(excess) {
        if k != keep {
            let _ = kv.remove(&k);
        }
    }
}

/// Saves progress with a read-modify-write: whatever another tab stored meanwhile is merged in
/// first, so neither tab overwrites the other's newer answers. Returns the merged progress and
/// the mode to continue in.
pub fn save(kv: &dyn Kv, mine: &Profiles, mode: &Mode, now: f64) -> (Profiles, Mode) {
    if *mode != Mode::Saving {
        return (mine.clone(), mode.clone());
    }
    let raw = match kv.get(PROGRESS_KEY) {
        Ok(r) => r,
        Err(e) => return (mine.clone(), Mode::MemoryOnly(e)),
    };
    let mut merged = mine.clone();
    match decode(raw.as_deref()) {
        Decoded::Empty => {}
        Decoded::Current(stored)
        | Decoded::Migrated {
            progress: stored, ..
        } => merged.merge(&stored),
        Decoded::Newer { schema } => return (merged, Mode::ReadOnlyNewer(schema)),
        Decoded::Corrupt { .. } => {
            // Someone damaged the value after start-up: keep it aside before writing.
            if let Err(e) = keep_corrupt(kv, raw.as_deref().unwrap_or_default(), now) {
                return (merged, Mode::MemoryOnly(e));
            }
        }
    }
    match kv.set(PROGRESS_KEY, &encode(&merged, now)) {
        Ok(()) => (merged, Mode::Saving),
        Err(e) => (merged, Mode::MemoryOnly(e)),
    }
}

/// Re-reads progress written by another tab (on a `storage` event) and merges it in.
/// Never writes.
pub fn reload(kv: &dyn Kv, mine: &Profiles) -> (Profiles, Option<Mode>) {
    let raw = match kv.get(PROGRESS_KEY) {
        Ok(r) => r,
        Err(_) => return (mine.clone(), None),
    };
    let mut merged = mine.clone();
    match decode(raw.as_deref()) {
        Decoded::Current(stored)
        | Decoded::Migrated {
            progress: stored, ..
        } => {
            merged.merge(&stored);
            (merged, None)
        }
        Decoded::Newer { schema } => (merged, Some(Mode::ReadOnlyNewer(schema))),
        _ => (merged, None),
    }
}

#[cfg(test)]
mod tests;

//! The board's only storage: an explicit "Guardar en este equipo" keeps the consolidated file
//! (with its integrity code) under its own key; "Borrar" removes it. Nothing else is stored.

use results::Board;

/// The session's key, in the app's `jornada.` namespace but apart from the trainees' progress.
pub const KEY: &str = "jornada.enlace.sesion";

fn storage() -> Option<web_sys::Storage> {
    // localStorage throws (SecurityError) when storage is blocked: no unwrap.
    web_sys::window()?.local_storage().ok().flatten()
}

/// The saved session, if any: the board and when it was saved; or why it cannot be opened
/// (it is then left as it is, never overwritten without the contact asking).
pub fn load() -> Option<Result<(Board, String), String>> {
    let text = storage()?.get_item(KEY).ok().flatten()?;
    Some(match results::parse(text.as_bytes()) {
        Ok(l) => {
            let at = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(l.exported_at));
            let when = format!(
                "{:02}/{:02}/{} a las {:02}:{:02}",
                at.get_date(),
                at.get_month() + 1,
                at.get_full_year(),
                at.get_hours(),
                at.get_minutes()
            );
            let mut b = Board::new();
            b.add(l);
            Ok((b, when))
        }
        Err(e) => Err(format!(
            "La sesión guardada en este equipo no se pudo abrir: {} La sesión sigue guardada; «Borrar» la elimina.",
            e.message()
        )),
    })
}

/// Saves the consolidated file's text.
pub fn save(text: &str) -> Result<(), String> {
    let s = storage().ok_or_else(|| {
        "Este navegador no permite guardar datos (modo privado o almacenamiento bloqueado). Descargue el archivo consolidado para conservarlos.".to_string()
    })?;
    s.set_item(KEY, text).map_err(|_| {
        "No cupo en el almacenamiento de este navegador. Descargue el archivo consolidado para conservarlo.".to_string()
    })
}

/// Removes the saved session; false when the browser refused.
pub fn clear() -> bool {
    match storage() {
        Some(s) => s.remove_item(KEY).is_ok(),
        None => true,
    }
}

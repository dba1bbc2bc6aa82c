//! What runs inside the board's file reader, a module Web Worker (`public/lector.js`) that loads
//! this same wasm: `main` sees no window there and mounts nothing, and `lector.js` calls
//! [`lector_leer`] for each batch the page sends (`reader.rs`, `load.rs`).

use results::wire;
use wasm_bindgen::prelude::*;

/// Reads one batch, its files joined by the page into one Blob (`sizes`: each file's size, in
/// order; big files were refused before), validates each file and pushes one message per file
/// into `out` (`results::wire`) as soon as it is done. Returns false when the Blob cannot be read
/// (a file removed or changed since it was chosen): the page then reads those files itself. If
/// validation traps on a file (too little memory for a very big one, or a bug), `lector.js`
/// catches it: `out.length` then says which file it was, and the messages before it are kept.
#[wasm_bindgen]
pub fn lector_leer(joined: web_sys::Blob, sizes: Vec<f64>, out: js_sys::Array) -> bool {
    let Some(buf) = web_sys::FileReaderSync::new()
        .ok()
        .and_then(|r| r.read_as_array_buffer(&joined).ok())
    else {
        return false;
    };
    let all = js_sys::Uint8Array::new(&buf);
    let mut from = 0u32;
    for size in sizes {
        let to = from.saturating_add(size as u32).min(all.length());
        // Copied into wasm memory one file at a time: a file too big for this computer's memory
        // traps on its own copy, and is the one reported.
        let bytes = all.subarray(from, to).to_vec();
        out.push(&JsValue::from_str(&wire::outcome_message(&bytes)));
        from = to;
    }
    true
}

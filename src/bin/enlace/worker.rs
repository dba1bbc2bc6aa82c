//! What runs inside the board's file reader, a module Web Worker (`public/lector.js`) that loads
//! this same wasm: `main` sees no window there and mounts nothing, and `lector.js` calls
//! [`lector_leer`] for each batch the page sends (`reader.rs`).

use results::{wire, Rejection, MAX_BYTES};
use wasm_bindgen::prelude::*;

/// Bytes read in one joined read: a pile of big consolidated files is not all in memory at once.
const JOIN_BYTES: f64 = 20_000_000.0;

/// Reads and validates `files` (File objects, in the order chosen) and pushes one message per
/// file into `out` (`results::wire`) as soon as it is done. If validation traps on a file (too
/// little memory for a very big one, or a bug), `lector.js` catches it: `out.length` then says
/// which file it was, and the messages before it are kept.
#[wasm_bindgen]
pub fn lector_leer(files: js_sys::Array, out: js_sys::Array) {
    let files: Vec<Option<web_sys::File>> = files.iter().map(|f| f.dyn_into().ok()).collect();
    // Each size is a call into the browser: looked up once.
    let sizes: Vec<f64> = files
        .iter()
        .map(|f| f.as_ref().map_or(f64::NAN, |f| f.size()))
        .collect();
    let too_big = |i: usize| sizes[i] > MAX_BYTES as f64;
    let readable = |i: usize| files[i].is_some() && !sizes[i].is_nan();
    let reader = web_sys::FileReaderSync::new().ok();
    let push = |m: String| {
        out.push(&JsValue::from_str(&m));
    };
    let mut at = 0;
    while at < files.len() {
        if !readable(at) {
            push(wire::refused(wire::UNREADABLE));
            at += 1;
            continue;
        }
        if too_big(at) {
            push(wire::rejected(&Rejection::TooLarge));
            at += 1;
            continue;
        }
        // The files from `at` read with one request: reading them one by one costs a round trip
        // to the browser each.
        let mut end = at;
        let mut total = 0.0;
        while end < files.len()
            && readable(end)
            && !too_big(end)
            && (end == at || total + sizes[end] <= JOIN_BYTES)
        {
            total += sizes[end];
            end += 1;
        }
        let group: Vec<&web_sys::File> = files[at..end].iter().flatten().collect();
        match reader.as_ref().and_then(|r| read_joined(r, &group)) {
            Some(joined) => {
                let mut from = 0u32;
                for (i, _) in group.iter().enumerate() {
                    let to = from + sizes[at + i] as u32;
                    // Copied into wasm memory one file at a time: a file too big for this
                    // computer's memory traps on its own copy, and is the one reported.
                    let bytes = joined.subarray(from, to).to_vec();
                    push(wire::outcome_message(&bytes));
                    from = to;
                }
            }
            // One unreadable file (removed or changed since it was chosen) fails the joined
            // read: each is read on its own so only that one is refused.
            None => {
                for f in group {
                    let bytes = reader
                        .as_ref()
                        .and_then(|r| r.read_as_array_buffer(f).ok())
                        .map(|b| js_sys::Uint8Array::new(&b).to_vec());
                    push(match bytes {
                        Some(b) => wire::outcome_message(&b),
                        None => wire::refused(wire::UNREADABLE),
                    });
                }
            }
        }
        at = end;
    }
}

fn read_joined(
    reader: &web_sys::FileReaderSync,
    files: &[&web_sys::File],
) -> Option<js_sys::Uint8Array> {
    let parts: js_sys::Array = files.iter().collect();
    let joined = web_sys::Blob::new_with_blob_sequence(&parts).ok()?;
    let buf = reader.read_as_array_buffer(&joined).ok()?;
    Some(js_sys::Uint8Array::new(&buf))
}

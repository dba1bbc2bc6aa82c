//! The messages between the contact's board and its file reader, a Web Worker that runs this
//! crate (`public/lector.js`, `src/bin/enlace/worker.rs`), so that validating a thousand files
//! never blocks the page. For each file the reader sends one text: the file's data once
//! validated with [`parse`], or the Spanish reason it was refused. The page turns it back with
//! [`read_outcome`]; a text it cannot read is that file's refusal, never a failed load.

use serde::{Deserialize, Serialize};

use crate::{parse, Loaded, Rejection};

/// The reason shown for a file that could not be read at all (removed or changed since it was
/// chosen, or the browser refused it).
pub const UNREADABLE: &str = "No se pudo leer el archivo.";

/// The reason shown for a file the reader stopped on (a trap in validation: too little memory on
/// this computer for a very big file, or a bug). The reader is restarted for the files after it.
pub const CRASHED: &str = "El lector de archivos se detuvo con este archivo: puede ser demasiado grande para la memoria de este equipo, o estar dañado. Los demás archivos se siguieron leyendo. Cárguelo solo, o en otro equipo; si vuelve a pasar, pida a la persona que lo exporte de nuevo desde Jornada.";

/// The reason shown when the reader's answer for a file cannot be read (it should not happen:
/// the reader and the page are the same build).
pub const GARBLED: &str =
    "No se pudo revisar este archivo: el lector dio una respuesta que el tablero no entiende.";

#[derive(Serialize, Deserialize)]
enum Outcome {
    #[serde(rename = "ok")]
    Loaded(Loaded),
    #[serde(rename = "no")]
    Refused(String),
}

fn message(outcome: &Outcome) -> String {
    // Serializing these types cannot fail: no maps with non-string keys, no custom serializers.
    serde_json::to_string(outcome).unwrap_or_else(|_| refused(GARBLED))
}

/// Validates one file's bytes and writes the outcome as the reader's message.
pub fn outcome_message(bytes: &[u8]) -> String {
    match parse(bytes) {
        Ok(loaded) => message(&Outcome::Loaded(loaded)),
        Err(why) => rejected(&why),
    }
}

/// The message for a file refused before it was validated (too large to read, say).
pub fn rejected(why: &Rejection) -> String {
    refused(&why.message())
}

/// The message for a file refused with `why`, in Spanish.
pub fn refused(why: &str) -> String {
    message(&Outcome::Refused(why.to_string()))
}

/// The file's data, or the Spanish reason it was refused.
pub fn read_outcome(message: &str) -> Result<Loaded, String> {
    match serde_json::from_str(message) {
        Ok(Outcome::Loaded(loaded)) => Ok(loaded),
        Ok(Outcome::Refused(why)) => Err(why),
        Err(_) => Err(GARBLED.to_string()),
    }
}

//! The Jornada results file, version 1: what a trainee sends to her municipality's contact person
//! and what the contact passes up to the state. Pure Rust (no web crates) so the trainee app (which
//! only writes files) and the contact's board (which reads, merges and re-exports them) share one
//! definition, tested natively.
//!
//! The integrity code is a SHA-256 over every other field: it detects a file edited by hand or
//! damaged in transit. It is not a signature: anyone with the app can write a valid file.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

mod board;
mod csv;
mod parse;
pub mod wire;

pub use board::{
    AddReport, Board, Cell, Conflict, Filter, Missing, PersonRow, Rate, SortBy, Stats,
};
pub use csv::{csv, csv_field};
pub use parse::{parse, Loaded, Origin, Rejection};

/// Identifies a Jornada results file.
pub const FORMAT: &str = "jornada-resultados";
/// Version of the results format this build writes and reads.
pub const VERSION: u32 = 1;
/// The app that writes the files.
pub const APP: &str = "jornada";
/// Largest file the board reads, checked before reading it (a state file of 46 municipalities
/// with a hundred people each is about 15 MB).
pub const MAX_BYTES: u64 = 20_000_000;
/// `kind` of a file written by a trainee.
pub const KIND_PERSON: &str = "persona";
/// `kind` of a file written by the contact's board.
pub const KIND_CONSOLIDATED: &str = "consolidado";

/// A topic of the course, in curriculum order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: String,
    pub title: String,
}

/// A trainee: the profile's random id and what she wrote in her profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub municipality: String,
    pub job_title: String,
}

/// One finished self-assessment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attempt {
    /// The attempt's random id: the same attempt in two files counts once.
    pub id: String,
    /// The person's id.
    pub person: String,
    pub topic: String,
    /// Day it was finished, `dd/mm/aaaa`, in the trainee's time zone (as on her constancia).
    pub date: String,
    /// When it was finished, ms since 1970 (0 when unknown, for files of the first release).
    pub finished_at: f64,
    pub correct: u32,
    pub total: u32,
    pub percent: u8,
    pub passed: bool,
    pub content_version: String,
}

/// A question in a trainee's spaced review ("Repaso"): who, which question (its id, never its
/// text), its Leitner box and when it is due. A card that left the deck (box 0) is still written,
/// so that merging an older file does not bring it back.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewCard {
    /// The person's id.
    pub person: String,
    pub topic: String,
    /// The question's id in the topic's bank.
    pub question: String,
    /// Leitner box 1–5 (due again in 1, 3, 7, 14 or 30 days); 0 once the card left the deck.
    #[serde(rename = "box")]
    pub leitner_box: u8,
    /// When it is due again, ms since 1970.
    pub due: f64,
    /// Its last change, ms since 1970: in a merge the most recent copy wins.
    pub updated_at: f64,
}

impl ReviewCard {
    /// Still in review (not graduated, not dropped).
    pub fn active(&self) -> bool {
        (1..=5).contains(&self.leitner_box)
    }
}

/// The file as written: every field but `integrity` is covered by `integrity`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultsFile {
    pub format: String,
    pub version: u32,
    /// `persona` (a trainee's file) or `consolidado` (written by the board).
    pub kind: String,
    pub app: String,
    pub exported_at: f64,
    pub topics: Vec<Topic>,
    pub people: Vec<Person>,
    pub attempts: Vec<Attempt>,
    /// The trainees' review cards. Always written; optional in reading (files written before
    /// the deck was added have none).
    #[serde(default)]
    pub review: Vec<ReviewCard>,
    /// `sha256:` and the hex SHA-256 of the other fields serialized in this order (`review`
    /// left out when empty, so files without it keep their code).
    pub integrity: String,
}

/// What the integrity code covers, borrowed (no `serde(flatten)`: it costs wasm size).
#[derive(Serialize)]
struct Covered<'a> {
    format: &'a str,
    version: u32,
    kind: &'a str,
    app: &'a str,
    exported_at: f64,
    topics: &'a [Topic],
    people: &'a [Person],
    attempts: &'a [Attempt],
    #[serde(skip_serializing_if = "no_cards")]
    review: &'a [ReviewCard],
}

fn no_cards(c: &&[ReviewCard]) -> bool {
    c.is_empty()
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

/// SHA-256 of a string as lowercase hex.
pub fn sha256_hex(s: &str) -> String {
    hex(&Sha256::digest(s.as_bytes()))
}

impl ResultsFile {
    /// The integrity code of the file's other fields.
    pub fn compute_integrity(&self) -> String {
        let covered = Covered {
            format: &self.format,
            version: self.version,
            kind: &self.kind,
            app: &self.app,
            exported_at: self.exported_at,
            topics: &self.topics,
            people: &self.people,
            attempts: &self.attempts,
            review: &self.review,
        };
        format!(
            "sha256:{}",
            sha256_hex(&serde_json::to_string(&covered).unwrap_or_default())
        )
    }

    /// A sealed file of `kind` with these contents.
    pub fn new(
        kind: &str,
        exported_at: f64,
        topics: Vec<Topic>,
        people: Vec<Person>,
        attempts: Vec<Attempt>,
    ) -> ResultsFile {
        let mut f = ResultsFile {
            format: FORMAT.into(),
            version: VERSION,
            kind: kind.into(),
            app: APP.into(),
            exported_at,
            topics,
            people,
            attempts,
            review: vec![],
            integrity: String::new(),
        };
        f.integrity = f.compute_integrity();
        f
    }

    /// The same file carrying these review cards, sealed again.
    pub fn with_review(mut self, review: Vec<ReviewCard>) -> ResultsFile {
        self.review = review;
        self.integrity = self.compute_integrity();
        self
    }

    /// The file's text: pretty-printed JSON, so a person can read it.
    pub fn to_text(&self) -> String {
        pretty(&serde_json::to_string(self).unwrap_or_default())
    }
}

/// Re-indents compact JSON exactly as `serde_json::to_string_pretty` writes it (two spaces,
/// `": "`, `{}` and `[]` when empty). Serializing compactly and re-indenting keeps one
/// serializer per type in the wasm instead of two (compact for integrity codes, pretty for
/// files): about 16 KiB of wasm less in the trainee's app.
pub fn pretty(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                let close = if c == '{' { '}' } else { ']' };
                if chars.peek() == Some(&close) {
                    chars.next();
                    out.push(close);
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out
}

/// The fields a constancia's verification code is computed from, in order: name, municipality,
/// job title, which (`<topic id>` or `curso`), then per topic its id, day of accreditation
/// (`dd/mm/aaaa`), best score and content version.
pub fn constancia_fields(
    name: &str,
    municipality: &str,
    job_title: &str,
    which: &str,
    rows: &[(&str, &str, u8, &str)],
) -> Vec<String> {
    let mut fields = vec![
        name.trim().to_string(),
        municipality.to_string(),
        job_title.to_string(),
        which.to_string(),
    ];
    for (topic, day, best, version) in rows {
        fields.extend([
            topic.to_string(),
            day.to_string(),
            best.to_string(),
            version.to_string(),
        ]);
    }
    fields
}

/// A short code derived from the fields of a constancia, so a printed copy can be checked
/// against the data: `XXXX-XXXX-XXXX`.
pub fn verification_code(fields: &[&str]) -> String {
    let h = sha256_hex(&fields.join("\u{1f}")).to_uppercase();
    format!("{}-{}-{}", &h[0..4], &h[4..8], &h[8..12])
}

/// Normalizes a typed verification code: upper case, only letters and digits, dashes re-inserted.
pub fn normalize_code(typed: &str) -> String {
    let clean: String = typed
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if clean.len() != 12 {
        return clean;
    }
    format!("{}-{}-{}", &clean[0..4], &clean[4..8], &clean[8..12])
}

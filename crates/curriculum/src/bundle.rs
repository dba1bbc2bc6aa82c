//! Per-topic content files: each topic's lesson HTML, question bank and cited facts as one JSON
//! file that the app downloads when the topic is first opened and the service worker precaches.
//!
//! The wasm carries only the index (titles, lesson lists, glossary, help lines). `build.rs` and
//! the `curriculum bundle` command both call [`bundles`], which is deterministic, so the file
//! names compiled into the wasm always match the files the build writes next to it.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::model::*;

/// Format of a topic file; the app refuses a file with another number.
pub const BUNDLE_FORMAT: u32 = 1;

/// Folder of the built site that holds the topic files.
pub const BUNDLE_DIR: &str = "contenido";

/// One topic file: its path relative to the site root and its JSON text.
#[derive(Debug, Clone, PartialEq)]
pub struct Bundle {
    pub topic: String,
    pub path: String,
    pub json: String,
}

#[derive(Serialize)]
struct TopicFile<'a> {
    format: u32,
    content_version: &'a str,
    topic: &'a str,
    lessons: Vec<LessonBody<'a>>,
    questions: Vec<QuestionOut<'a>>,
    facts: Vec<FactOut<'a>>,
}

#[derive(Serialize)]
struct LessonBody<'a> {
    id: &'a str,
    html: &'a str,
}

#[derive(Serialize)]
struct QuestionOut<'a> {
    id: &'a str,
    kind: QuestionKind,
    case: &'a Option<String>,
    prompt: &'a str,
    explanation: &'a str,
    sources: &'a [String],
    lesson: &'a str,
    section: &'a str,
    options: &'a [AnswerOption],
}

#[derive(Serialize)]
struct FactOut<'a> {
    id: &'a str,
    confidence: Confidence,
    urls: &'a [String],
}

/// FNV-1a, 64 bits: a stable content hash for cache-busting file names (not for security).
pub fn fnv64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The topic files of a curriculum, in topic order.
pub fn bundles(c: &Curriculum) -> Vec<Bundle> {
    c.topics
        .iter()
        .map(|t| {
            let cited: BTreeSet<&str> = t
                .lessons
                .iter()
                .flat_map(|l| &l.sources)
                .chain(t.questions.iter().flat_map(|q| &q.sources))
                .map(String::as_str)
                .collect();
            let file = TopicFile {
                format: BUNDLE_FORMAT,
                content_version: &c.content_version,
                topic: &t.id,
                lessons: t
                    .lessons
                    .iter()
                    .map(|l| LessonBody {
                        id: &l.id,
                        html: &l.html,
                    })
                    .collect(),
                questions: t
                    .questions
                    .iter()
                    .map(|q| QuestionOut {
                        id: &q.id,
                        kind: q.kind,
                        case: &q.case,
                        prompt: &q.prompt,
                        explanation: &q.explanation,
                        sources: &q.sources,
                        lesson: &q.lesson,
                        section: &q.section,
                        options: &q.options,
                    })
                    .collect(),
                facts: c
                    .facts
                    .iter()
                    .filter(|f| cited.contains(f.id.as_str()))
                    .map(|f| FactOut {
                        id: &f.id,
                        confidence: f.confidence,
                        urls: &f.urls,
                    })
                    .collect(),
            };
            let json = serde_json::to_string(&file).expect("a topic file serializes");
            let path = format!("{BUNDLE_DIR}/{}-{:016x}.json", t.id, fnv64(json.as_bytes()));
            Bundle {
                topic: t.id.clone(),
                path,
                json,
            }
        })
        .collect()
}

/// Writes the topic files (from [`bundles`]) under `site_root`, creating `contenido/`, and
/// removes stale `contenido/*.json` files from earlier builds.
pub fn write(all: &[Bundle], site_root: &std::path::Path) -> std::io::Result<()> {
    let dir = site_root.join(BUNDLE_DIR);
    std::fs::create_dir_all(&dir)?;
    let keep: BTreeSet<String> = all.iter().map(|b| b.path.clone()).collect();
    for entry in std::fs::read_dir(&dir)?.flatten() {
        let name = format!("{BUNDLE_DIR}/{}", entry.file_name().to_string_lossy());
        if name.ends_with(".json") && !keep.contains(&name) {
            std::fs::remove_file(entry.path())?;
        }
    }
    for b in all {
        std::fs::write(site_root.join(&b.path), &b.json)?;
    }
    Ok(())
}

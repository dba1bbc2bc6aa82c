//! The curriculum as loaded and validated: plain owned data, and the shape of `export`.
//!
//! Field names here are the stable JSON export format documented in `docs/export.md`.

use serde::Serialize;

/// The whole course: index data, topics in order, glossary, help lines and the fact registry.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Curriculum {
    pub export_format: u32,
    pub title: String,
    pub subtitle: String,
    pub content_version: String,
    pub pass_mark: u8,
    pub topics: Vec<Topic>,
    pub glossary: Vec<Term>,
    pub help_lines: Vec<HelpLine>,
    pub facts: Vec<Fact>,
}

/// One session of the Jornada: its lessons and its question bank.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Topic {
    pub id: String,
    pub title: String,
    pub short_title: String,
    pub session: u8,
    pub summary: String,
    pub objectives: Vec<String>,
    pub content_note: Option<String>,
    pub quiz_size: usize,
    pub minutes: u32,
    pub lessons: Vec<Lesson>,
    pub questions: Vec<Question>,
}

/// A lesson, with its Markdown source and the safe HTML rendered from it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Lesson {
    pub id: String,
    pub title: String,
    pub minutes: u32,
    pub sources: Vec<String>,
    pub content_note: Option<String>,
    /// Content version that added the lesson (`nueva_en`), if it came after the first release.
    pub since: Option<String>,
    pub sections: Vec<Section>,
    pub markdown: String,
    pub html: String,
}

/// A level-2 section of a lesson, addressable by its anchor.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Section {
    pub id: String,
    pub title: String,
    /// The section's words as plain text, for offline search.
    pub text: String,
}

/// The kind of a question, which decides how many answers it takes.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    Single,
    Multiple,
    TrueFalse,
    Case,
}

/// A question of a topic's bank.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Question {
    pub id: String,
    pub kind: QuestionKind,
    pub case: Option<String>,
    pub prompt: String,
    pub options: Vec<AnswerOption>,
    pub answer: Vec<String>,
    pub explanation: String,
    pub sources: Vec<String>,
    pub lesson: String,
    pub section: String,
}

/// One option of a question, with the feedback shown when it is chosen.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AnswerOption {
    pub id: String,
    pub text: String,
    pub feedback: String,
    pub correct: bool,
}

/// A glossary term, with the lesson where it is first linked.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Term {
    pub id: String,
    pub term: String,
    pub definition: String,
    pub sources: Vec<String>,
    pub topic: String,
    pub first_lesson: Option<String>,
}

/// A help line or institution a trainee can call.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct HelpLine {
    pub id: String,
    pub name: String,
    pub number: String,
    pub description: String,
    pub hours: String,
    pub sources: Vec<String>,
    pub checked: String,
}

/// A fact of the fact sheet: id, confidence and the URLs behind it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Fact {
    pub id: String,
    pub confidence: Confidence,
    pub summary: String,
    pub urls: Vec<String>,
}

/// Confidence tag of a fact; `Low` facts may never back a scored answer.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    High,
    Medium,
    Low,
}

impl Curriculum {
    /// Looks a topic up by id.
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    /// Looks a fact up by id.
    pub fn fact(&self, id: &str) -> Option<&Fact> {
        self.facts.iter().find(|f| f.id == id)
    }
}

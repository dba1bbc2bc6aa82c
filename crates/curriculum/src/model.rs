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
    /// The mistake a wrong option stands for (`error`), shown to the trainee as her pattern.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<Mistake>,
}

/// The kind of mistake a wrong option stands for: `error = "…"` in `preguntas.toml`.
/// The ids are stable: a trainee's history keeps them.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Mistake {
    Momento,
    Autoridad,
    Inferencia,
    Alcance,
    Requisito,
    Omision,
    Confidencialidad,
    Riesgo,
}

impl Mistake {
    /// Every kind, in the order `content/README.md` explains them.
    pub const ALL: [Mistake; 8] = [
        Mistake::Momento,
        Mistake::Autoridad,
        Mistake::Inferencia,
        Mistake::Alcance,
        Mistake::Requisito,
        Mistake::Omision,
        Mistake::Confidencialidad,
        Mistake::Riesgo,
    ];

    /// The id written in `error = "…"` and kept in a trainee's history.
    pub fn id(self) -> &'static str {
        match self {
            Mistake::Momento => "momento",
            Mistake::Autoridad => "autoridad",
            Mistake::Inferencia => "inferencia",
            Mistake::Alcance => "alcance",
            Mistake::Requisito => "requisito",
            Mistake::Omision => "omision",
            Mistake::Confidencialidad => "confidencialidad",
            Mistake::Riesgo => "riesgo",
        }
    }

    /// Reads an id; None for anything else.
    pub fn parse(id: &str) -> Option<Mistake> {
        Mistake::ALL.into_iter().find(|m| m.id() == id)
    }

    /// What the trainee reads in "Sus errores más frecuentes" (plain Spanish, *usted*).
    pub fn label(self) -> &'static str {
        match self {
            Mistake::Momento => "hacer lo correcto en un momento o en un orden que no corresponde",
            Mistake::Autoridad => "acudir a una autoridad que no corresponde",
            Mistake::Inferencia => "sacar una conclusión equivocada de un dato cierto",
            Mistake::Alcance => {
                "exagerar o quedarse corta en lo que la ley o la instancia pueden hacer"
            }
            Mistake::Requisito => "pedir requisitos que la ley no exige",
            Mistake::Omision => "dejar fuera un paso que la situación exige",
            Mistake::Confidencialidad => "exponer datos de la mujer o de su caso",
            Mistake::Riesgo => "elegir una acción que pone en riesgo a alguien",
        }
    }
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

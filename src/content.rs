//! The curriculum as `'static` data, generated at build time from `content/` by `build.rs`.
//! Nothing is parsed in the browser.

/// The whole course.
pub struct Curriculum {
    pub title: &'static str,
    pub subtitle: &'static str,
    pub content_version: &'static str,
    pub pass_mark: u8,
    pub topics: &'static [Topic],
    pub glossary: &'static [Term],
    pub help_lines: &'static [HelpLine],
    pub facts: &'static [Fact],
}

/// One session of the Jornada.
pub struct Topic {
    pub id: &'static str,
    pub title: &'static str,
    pub short_title: &'static str,
    pub session: u8,
    pub summary: &'static str,
    pub objectives: &'static [&'static str],
    pub content_note: Option<&'static str>,
    pub quiz_size: usize,
    pub minutes: u32,
    pub lessons: &'static [Lesson],
    pub questions: &'static [Question],
}

/// A lesson; `html` was rendered and sanitized at build time.
pub struct Lesson {
    pub id: &'static str,
    pub title: &'static str,
    pub minutes: u32,
    pub sources: &'static [&'static str],
    pub content_note: Option<&'static str>,
    pub html: &'static str,
    pub sections: &'static [Section],
}

/// A section of a lesson (the first one, with an empty id, is the introduction). Its text for
/// search is read from the lesson's HTML when the search first runs, so it is not stored twice.
pub struct Section {
    pub id: &'static str,
    pub title: &'static str,
}

/// How a question is answered.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum QuestionKind {
    Single,
    Multiple,
    TrueFalse,
    Case,
}

/// A question of a topic's bank.
pub struct Question {
    pub id: &'static str,
    pub kind: QuestionKind,
    pub case: Option<&'static str>,
    pub prompt: &'static str,
    pub explanation: &'static str,
    pub sources: &'static [&'static str],
    pub lesson: &'static str,
    pub section: &'static str,
    pub options: &'static [AnswerOption],
}

/// An option with its feedback.
pub struct AnswerOption {
    pub id: &'static str,
    pub text: &'static str,
    pub feedback: &'static str,
    pub correct: bool,
}

/// A glossary term.
pub struct Term {
    pub id: &'static str,
    pub term: &'static str,
    pub definition: &'static str,
    pub sources: &'static [&'static str],
    pub topic: &'static str,
    pub first_lesson: Option<&'static str>,
}

/// A help line.
pub struct HelpLine {
    pub id: &'static str,
    pub name: &'static str,
    pub number: &'static str,
    pub description: &'static str,
    pub hours: &'static str,
    pub sources: &'static [&'static str],
    pub checked: &'static str,
}

/// Confidence of a fact of the fact sheet.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Confidence {
    High,
    Medium,
    Low,
}

/// A fact of the fact sheet with the URLs behind it.
pub struct Fact {
    pub id: &'static str,
    pub confidence: Confidence,
    pub urls: &'static [&'static str],
}

include!(concat!(env!("OUT_DIR"), "/curriculum.rs"));

impl Curriculum {
    /// Looks a topic up by id.
    pub fn topic(&self, id: &str) -> Option<&'static Topic> {
        CURRICULUM.topics.iter().find(|t| t.id == id)
    }

    /// Looks a fact up by id.
    pub fn fact(&self, id: &str) -> Option<&'static Fact> {
        CURRICULUM.facts.iter().find(|f| f.id == id)
    }

    /// The topic a lesson belongs to, and the lesson.
    pub fn lesson(&self, id: &str) -> Option<(&'static Topic, &'static Lesson)> {
        CURRICULUM
            .topics
            .iter()
            .find_map(|t| t.lessons.iter().find(|l| l.id == id).map(|l| (t, l)))
    }
}

impl Topic {
    /// Looks a lesson of this topic up by id.
    pub fn lesson(&self, id: &str) -> Option<&'static Lesson> {
        self.lessons.iter().find(|l| l.id == id)
    }

    /// Looks a question of this topic up by id.
    pub fn question(&self, id: &str) -> Option<&'static Question> {
        self.questions.iter().find(|q| q.id == id)
    }
}

impl Question {
    /// Ids of the correct options.
    pub fn answer(&self) -> Vec<&'static str> {
        self.options
            .iter()
            .filter(|o| o.correct)
            .map(|o| o.id)
            .collect()
    }
}

impl PartialEq for Topic {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

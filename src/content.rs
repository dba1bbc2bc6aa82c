//! The curriculum. Its index (topics, lesson titles and sections, glossary, help lines) is
//! `'static` data generated at build time from `content/` by `build.rs`. Each topic's lesson
//! HTML, question bank and sources are in a per-topic JSON file (`contenido/<tema>-<hash>.json`,
//! written by `curriculum bundle`), downloaded the first time the topic is opened and kept by
//! the service worker, so the first visit does not carry the whole course and content can be
//! read offline once the service worker has installed.

use serde::{Deserialize, Deserializer};

/// The whole course.
pub struct Curriculum {
    pub title: &'static str,
    pub subtitle: &'static str,
    pub content_version: &'static str,
    pub pass_mark: u8,
    pub topics: &'static [Topic],
    pub glossary: &'static [Term],
    pub help_lines: &'static [HelpLine],
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
    /// Number of questions in the topic's bank (the bank itself is in the topic file).
    pub bank_size: usize,
    /// Applied questions (cases) each attempt draws; computed at build time by
    /// `curriculum::bank::applied_per_attempt`, which the build guarantees is at least 3.
    pub applied_per_attempt: usize,
    pub minutes: u32,
    /// Path of the topic file, relative to the site root.
    pub file: &'static str,
    pub lessons: &'static [Lesson],
}

/// A lesson; its HTML, rendered and sanitized at build time, is in the topic file.
pub struct Lesson {
    pub id: &'static str,
    pub title: &'static str,
    pub minutes: u32,
    pub sources: &'static [&'static str],
    pub content_note: Option<&'static str>,
    /// Content version that added the lesson; attempts passed before it do not need it.
    pub since: Option<&'static str>,
    pub sections: &'static [Section],
}

/// A section of a lesson (the first one, with an empty id, is the introduction). Its text for
/// search is read from the lesson's HTML when the search first runs, so it is not stored twice.
pub struct Section {
    pub id: &'static str,
    pub title: &'static str,
}

/// How a question is answered.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    Single,
    Multiple,
    TrueFalse,
    Case,
}

/// A question of a topic's bank.
#[derive(Deserialize)]
pub struct Question {
    #[serde(deserialize_with = "leak_str")]
    pub id: Text,
    pub kind: QuestionKind,
    #[serde(deserialize_with = "leak_opt")]
    pub case: Option<Text>,
    #[serde(deserialize_with = "leak_str")]
    pub prompt: Text,
    #[serde(deserialize_with = "leak_str")]
    pub explanation: Text,
    #[serde(deserialize_with = "leak_strs")]
    pub sources: List<Text>,
    #[serde(deserialize_with = "leak_str")]
    pub lesson: Text,
    #[serde(deserialize_with = "leak_str")]
    pub section: Text,
    #[serde(deserialize_with = "leak_vec")]
    pub options: List<AnswerOption>,
}

/// An option with its feedback.
#[derive(Deserialize)]
pub struct AnswerOption {
    #[serde(deserialize_with = "leak_str")]
    pub id: Text,
    #[serde(deserialize_with = "leak_str")]
    pub text: Text,
    #[serde(deserialize_with = "leak_str")]
    pub feedback: Text,
    pub correct: bool,
    /// The mistake this option stands for when it is wrong (`error` in the bank).
    #[serde(default, deserialize_with = "leak_opt")]
    pub error: Option<Text>,
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
#[derive(Clone, Copy, PartialEq, Eq, Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    High,
    Medium,
    Low,
}

/// A fact of the fact sheet with the URLs behind it.
#[derive(Deserialize)]
pub struct Fact {
    #[serde(deserialize_with = "leak_str")]
    pub id: Text,
    pub confidence: Confidence,
    #[serde(deserialize_with = "leak_strs")]
    pub urls: List<Text>,
}

/// A lesson's HTML, from the topic file.
#[derive(Deserialize)]
pub struct LessonBody {
    #[serde(deserialize_with = "leak_str")]
    pub id: Text,
    #[serde(deserialize_with = "leak_str")]
    pub html: Text,
}

/// What a topic file holds: the lesson HTML, the question bank and the facts they cite.
/// Loaded once per page load and kept for the life of the page (it is leaked on purpose: a
/// topic is about 70 KB and pages hold `'static` references into it).
#[derive(Deserialize)]
pub struct TopicBody {
    pub format: u32,
    #[serde(deserialize_with = "leak_str")]
    pub content_version: Text,
    #[serde(deserialize_with = "leak_str")]
    pub topic: Text,
    #[serde(deserialize_with = "leak_vec")]
    pub lessons: List<LessonBody>,
    #[serde(deserialize_with = "leak_vec")]
    pub questions: List<Question>,
    #[serde(deserialize_with = "leak_vec")]
    pub facts: List<Fact>,
}

/// `&'static str` under another name: serde would otherwise try to borrow these fields from
/// the input, which does not live long enough; `leak_str` gives them owned, leaked text.
type Text = &'static str;
/// `&'static [T]`, for the same reason.
type List<T> = &'static [T];

fn leak_str<'de, D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
    String::deserialize(d).map(|s| &*Box::leak(s.into_boxed_str()))
}

fn leak_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<&'static str>, D::Error> {
    Option::<String>::deserialize(d).map(|o| o.map(|s| &*Box::leak(s.into_boxed_str())))
}

fn leak_strs<'de, D: Deserializer<'de>>(d: D) -> Result<&'static [&'static str], D::Error> {
    Vec::<String>::deserialize(d).map(|v| {
        &*Box::leak(
            v.into_iter()
                .map(|s| &*Box::leak(s.into_boxed_str()))
                .collect::<Vec<&'static str>>()
                .into_boxed_slice(),
        )
    })
}

fn leak_vec<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<&'static [T], D::Error> {
    Vec::<T>::deserialize(d).map(|v| &*Box::leak(v.into_boxed_slice()))
}

/// Why a topic file could not be used; each has a message for the trainee.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// No answer at all: offline before the service worker had the file, or the link dropped.
    Network,
    /// The server answered with this HTTP status (404 after an update, for example).
    Status(u16),
    /// The file is not valid JSON, or is for another topic or content version.
    Invalid(String),
}

impl LoadError {
    /// What the trainee reads.
    pub fn message(&self) -> String {
        match self {
            LoadError::Network => "No se pudo descargar el contenido de este tema. Revise su conexión y vuelva a intentarlo; cuando se haya descargado una vez, quedará disponible sin conexión.".into(),
            LoadError::Status(code) => format!("El servidor no entregó el contenido de este tema (error {code}). Si se publicó una versión nueva de Jornada, recargue la página."),
            LoadError::Invalid(_) => "El archivo de este tema llegó dañado o no corresponde a esta versión de Jornada. Recargue la página; si el problema sigue, avise a quien administra el curso.".into(),
        }
    }
}

/// Parses a topic file and checks that it belongs to `topic` and to this build's content.
pub fn decode_body(topic: &'static Topic, json: &str) -> Result<&'static TopicBody, LoadError> {
    let body: TopicBody =
        serde_json::from_str(json).map_err(|e| LoadError::Invalid(e.to_string()))?;
    let problem = if body.format != 1 {
        Some(format!("formato {}", body.format))
    } else if body.topic != topic.id {
        Some(format!("tema {} en lugar de {}", body.topic, topic.id))
    } else if body.content_version != CURRICULUM.content_version {
        Some(format!("versión de contenido {}", body.content_version))
    } else if body.questions.len() != topic.bank_size {
        Some(format!(
            "{} preguntas en lugar de {}",
            body.questions.len(),
            topic.bank_size
        ))
    } else {
        topic
            .lessons
            .iter()
            .find(|l| body.html(l.id).is_none())
            .map(|l| format!("falta la lección {}", l.id))
    };
    match problem {
        Some(p) => Err(LoadError::Invalid(p)),
        None => Ok(Box::leak(Box::new(body))),
    }
}

/// Topic files already loaded in this page, by topic id.
static LOADED: std::sync::Mutex<Vec<(&'static str, &'static TopicBody)>> =
    std::sync::Mutex::new(Vec::new());

/// The topic's file if it is already loaded. In native builds (tests) the files are embedded
/// and decoded on first use, so this always returns them.
pub fn loaded(topic: &'static Topic) -> Option<&'static TopicBody> {
    let all = LOADED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, b)) = all.iter().find(|(id, _)| *id == topic.id) {
        return Some(b);
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let mut all = all;
        let json = EMBEDDED_FILES.iter().find(|(id, _)| *id == topic.id)?.1;
        let body = decode_body(topic, json).expect("embedded topic file is valid");
        all.push((topic.id, body));
        Some(body)
    }
    #[cfg(target_arch = "wasm32")]
    None
}

/// Loads the topic's file (from the service worker's cache when offline), once per page.
#[cfg(target_arch = "wasm32")]
pub async fn load(topic: &'static Topic) -> Result<&'static TopicBody, LoadError> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    if let Some(b) = loaded(topic) {
        return Ok(b);
    }
    let window = crate::window().ok_or(LoadError::Network)?;
    let url = format!("/{}", topic.file);
    let resp = JsFuture::from(window.fetch_with_str(&url))
        .await
        .map_err(|_| LoadError::Network)?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| LoadError::Network)?;
    if !resp.ok() {
        return Err(LoadError::Status(resp.status()));
    }
    let text = JsFuture::from(resp.text().map_err(|_| LoadError::Network)?)
        .await
        .map_err(|_| LoadError::Network)?
        .as_string()
        .ok_or(LoadError::Network)?;
    // Another caller may have finished first while this one awaited.
    if let Some(b) = loaded(topic) {
        return Ok(b);
    }
    let body = decode_body(topic, &text)?;
    LOADED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push((topic.id, body));
    Ok(body)
}

impl TopicBody {
    /// The HTML of a lesson of this topic.
    pub fn html(&self, lesson: &str) -> Option<&'static str> {
        self.lessons.iter().find(|l| l.id == lesson).map(|l| l.html)
    }

    /// Looks a question of this topic up by id.
    pub fn question(&self, id: &str) -> Option<&'static Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// Looks a fact cited by this topic up by id.
    pub fn fact(&self, id: &str) -> Option<&'static Fact> {
        self.facts.iter().find(|f| f.id == id)
    }
}

include!(concat!(env!("OUT_DIR"), "/curriculum.rs"));

impl Curriculum {
    /// Looks a topic up by id.
    pub fn topic(&self, id: &str) -> Option<&'static Topic> {
        CURRICULUM.topics.iter().find(|t| t.id == id)
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

// Native only: the topic files are embedded in native builds (see `loaded`).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn file_of(topic: &Topic) -> &'static str {
        EMBEDDED_FILES
            .iter()
            .find(|(id, _)| *id == topic.id)
            .expect("every topic has a file")
            .1
    }

    #[test]
    fn every_topic_file_matches_its_index_entry() {
        for t in CURRICULUM.topics {
            let body = loaded(t).expect("embedded");
            assert_eq!(body.topic, t.id);
            assert_eq!(body.questions.len(), t.bank_size);
            assert!(
                t.file.starts_with(&format!("contenido/{}-", t.id)) && t.file.ends_with(".json")
            );
            for l in t.lessons {
                assert!(body.html(l.id).is_some_and(|h| h.contains("<")), "{}", l.id);
                for f in l.sources {
                    assert!(
                        body.fact(f).is_some(),
                        "{} cites {f}, which its topic file lacks",
                        l.id
                    );
                }
            }
            for q in body.questions {
                assert!(
                    t.lesson(q.lesson).is_some(),
                    "{} points to lesson {}",
                    q.id,
                    q.lesson
                );
            }
        }
    }

    fn edited(topic: &'static Topic, f: impl FnOnce(&mut serde_json::Value)) -> String {
        let mut v: serde_json::Value = serde_json::from_str(file_of(topic)).unwrap();
        f(&mut v);
        v.to_string()
    }

    #[test]
    fn a_file_for_another_topic_version_or_shape_is_refused() {
        let t = &CURRICULUM.topics[0];
        let cases = [
            ("no es JSON".to_string(), ""),
            (file_of(&CURRICULUM.topics[1]).to_string(), "tema"),
            (
                edited(t, |v| v["content_version"] = "1999.1.1".into()),
                "versión de contenido",
            ),
            (edited(t, |v| v["format"] = 2.into()), "formato 2"),
            (
                edited(t, |v| {
                    v["questions"].as_array_mut().unwrap().pop();
                }),
                "preguntas",
            ),
            (
                edited(t, |v| {
                    v["lessons"].as_array_mut().unwrap().remove(0);
                }),
                "falta la lección",
            ),
            (edited(t, |v| v["questions"][0]["kind"] = "otra".into()), ""),
        ];
        for (json, why) in cases {
            match decode_body(t, &json) {
                Err(LoadError::Invalid(detail)) => {
                    assert!(detail.contains(why), "{detail} / {why}")
                }
                Err(e) => panic!("expected Invalid, got {e:?}"),
                Ok(_) => panic!("accepted a bad file ({why})"),
            }
        }
        assert!(decode_body(t, file_of(t)).is_ok());
    }

    #[test]
    fn load_errors_tell_the_trainee_what_to_do_in_spanish() {
        assert!(LoadError::Network.message().contains("Revise su conexión"));
        assert!(LoadError::Status(404).message().contains("error 404"));
        assert!(LoadError::Status(404)
            .message()
            .contains("recargue la página"));
        assert!(LoadError::Invalid("x".into()).message().contains("dañado"));
    }
}

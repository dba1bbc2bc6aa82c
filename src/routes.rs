//! The one place app URLs are spelled. Pages build links with these functions.

pub fn home() -> String {
    "/".into()
}

pub fn topic(topic: &str) -> String {
    format!("/tema/{topic}")
}

pub fn lesson(topic: &str, lesson: &str) -> String {
    format!("/tema/{topic}/leccion/{lesson}")
}

pub fn section(topic: &str, lesson: &str, section: &str) -> String {
    if section.is_empty() {
        lesson_url(topic, lesson)
    } else {
        format!("/tema/{topic}/leccion/{lesson}#{section}")
    }
}

fn lesson_url(topic: &str, lesson: &str) -> String {
    self::lesson(topic, lesson)
}

pub fn quiz(topic: &str) -> String {
    format!("/tema/{topic}/evaluacion")
}

pub fn result(topic: &str, attempt: &str) -> String {
    format!("/tema/{topic}/evaluacion/{attempt}")
}

pub fn glossary_term(term: &str) -> String {
    format!("/glosario#{term}")
}

pub const GLOSSARY: &str = "/glosario";
pub const HELP: &str = "/ayuda";
pub const PRIVACY: &str = "/privacidad";
pub const SEARCH: &str = "/buscar";
pub const REVIEW: &str = "/repaso";

pub fn certificate(topic: &str) -> String {
    format!("/constancia/{topic}")
}

/// The whole-course constancia's route segment.
pub const COURSE: &str = "curso";
pub const PROFILES: &str = "/perfil";
/// The first visit's questions: her name and municipality.
pub const WELCOME: &str = "/bienvenida";
pub const BACKUP: &str = "/respaldo";
/// The municipal contact's board: a separate app (its own wasm), so links to it are plain
/// (`rel="external"`), not router links.
pub const BOARD: &str = "/enlace/";

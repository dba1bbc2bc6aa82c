//! Reads every file the board accepts: results v1 (trainee or consolidated, integrity checked),
//! and, "sin verificación", backups and the results files of the first release (JSON or CSV,
//! with `,` or Excel's `;`). Anything else is refused with a reason in Spanish.

use serde_json::Value;

use crate::csv::records;
use crate::{
    sha256_hex, Attempt, Person, ResultsFile, ReviewCard, Topic, APP, FORMAT, MAX_BYTES, VERSION,
};

/// What kind of file was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Origin {
    /// A results file v1 whose integrity code matches.
    Verified,
    /// A trainee's backup file (its checksum is not re-checked here).
    Backup,
    /// A results file of the first release (JSON or CSV), or any CSV: no integrity code.
    Unverified,
}

/// A file that was read (serialized only between the board's reader and its page: `wire`).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Loaded {
    pub origin: Origin,
    /// True for a file written by the board (`consolidado`).
    pub consolidated: bool,
    pub exported_at: f64,
    pub topics: Vec<Topic>,
    pub people: Vec<Person>,
    pub attempts: Vec<Attempt>,
    /// Review cards (results v1 and backups; none in the files of the first release).
    pub review: Vec<ReviewCard>,
}

/// Why a file was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rejection {
    Empty,
    TooLarge,
    NotText,
    NotRecognized,
    FutureVersion(u32),
    Tampered,
    Invalid(String),
}

impl Rejection {
    /// The Spanish reason shown next to the file's name.
    pub fn message(&self) -> String {
        match self {
            Rejection::Empty => "El archivo está vacío.".into(),
            Rejection::TooLarge => format!("El archivo pesa más de {} MB: no parece un archivo de resultados de Jornada.", MAX_BYTES / 1_000_000),
            Rejection::NotText => "No es un archivo de texto (parece binario o no está en UTF-8): no es un archivo de resultados de Jornada.".into(),
            Rejection::NotRecognized => "No es un archivo de resultados ni un respaldo de Jornada.".into(),
            Rejection::FutureVersion(v) => format!("Lo escribió una versión más nueva de Jornada (formato {v}). Actualiza esta página y vuelve a cargarlo."),
            Rejection::Tampered => "El archivo fue modificado o está dañado: su código de integridad no coincide con su contenido.".into(),
            Rejection::Invalid(what) => format!("El archivo tiene un dato no válido: {what}."),
        }
    }
}

const MAX_TEXT: usize = 200;

/// Reads one file's bytes.
pub fn parse(bytes: &[u8]) -> Result<Loaded, Rejection> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(Rejection::TooLarge);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Rejection::Empty);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| Rejection::NotText)?;
    if text.contains('\0') {
        return Err(Rejection::NotText);
    }
    let loaded = if text.trim_start().starts_with(['{', '[']) {
        parse_json(text)?
    } else {
        parse_csv(text)?
    };
    check(&loaded)?;
    Ok(loaded)
}

/// The fields that say what a JSON file is (the rest is skipped, not built).
#[derive(serde::Deserialize)]
struct Head {
    format: Option<Value>,
    version: Option<Value>,
    resultados: Option<serde::de::IgnoredAny>,
}

fn parse_json(text: &str) -> Result<Loaded, Rejection> {
    // The common case first, in one pass: a well-formed v1 file. Anything else is parsed again
    // below only to say precisely what is wrong.
    if let Ok(file) = serde_json::from_str::<ResultsFile>(text) {
        if file.format == FORMAT && file.version == VERSION {
            return v1_checked(file);
        }
    }
    let head: Head = serde_json::from_str(text).map_err(|_| Rejection::NotRecognized)?;
    let version = head.version.as_ref().and_then(Value::as_u64);
    match head.format.as_ref().and_then(Value::as_str) {
        Some(FORMAT) => match version {
            Some(v) if v > VERSION as u64 => {
                Err(Rejection::FutureVersion(v.min(u32::MAX as u64) as u32))
            }
            Some(v) if v == VERSION as u64 => v1(text),
            _ => Err(Rejection::NotRecognized),
        },
        Some("jornada-respaldo") => match version {
            Some(v) if v > 1 => Err(Rejection::FutureVersion(v.min(u32::MAX as u64) as u32)),
            Some(1) => backup(&object(text)?),
            _ => Err(Rejection::NotRecognized),
        },
        Some(_) => Err(Rejection::NotRecognized),
        None if head.resultados.is_some() => first_release(&object(text)?),
        None => Err(Rejection::NotRecognized),
    }
}

fn object(text: &str) -> Result<serde_json::Map<String, Value>, Rejection> {
    serde_json::from_str(text).map_err(|_| Rejection::NotRecognized)
}

fn v1(text: &str) -> Result<Loaded, Rejection> {
    let file: ResultsFile = serde_json::from_str(text).map_err(|e| {
        let msg = e.to_string();
        let field = msg.split('`').nth(1).unwrap_or("estructura").to_string();
        Rejection::Invalid(format!("campo faltante o desconocido ({field})"))
    })?;
    v1_checked(file)
}

fn v1_checked(file: ResultsFile) -> Result<Loaded, Rejection> {
    if file.app != APP {
        return Err(Rejection::NotRecognized);
    }
    if file.compute_integrity() != file.integrity {
        return Err(Rejection::Tampered);
    }
    Ok(Loaded {
        origin: Origin::Verified,
        consolidated: file.kind == crate::KIND_CONSOLIDATED,
        exported_at: file.exported_at,
        topics: file.topics,
        people: file.people,
        attempts: file.attempts,
        review: file.review,
    })
}

fn text(v: Option<&Value>) -> String {
    v.and_then(Value::as_str)
        .unwrap_or_default()
        .trim()
        .to_string()
}

fn number(v: Option<&Value>) -> Option<u64> {
    v.and_then(|v| v.as_u64().or_else(|| v.as_str()?.trim().parse().ok()))
}

/// `dd/mm/aaaa` of a time, in UTC: backups carry only ms, and the trainee's time zone is not
/// known here (Guanajuato is UTC-6, so an attempt finished after 18:00 shows the next day).
fn day_of(ms: f64) -> String {
    // Civil date in UTC from days since 1970 (Howard Hinnant's algorithm).
    let days = (ms / 86_400_000.0).floor() as i64;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{d:02}/{m:02}/{y}")
}

fn backup(obj: &serde_json::Map<String, Value>) -> Result<Loaded, Rejection> {
    let profiles = obj
        .get("profiles")
        .and_then(Value::as_array)
        .ok_or(Rejection::Invalid("respaldo sin perfiles".into()))?;
    let mut people = Vec::new();
    let mut attempts = Vec::new();
    let mut review = Vec::new();
    for p in profiles {
        let person = Person {
            id: text(p.get("id")),
            name: text(p.get("name")),
            municipality: text(p.get("municipality")),
            job_title: text(p.get("job_title")),
        };
        let by_topic = p
            .get("progress")
            .and_then(|g| g.get("attempts"))
            .and_then(Value::as_object);
        for (topic, list) in by_topic.into_iter().flatten() {
            for a in list.as_array().into_iter().flatten() {
                let finished_at = a.get("finished_at").and_then(Value::as_f64).unwrap_or(0.0);
                attempts.push(Attempt {
                    id: text(a.get("id")),
                    person: person.id.clone(),
                    topic: topic.clone(),
                    date: day_of(finished_at),
                    finished_at,
                    correct: number(a.get("correct")).unwrap_or(0) as u32,
                    total: number(a.get("total")).unwrap_or(0) as u32,
                    percent: number(a.get("percent")).unwrap_or(0).min(255) as u8,
                    passed: a.get("passed").and_then(Value::as_bool).unwrap_or(false),
                    content_version: text(a.get("content_version")),
                });
            }
        }
        let deck = p
            .get("progress")
            .and_then(|g| g.get("review"))
            .and_then(Value::as_object);
        for (question, c) in deck.into_iter().flatten() {
            review.push(ReviewCard {
                person: person.id.clone(),
                topic: text(c.get("topic")),
                question: question.clone(),
                leitner_box: number(c.get("box")).unwrap_or(0).min(255) as u8,
                due: c.get("due").and_then(Value::as_f64).unwrap_or(0.0),
                updated_at: c.get("updated_at").and_then(Value::as_f64).unwrap_or(0.0),
            });
        }
        people.push(person);
    }
    Ok(Loaded {
        origin: Origin::Backup,
        consolidated: false,
        exported_at: obj
            .get("exported_at")
            .and_then(Value::as_f64)
            .unwrap_or(0.0),
        topics: vec![],
        people,
        attempts,
        review,
    })
}

/// Ids for files without them (first release): derived from the content, so the same file loaded
/// twice still counts once.
fn derived_person_id(name: &str, municipality: &str) -> String {
    let key = format!(
        "{}\u{1f}{}",
        name.trim().to_lowercase(),
        municipality.trim()
    );
    format!("sinid-{}", &sha256_hex(&key)[..16])
}

/// One attempt row of a file without ids, keyed by column name.
struct LegacyRow<'a> {
    get: &'a dyn Fn(&str) -> String,
}

fn legacy_attempt(person: &str, row: LegacyRow) -> Result<Attempt, Rejection> {
    let get = row.get;
    let date_full = get("fecha");
    let date: String = date_full.chars().take(10).collect();
    let num = |k: &str| -> Result<u64, Rejection> {
        let v = get(k);
        if v.is_empty() {
            return Ok(0);
        }
        v.parse()
            .map_err(|_| Rejection::Invalid(format!("{k} «{v}» no es un número")))
    };
    let percent = num("porcentaje")?;
    let passed = matches!(
        textfold_lower(&get("aprobado")).as_str(),
        "si" | "sí" | "true" | "1" | "verdadero"
    );
    let id = match get("id_intento") {
        id if !id.is_empty() => id,
        _ => format!(
            "sinid-{}",
            &sha256_hex(&format!(
                "{person}\u{1f}{}\u{1f}{date_full}\u{1f}{}\u{1f}{}\u{1f}{percent}\u{1f}{}",
                get("tema"),
                get("aciertos"),
                get("preguntas"),
                get("version_contenido")
            ))[..16]
        ),
    };
    Ok(Attempt {
        id,
        person: person.to_string(),
        topic: get("tema"),
        date,
        finished_at: 0.0,
        correct: num("aciertos")? as u32,
        total: num("preguntas")? as u32,
        percent: percent.min(255) as u8,
        passed,
        content_version: get("version_contenido"),
    })
}

fn textfold_lower(s: &str) -> String {
    s.trim().to_lowercase()
}

fn first_release(obj: &serde_json::Map<String, Value>) -> Result<Loaded, Rejection> {
    let name = text(obj.get("nombre"));
    let municipality = text(obj.get("municipio"));
    let person = Person {
        id: derived_person_id(&name, &municipality),
        name,
        municipality,
        job_title: text(obj.get("cargo")),
    };
    let mut topics: Vec<Topic> = Vec::new();
    let mut attempts = Vec::new();
    for r in obj
        .get("resultados")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let get = |k: &str| match r.get(k) {
            Some(Value::String(s)) => s.trim().to_string(),
            Some(Value::Bool(b)) => if *b { "si" } else { "no" }.to_string(),
            Some(Value::Number(n)) => n.to_string(),
            _ => String::new(),
        };
        add_topic(&mut topics, &get("tema"), &get("titulo_tema"));
        attempts.push(legacy_attempt(&person.id, LegacyRow { get: &get })?);
    }
    Ok(Loaded {
        origin: Origin::Unverified,
        consolidated: false,
        exported_at: 0.0,
        topics,
        people: vec![person],
        attempts,
        review: vec![],
    })
}

fn add_topic(topics: &mut Vec<Topic>, id: &str, title: &str) {
    if !id.is_empty() && !topics.iter().any(|t| t.id == id) {
        topics.push(Topic {
            id: id.to_string(),
            title: if title.is_empty() { id } else { title }.to_string(),
        });
    }
}

fn parse_csv(text: &str) -> Result<Loaded, Rejection> {
    let first = text.lines().next().unwrap_or_default();
    let sep = if first.matches(';').count() > first.matches(',').count() {
        ';'
    } else {
        ','
    };
    let rows = records(text, sep);
    let Some((header, body)) = rows.split_first() else {
        return Err(Rejection::Empty);
    };
    let header: Vec<String> = header.iter().map(|h| textfold_lower(h)).collect();
    for needed in ["nombre", "municipio", "tema", "porcentaje", "aprobado"] {
        if !header.iter().any(|h| h == needed) {
            return Err(Rejection::NotRecognized);
        }
    }
    let col = |row: &[String], k: &str| -> String {
        header
            .iter()
            .position(|h| h == k)
            .and_then(|i| row.get(i))
            .map(|v| v.trim().trim_start_matches('\'').to_string())
            .unwrap_or_default()
    };
    let mut topics = Vec::new();
    let mut people: Vec<Person> = Vec::new();
    let mut attempts = Vec::new();
    for row in body {
        let name = col(row, "nombre");
        let municipality = col(row, "municipio");
        let id = match col(row, "id_persona") {
            id if !id.is_empty() => id,
            _ => derived_person_id(&name, &municipality),
        };
        if !people.iter().any(|p| p.id == id) {
            people.push(Person {
                id: id.clone(),
                name,
                municipality,
                job_title: col(row, "cargo"),
            });
        }
        add_topic(&mut topics, &col(row, "tema"), &col(row, "titulo_tema"));
        let get = |k: &str| col(row, k);
        attempts.push(legacy_attempt(&id, LegacyRow { get: &get })?);
    }
    Ok(Loaded {
        origin: Origin::Unverified,
        consolidated: false,
        exported_at: 0.0,
        topics,
        people,
        attempts,
        review: vec![],
    })
}

/// Values a file may hold, whatever its origin.
fn check(l: &Loaded) -> Result<(), Rejection> {
    let bad = |what: &str| Err(Rejection::Invalid(what.into()));
    for p in &l.people {
        if p.id.is_empty() || p.id.len() > 80 {
            return bad("identificador de persona");
        }
        if [&p.name, &p.municipality, &p.job_title]
            .iter()
            .any(|t| t.chars().count() > MAX_TEXT || t.chars().any(char::is_control))
        {
            return bad("nombre, municipio o cargo demasiado largo o con caracteres no válidos");
        }
    }
    let ids: std::collections::BTreeSet<&str> = l.people.iter().map(|p| p.id.as_str()).collect();
    for a in &l.attempts {
        if a.id.is_empty() || a.id.len() > 80 || a.topic.is_empty() || a.topic.len() > 80 {
            return bad("identificador de intento o de tema");
        }
        if a.percent > 100 || a.correct > a.total || a.total > 1000 {
            return bad("calificación fuera de rango");
        }
        if !ids.contains(a.person.as_str()) {
            return bad("un intento no corresponde a ninguna persona del archivo");
        }
    }
    for c in &l.review {
        if [&c.topic, &c.question]
            .iter()
            .any(|t| t.is_empty() || t.len() > 80)
        {
            return bad("identificador de pregunta o de tema en el repaso");
        }
        if c.leitner_box > 5 || !c.due.is_finite() || !c.updated_at.is_finite() {
            return bad("caja o fecha de repaso fuera de rango");
        }
        if !ids.contains(c.person.as_str()) {
            return bad("una pregunta en repaso no corresponde a ninguna persona del archivo");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::day_of;

    #[test]
    fn day_of_gives_the_civil_date() {
        assert_eq!(day_of(0.0), "01/01/1970");
        assert_eq!(day_of(1_764_291_600_000.0), "28/11/2025");
        assert_eq!(day_of(951_782_400_000.0), "29/02/2000");
    }
}

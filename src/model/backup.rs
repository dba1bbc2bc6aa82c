//! The backup file a trainee keeps (the durable copy of her progress), its validation on import,
//! the preview of what an import changes, and the results files for the municipal contact.

use serde::{Deserialize, Serialize};

use crate::model::profiles::{sha256_hex, Profile, Profiles, MAX_TEXT, MUNICIPALITIES};
use crate::model::sort_small_by;

/// Identifies a Jornada backup file.
pub const FORMAT: &str = "jornada-respaldo";
/// Version of the backup format this build writes and reads.
pub const VERSION: u32 = 1;
/// Largest file accepted, checked before reading it.
pub const MAX_BYTES: u64 = 1_000_000;

/// What the checksum covers: everything in the file but the checksum.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Payload {
    pub format: String,
    pub version: u32,
    pub app: String,
    pub content_version: String,
    pub exported_at: f64,
    pub profiles: Vec<Profile>,
}

/// The file: the payload's fields plus its SHA-256 (no `serde(flatten)`: it costs wasm size).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackupFile {
    pub format: String,
    pub version: u32,
    pub app: String,
    pub content_version: String,
    pub exported_at: f64,
    pub profiles: Vec<Profile>,
    pub checksum: String,
}

impl BackupFile {
    fn new(payload: Payload) -> BackupFile {
        BackupFile {
            checksum: checksum(&payload),
            format: payload.format,
            version: payload.version,
            app: payload.app,
            content_version: payload.content_version,
            exported_at: payload.exported_at,
            profiles: payload.profiles,
        }
    }

    fn into_payload(self) -> (Payload, String) {
        (
            Payload {
                format: self.format,
                version: self.version,
                app: self.app,
                content_version: self.content_version,
                exported_at: self.exported_at,
                profiles: self.profiles,
            },
            self.checksum,
        )
    }
}

fn checksum(p: &Payload) -> String {
    sha256_hex(&serde_json::to_string(p).unwrap_or_default())
}

/// Serializes a backup of `profiles` (pretty-printed, so a person can read it).
pub fn export(profiles: &[Profile], content_version: &str, now: f64) -> String {
    let payload = Payload {
        format: FORMAT.into(),
        version: VERSION,
        app: crate::storage::APP.into(),
        content_version: content_version.into(),
        exported_at: now,
        profiles: profiles.to_vec(),
    };
    results::pretty(&serde_json::to_string(&BackupFile::new(payload)).unwrap_or_default())
}

/// Why a file was refused, in words for the trainee.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    TooLarge,
    NotJson,
    TooDeep,
    WrongFormat,
    FutureVersion(u32),
    MissingOrUnknownField(String),
    BadChecksum,
    BadValue(String),
}

impl ImportError {
    /// The Spanish message shown to the trainee.
    pub fn message(&self) -> String {
        match self {
            ImportError::TooLarge => "El archivo pesa más de 1 MB: no parece un respaldo de Jornada. No se cambió nada.".into(),
            ImportError::NotJson => "El archivo no es un respaldo de Jornada (no tiene formato JSON). No se cambió nada.".into(),
            ImportError::TooDeep => "El archivo tiene una estructura demasiado anidada para ser un respaldo de Jornada. No se cambió nada.".into(),
            ImportError::WrongFormat => "El archivo es JSON, pero no es un respaldo de Jornada. No se cambió nada.".into(),
            ImportError::FutureVersion(v) => format!("El respaldo se hizo con una versión más nueva de Jornada (formato {v}). Actualice la app y vuelva a intentarlo. No se cambió nada."),
            ImportError::MissingOrUnknownField(f) => format!("El respaldo está incompleto o tiene datos que no reconocemos ({f}). No se cambió nada."),
            ImportError::BadChecksum => "El respaldo fue modificado o está dañado: su suma de verificación no coincide. No se cambió nada.".into(),
            ImportError::BadValue(what) => format!("El respaldo tiene un dato no válido: {what}. No se cambió nada."),
        }
    }
}

/// Validates a backup file's text. Size is checked by the caller before reading (`MAX_BYTES`);
/// it is checked again here on the text.
pub fn parse(text: &str) -> Result<Payload, ImportError> {
    if text.len() as u64 > MAX_BYTES {
        return Err(ImportError::TooLarge);
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        if e.to_string().contains("recursion limit") {
            ImportError::TooDeep
        } else {
            ImportError::NotJson
        }
    })?;
    let obj = value.as_object().ok_or(ImportError::WrongFormat)?;
    if obj.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(ImportError::WrongFormat);
    }
    match obj.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v > VERSION as u64 => {
            return Err(ImportError::FutureVersion(v.min(u32::MAX as u64) as u32))
        }
        Some(v) if v == VERSION as u64 => {}
        _ => return Err(ImportError::WrongFormat),
    }
    // Parsed again from text rather than `from_value`: one JSON deserializer in the wasm, not two.
    let file: BackupFile = serde_json::from_str(text).map_err(|e| {
        let msg = e.to_string();
        let field = msg
            .split('`')
            .nth(1)
            .map(str::to_string)
            .unwrap_or_else(|| "estructura".into());
        ImportError::MissingOrUnknownField(field)
    })?;
    let (payload, sum) = file.into_payload();
    if payload.app != crate::storage::APP {
        return Err(ImportError::WrongFormat);
    }
    if checksum(&payload) != sum {
        return Err(ImportError::BadChecksum);
    }
    for p in &payload.profiles {
        check_profile(p)?;
    }
    let mut ids: Vec<&str> = payload.profiles.iter().map(|p| p.id.as_str()).collect();
    sort_small_by(&mut ids, |a, b| a.cmp(b));
    ids.dedup();
    if ids.len() != payload.profiles.len() {
        return Err(ImportError::BadValue("un perfil aparece dos veces".into()));
    }
    Ok(payload)
}

fn check_profile(p: &Profile) -> Result<(), ImportError> {
    let bad = |what: &str| Err(ImportError::BadValue(what.into()));
    if p.id.is_empty() || p.id.len() > 64 {
        return bad("identificador de perfil");
    }
    if p.name.chars().count() > MAX_TEXT || p.job_title.chars().count() > MAX_TEXT {
        return bad("nombre o cargo demasiado largo");
    }
    if !p.municipality.is_empty() && !MUNICIPALITIES.contains(&p.municipality.as_str()) {
        return bad("municipio desconocido");
    }
    for attempts in p.progress.attempts.values() {
        for a in attempts {
            if a.percent > 100 || a.correct > a.total || a.total > 100 {
                return bad("calificación fuera de rango");
            }
        }
    }
    Ok(())
}

/// What importing a file would do to one profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub name: String,
    pub municipality: String,
    /// True when the profile does not exist here yet.
    pub new: bool,
    pub lessons_added: usize,
    pub attempts_added: usize,
}

/// Describes what importing `incoming` into `local` changes, before anything is applied.
pub fn preview(local: &Profiles, incoming: &Payload) -> Vec<Change> {
    incoming
        .profiles
        .iter()
        .map(|p| {
            let existing = local.get(&p.id);
            let lessons_added = p
                .progress
                .lessons_read
                .keys()
                .filter(|l| !existing.is_some_and(|e| e.progress.is_read(l)))
                .count();
            let attempts_added = p
                .progress
                .attempts
                .iter()
                .flat_map(|(t, list)| list.iter().map(move |a| (t, a)))
                .filter(|(t, a)| {
                    !existing.is_some_and(|e| {
                        e.progress
                            .attempts
                            .get(*t)
                            .is_some_and(|l| l.iter().any(|x| x.id == a.id))
                    })
                })
                .count();
            Change {
                name: p.display_name().to_string(),
                municipality: p.municipality.clone(),
                new: existing.is_none(),
                lessons_added,
                attempts_added,
            }
        })
        .collect()
}

/// Applies an import: merges every profile of the file, losing nothing local. A profile
/// deleted on this device comes back only because the trainee chose to import it.
pub fn apply(local: &mut Profiles, incoming: &Payload) {
    let ids: Vec<&String> = incoming.profiles.iter().map(|p| &p.id).collect();
    local.deleted.retain(|d| !ids.contains(&d));
    local.merge(&Profiles {
        profiles: incoming.profiles.clone(),
        active: None,
        deleted: vec![],
    });
}

/// The trainee's results as the contact's board reads them (results file v1, `persona`): her
/// profile id, name, municipality, job title and every finished attempt with its id, day
/// (`day`, as on her constancias), score and content version.
fn results_parts(
    p: &Profile,
    topics: &[(&str, &str)],
    day: &dyn Fn(f64) -> String,
) -> (Vec<results::Topic>, results::Person, Vec<results::Attempt>) {
    let person = results::Person {
        id: p.id.clone(),
        name: p.name.trim().to_string(),
        municipality: p.municipality.clone(),
        job_title: p.job_title.trim().to_string(),
    };
    let attempts = topics
        .iter()
        .flat_map(|(id, _)| p.progress.attempts.get(*id).into_iter().flatten())
        .map(|a| results::Attempt {
            id: a.id.clone(),
            person: p.id.clone(),
            topic: a.topic.clone(),
            date: day(a.finished_at),
            finished_at: a.finished_at,
            correct: a.correct,
            total: a.total,
            percent: a.percent,
            passed: a.passed,
            content_version: a.content_version.clone(),
        })
        .collect();
    let topics = topics
        .iter()
        .map(|(id, title)| results::Topic {
            id: id.to_string(),
            title: title.to_string(),
        })
        .collect();
    (topics, person, attempts)
}

/// One row per attempt for spreadsheets, with the same ids as the JSON file (UTF-8 with BOM,
/// formula-safe).
/// `None` while her name or municipality is missing: no results file leaves without both.
pub fn results_csv(
    p: &Profile,
    topics: &[(&str, &str)],
    day: &dyn Fn(f64) -> String,
) -> Option<String> {
    if !p.identified() {
        return None;
    }
    let (topics, person, attempts) = results_parts(p, topics, day);
    let rows: Vec<_> = attempts.iter().map(|a| (&person, a)).collect();
    Some(results::csv(&topics, &rows))
}

/// The results file's name, after her: `jornada-resultados-<nombre>-<municipio>-<fecha>.<ext>`,
/// folded to lowercase ASCII (accents and ñ dropped, anything else a hyphen), so a contact who
/// receives ten files by WhatsApp can tell them apart. `None` without a name and municipality.
pub fn results_file_name(p: &Profile, stamp: &str, ext: &str) -> Option<String> {
    if !p.identified() {
        return None;
    }
    let slug = |s: &str| {
        let folded = textfold::fold(s.trim());
        let mut out = String::new();
        for c in folded.chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c);
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        // At most 40 characters of a name: file names stay readable on a phone.
        let mut out: String = out.chars().take(40).collect();
        while out.ends_with('-') {
            out.pop();
        }
        if out.is_empty() {
            "sin-nombre".to_string()
        } else {
            out
        }
    };
    Some(format!(
        "jornada-resultados-{}-{}-{stamp}.{ext}",
        slug(&p.name),
        slug(&p.municipality)
    ))
}

/// The results file v1 for the municipal contact, sealed with its integrity code. It also
/// carries her review deck: per card only the question's id, topic, box and dates. `None`
/// while her name or municipality is missing.
pub fn results_json(
    p: &Profile,
    topics: &[(&str, &str)],
    day: &dyn Fn(f64) -> String,
    now: f64,
) -> Option<String> {
    if !p.identified() {
        return None;
    }
    let (topics, person, attempts) = results_parts(p, topics, day);
    let review = p
        .progress
        .review
        .0
        .iter()
        .map(|(question, c)| results::ReviewCard {
            person: p.id.clone(),
            topic: c.topic.clone(),
            question: question.clone(),
            leitner_box: c.leitner_box,
            due: c.due,
            updated_at: c.updated_at,
        })
        .collect();
    Some(
        results::ResultsFile::new(results::KIND_PERSON, now, topics, vec![person], attempts)
            .with_review(review)
            .to_text(),
    )
}

pub use results::verification_code;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::progress::Attempt;

    fn profile(id: &str) -> Profile {
        let mut p = Profile::new(id.into(), 1.0);
        p.name = "Ana <script>alert(1)</script>".into();
        p.municipality = "León".into();
        p.progress.mark_read("modelo-origen", 5.0);
        p.progress.attempts.insert(
            "modelo".into(),
            vec![Attempt {
                id: "a1".into(),
                topic: "modelo".into(),
                started_at: 1.0,
                finished_at: 1764300000000.0,
                correct: 9,
                total: 10,
                percent: 90,
                passed: true,
                content_version: "2026.11.1".into(),
                answers: vec![],
            }],
        );
        p
    }

    fn file() -> String {
        export(&[profile("p1")], "2026.11.1", 10.0)
    }

    #[test]
    fn the_backup_text_is_what_serde_json_pretty_writes() {
        // Written compact and re-indented (smaller wasm): the file must not change.
        let mut p = profile("p1");
        p.job_title = "Coordinación \"A\", {área}: [1]\n".into();
        let file = export(&[p.clone(), profile("p2")], "2026.11.1", 10.0);
        let payload = parse(&file).unwrap();
        let want = serde_json::to_string_pretty(&BackupFile::new(payload)).unwrap();
        assert_eq!(file, want);
    }

    #[test]
    fn export_then_parse_round_trips() {
        let payload = parse(&file()).unwrap();
        assert_eq!(payload.profiles, vec![profile("p1")]);
        assert_eq!(payload.content_version, "2026.11.1");
        assert_eq!(payload.version, VERSION);
    }

    #[test]
    fn each_kind_of_bad_file_is_refused_with_its_reason() {
        let good = file();
        let mut v: serde_json::Value = serde_json::from_str(&good).unwrap();
        let cases: Vec<(String, ImportError)> = vec![
            ("x".repeat(MAX_BYTES as usize + 1), ImportError::TooLarge),
            ("esto no es json".into(), ImportError::NotJson),
            (
                format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)),
                ImportError::TooDeep,
            ),
            (r#"{"otra":"cosa"}"#.into(), ImportError::WrongFormat),
            (
                good.replace("\"version\": 1", "\"version\": 7"),
                ImportError::FutureVersion(7),
            ),
            (
                good.replace("\"exported_at\": 10.0,", ""),
                ImportError::MissingOrUnknownField("exported_at".into()),
            ),
            (
                good.replace(
                    "\"exported_at\": 10.0,",
                    "\"exported_at\": 10.0, \"extra\": 1,",
                ),
                ImportError::MissingOrUnknownField("extra".into()),
            ),
            (
                good.replace("\"percent\": 90", "\"percent\": 95"),
                ImportError::BadChecksum,
            ),
            (
                good.replace("\"app\": \"jornada\"", "\"app\": \"otra\""),
                ImportError::WrongFormat,
            ),
        ];
        for (text, want) in cases {
            assert_eq!(
                parse(&text),
                Err(want.clone()),
                "{:?}",
                &text[..text.len().min(80)]
            );
            assert!(want.message().contains("No se cambió nada"));
        }
        // A value out of range, with a valid checksum, is refused too.
        v["profiles"][0]["progress"]["attempts"]["modelo"][0]["percent"] = 250.into();
        let mut payload: Payload = serde_json::from_value({
            let mut p = v.clone();
            p.as_object_mut().unwrap().remove("checksum");
            p
        })
        .unwrap();
        payload.profiles[0]
            .progress
            .attempts
            .get_mut("modelo")
            .unwrap()[0]
            .percent = 250;
        let forged = serde_json::to_string(&BackupFile::new(payload)).unwrap();
        assert_eq!(
            parse(&forged),
            Err(ImportError::BadValue("calificación fuera de rango".into()))
        );
    }

    #[test]
    fn html_in_a_name_stays_text() {
        let payload = parse(&file()).unwrap();
        assert_eq!(payload.profiles[0].name, "Ana <script>alert(1)</script>");
    }

    #[test]
    fn import_merges_attempts_without_duplicates_and_keeps_local_data() {
        let mut local = Profiles {
            profiles: vec![{
                let mut p = profile("p1");
                p.progress.mark_read("ordenes-que-son", 7.0);
                p
            }],
            active: Some("p1".into()),
            deleted: vec![],
        };
        let mut other = profile("p1");
        let second = Attempt {
            id: "a2".into(),
            ..other.progress.attempts["modelo"][0].clone()
        };
        other
            .progress
            .attempts
            .get_mut("modelo")
            .unwrap()
            .push(second);
        let incoming = parse(&export(&[other, profile("p2")], "v", 1.0)).unwrap();
        let changes = preview(&local, &incoming);
        assert_eq!(
            changes[0],
            Change {
                name: "Ana <script>alert(1)</script>".into(),
                municipality: "León".into(),
                new: false,
                lessons_added: 0,
                attempts_added: 1
            }
        );
        assert!(changes[1].new);
        apply(&mut local, &incoming);
        let p1 = local.get("p1").unwrap();
        assert_eq!(p1.progress.attempts["modelo"].len(), 2);
        assert!(p1.progress.is_read("ordenes-que-son"), "local data kept");
        assert!(local.get("p2").is_some());
        apply(&mut local, &incoming);
        assert_eq!(
            local.get("p1").unwrap().progress.attempts["modelo"].len(),
            2,
            "importing twice adds nothing"
        );
    }

    #[test]
    fn results_files_carry_ids_and_read_back_on_the_board() {
        let mut p = profile("p1");
        p.name = "=HYPERLINK(\"x\")".into();
        let topics = [("modelo", "Modelo"), ("ordenes", "Órdenes")];
        let csv = results_csv(&p, &topics, &|_| "28/11/2026".into()).unwrap();
        let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("\u{feff}id_persona,id_intento,"));
        assert!(lines[1].starts_with("\"p1\",\"a1\",\"'=HYPERLINK(\"\"x\"\")\",\"León\""));
        assert!(lines[1].ends_with(",9,10,90,si,\"2026.11.1\""));
        let json = results_json(&p, &topics, &|_| "28/11/2026".into(), 5.0).unwrap();
        let loaded = results::parse(json.as_bytes()).unwrap();
        assert_eq!(loaded.origin, results::Origin::Verified);
        assert_eq!(loaded.people[0].id, "p1");
        assert_eq!(loaded.attempts[0].id, "a1");
        assert_eq!(loaded.attempts[0].date, "28/11/2026");
        assert_eq!(loaded.topics.len(), 2);
        // The CSV reads back with the same ids: loading both counts the attempt once.
        let mut board = results::Board::new();
        board.add(loaded);
        let r = board.add(results::parse(csv.as_bytes()).unwrap());
        assert_eq!((r.new_people, r.new_attempts), (0, 0));
    }

    #[test]
    fn the_results_json_carries_her_review_cards_and_no_question_text() {
        use crate::content::{loaded, CURRICULUM};
        let t = &CURRICULUM.topics[0];
        let qs = loaded(t).expect("embedded").questions;
        let mut p = profile("p1");
        p.progress.review.missed(t.id, &qs[0], 1_000.0);
        p.progress.review.missed(t.id, &qs[1], 2_000.0);
        p.progress.review.answer(t.id, &qs[1], true, 3_000.0);
        let json = results_json(&p, &[(t.id, t.title)], &|_| "28/11/2026".into(), 5.0).unwrap();
        let loaded = results::parse(json.as_bytes()).expect("verified");
        assert_eq!(loaded.origin, results::Origin::Verified);
        let mut cards: Vec<(&str, &str, u8)> = loaded
            .review
            .iter()
            .map(|c| (c.person.as_str(), c.question.as_str(), c.leitner_box))
            .collect();
        cards.sort();
        let mut expected = vec![("p1", qs[0].id, 1), ("p1", qs[1].id, 2)];
        expected.sort();
        assert_eq!(cards, expected);
        assert!(loaded.review.iter().all(|c| c.topic == t.id));
        // Ids and dates only: neither the question's text nor its fingerprint leaves the app.
        assert!(!json.contains(qs[0].prompt));
        assert!(!json.contains("fingerprint"));
        let mut board = results::Board::new();
        board.add(loaded);
        assert_eq!(board.rows()[0].in_review, 2);
    }

    #[test]
    fn no_results_file_leaves_without_her_name_and_municipality() {
        let topics = [("modelo", "Modelo")];
        let day = |_| "28/11/2026".to_string();
        for (name, municipality) in [("", "León"), ("  ", "León"), ("Ana", "")] {
            let mut p = profile("p1");
            p.name = name.into();
            p.municipality = municipality.into();
            assert_eq!(
                results_json(&p, &topics, &day, 5.0),
                None,
                "{name:?} {municipality:?}"
            );
            assert_eq!(results_csv(&p, &topics, &day), None);
            assert_eq!(results_file_name(&p, "2026-12-07", "json"), None);
        }
    }

    #[test]
    fn the_results_file_is_named_after_her_in_plain_ascii() {
        let mut p = profile("p1");
        p.name = "  Rosa María Martínez Núñez ".into();
        p.municipality = "Dolores Hidalgo Cuna de la Independencia Nacional".into();
        assert_eq!(
            results_file_name(&p, "2026-12-07", "json").unwrap(),
            "jornada-resultados-rosa-maria-martinez-nunez-dolores-hidalgo-cuna-de-la-independencia-2026-12-07.json"
        );
        p.name = "Ana <script>/../x".into();
        p.municipality = "León".into();
        assert_eq!(
            results_file_name(&p, "2026-12-07", "csv").unwrap(),
            "jornada-resultados-ana-script-x-leon-2026-12-07.csv"
        );
        p.name = "¡¿…?!".into();
        assert_eq!(
            results_file_name(&p, "2026-12-07", "json").unwrap(),
            "jornada-resultados-sin-nombre-leon-2026-12-07.json"
        );
    }

    #[test]
    fn verification_code_depends_on_every_field() {
        let a = verification_code(&["Ana", "León", "modelo", "90"]);
        assert_eq!(a.len(), 14);
        assert_ne!(a, verification_code(&["Ana", "León", "modelo", "91"]));
        assert_eq!(a, verification_code(&["Ana", "León", "modelo", "90"]));
    }
}

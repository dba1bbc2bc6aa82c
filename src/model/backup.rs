//! The backup file a trainee keeps (the durable copy of her progress), its validation on import,
//! the preview of what an import changes, and the results files for the municipal contact.

use serde::{Deserialize, Serialize};

use crate::model::profiles::{sha256_hex, Profile, Profiles, MAX_TEXT, MUNICIPALITIES};

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
    serde_json::to_string_pretty(&BackupFile::new(payload)).unwrap_or_default()
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
            ImportError::FutureVersion(v) => format!("El respaldo se hizo con una versión más nueva de Jornada (formato {v}). Actualiza la app y vuelve a intentarlo. No se cambió nada."),
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
    ids.sort_unstable();
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

fn csv_field(s: &str) -> String {
    // Quote every field; neutralise spreadsheet formulas.
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// One row per attempt, for the municipal contact: profile, topic, date, score, content version.
pub fn results_csv(p: &Profile, topics: &[(&str, &str)], date: &dyn Fn(f64) -> String) -> String {
    let mut out = String::from("nombre,municipio,cargo,tema,titulo_tema,fecha,aciertos,preguntas,porcentaje,aprobado,version_contenido\r\n");
    for (id, title) in topics {
        for a in p.progress.attempts.get(*id).into_iter().flatten() {
            let row = [
                csv_field(&p.name),
                csv_field(&p.municipality),
                csv_field(&p.job_title),
                csv_field(id),
                csv_field(title),
                csv_field(&date(a.finished_at)),
                a.correct.to_string(),
                a.total.to_string(),
                a.percent.to_string(),
                if a.passed { "si".into() } else { "no".into() },
                csv_field(&a.content_version),
            ];
            out.push_str(&row.join(","));
            out.push_str("\r\n");
        }
    }
    out
}

/// The same results as JSON.
pub fn results_json(p: &Profile, topics: &[(&str, &str)], date: &dyn Fn(f64) -> String) -> String {
    let rows: Vec<serde_json::Value> = topics
        .iter()
        .flat_map(|(id, title)| {
            p.progress
                .attempts
                .get(*id)
                .into_iter()
                .flatten()
                .map(move |a| {
                    serde_json::json!({
                        "tema": id, "titulo_tema": title, "fecha": date(a.finished_at),
                        "aciertos": a.correct, "preguntas": a.total, "porcentaje": a.percent,
                        "aprobado": a.passed, "version_contenido": a.content_version,
                    })
                })
        })
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({
        "nombre": p.name, "municipio": p.municipality, "cargo": p.job_title, "resultados": rows,
    }))
    .unwrap_or_default()
}

/// A short code derived from the fields of a constancia, so a printed copy can be checked
/// against the trainee's data: `XXXX-XXXX-XXXX`.
pub fn verification_code(fields: &[&str]) -> String {
    let h = sha256_hex(&fields.join("\u{1f}")).to_uppercase();
    format!("{}-{}-{}", &h[0..4], &h[4..8], &h[8..12])
}

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
    fn results_csv_has_one_row_per_attempt_and_is_safe_for_spreadsheets() {
        let mut p = profile("p1");
        p.name = "=HYPERLINK(\"x\")".into();
        let csv = results_csv(
            &p,
            &[("modelo", "Modelo"), ("ordenes", "Órdenes")],
            &|_| "28/11/2026".into(),
        );
        let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[1].starts_with("\"'=HYPERLINK(\"\"x\"\")\",\"León\""));
        assert!(lines[1].ends_with(",9,10,90,si,\"2026.11.1\""));
        let json: serde_json::Value =
            serde_json::from_str(&results_json(&p, &[("modelo", "Modelo")], &|_| "d".into()))
                .unwrap();
        assert_eq!(json["resultados"][0]["porcentaje"], 90);
    }

    #[test]
    fn verification_code_depends_on_every_field() {
        let a = verification_code(&["Ana", "León", "modelo", "90"]);
        assert_eq!(a.len(), 14);
        assert_ne!(a, verification_code(&["Ana", "León", "modelo", "91"]));
        assert_eq!(a, verification_code(&["Ana", "León", "modelo", "90"]));
    }
}

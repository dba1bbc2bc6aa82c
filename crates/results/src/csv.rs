//! CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads the accents), every text
//! field quoted, and formulas neutralised.

use crate::{Attempt, Person, Topic};

/// The header of the CSV this crate writes (and the board reads back).
pub const HEADER: &str = "id_persona,id_intento,nombre,municipio,cargo,tema,titulo_tema,fecha,aciertos,preguntas,porcentaje,aprobado,version_contenido";

/// One quoted CSV field; a leading `=`, `+`, `-`, `@`, tab or carriage return gets a `'` so a
/// spreadsheet shows the text instead of running it.
pub fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// One row per attempt, in the order given, with the ids as columns. (No sorting here: a sort
/// instantiation costs the trainees' download several KiB; the board sorts before calling.)
pub fn csv(topics: &[Topic], rows: &[(&Person, &Attempt)]) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(HEADER);
    out.push_str("\r\n");
    fn title<'a>(topics: &'a [Topic], id: &'a str) -> &'a str {
        topics
            .iter()
            .find(|t| t.id == id)
            .map(|t| t.title.as_str())
            .unwrap_or(id)
    }
    for (p, a) in rows.iter().copied() {
        let row = [
            csv_field(&p.id),
            csv_field(&a.id),
            csv_field(&p.name),
            csv_field(&p.municipality),
            csv_field(&p.job_title),
            csv_field(&a.topic),
            csv_field(title(topics, &a.topic)),
            csv_field(&a.date),
            a.correct.to_string(),
            a.total.to_string(),
            a.percent.to_string(),
            if a.passed { "si".into() } else { "no".into() },
            csv_field(&a.content_version),
        ];
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Splits CSV text into records (quotes, doubled quotes, CR LF), with `sep` as separator.
pub(crate) fn records(text: &str, sep: char) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
        } else if c == '"' {
            quoted = true;
        } else if c == sep {
            row.push(std::mem::take(&mut field));
        } else if c == '\n' || c == '\r' {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            row.push(std::mem::take(&mut field));
            if row.iter().any(|f| !f.trim().is_empty()) {
                out.push(std::mem::take(&mut row));
            } else {
                row.clear();
            }
        } else {
            field.push(c);
        }
    }
    row.push(field);
    if row.iter().any(|f| !f.trim().is_empty()) {
        out.push(row);
    }
    out
}

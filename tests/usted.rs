//! One voice: everywhere the app speaks in its own words (the trainee app, the contact's board,
//! the constancia, the pages' `<noscript>`), it says *usted*, never *tú*. Lessons, quiz items
//! and help lines live in `content/` and are checked by their authors; this reads the string
//! literals of `src/` (test modules left out) and the HTML pages.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

/// *Tú* forms that are never *usted*: possessives and pronouns, and verb forms that only the
/// second person singular takes.
const ALWAYS: &[&str] = &[
    "tu",
    "tus",
    "tú",
    "te",
    "ti",
    "contigo",
    "tuyo",
    "tuya",
    "eres",
    "estás",
    "tienes",
    "puedes",
    "necesitas",
    "quieres",
    "debes",
    "sabes",
    "vas",
    "habías",
    "acreditas",
    "apruebas",
    "continúas",
    "cierras",
    "lees",
    "respondes",
    "eliges",
    "escribes",
    "llamas",
    "empiezas",
    "terminas",
    "aciertas",
    "fallas",
    "envías",
    "escribas",
    "elijas",
    "quieras",
    "puedas",
    "tengas",
    "necesites",
    "decidas",
    "respondas",
    "leas",
    "entres",
    "cargues",
    "haz",
    "ponte",
    "déjalo",
    "actívalo",
    "confírmalos",
    "suéltalos",
    "arrástralos",
    "descárgalo",
    "envíalo",
    "guárdalo",
    "escríbelo",
    "pídele",
    "pregúntale",
    "asegúrate",
];

/// Imperatives whose *tú* form is also the third person ("Jornada no envía…", "la pestaña se
/// llama…"): flagged only where an instruction starts (the start of a text or after `.` `:` `;`
/// `¿` `¡` `(`).
const IMPERATIVES: &[&str] = &[
    "escribe",
    "elige",
    "descarga",
    "selecciona",
    "indica",
    "marca",
    "vuelve",
    "intenta",
    "pide",
    "lee",
    "responde",
    "recarga",
    "actualiza",
    "toca",
    "abre",
    "envía",
    "comparte",
    "continúa",
    "repasa",
    "respalda",
    "revisa",
    "usa",
    "activa",
    "recuerda",
    "guarda",
    "busca",
    "llama",
    "consulta",
    "avisa",
    "borra",
    "cambia",
    "crea",
    "imprime",
    "prueba",
    "confirma",
    "cierra",
    "sigue",
    "aprueba",
    "acredita",
    "practica",
    "carga",
    "abre",
];

/// Quoted speech and words that only look like *tú* forms: a short, reviewed list.
const ALLOWED: &[&str] = &[
    // "-aste"/"-iste" words that are not a preterite of *tú*.
    "existe",
    "consiste",
    "insiste",
    "resiste",
    "asiste",
    "persiste",
    "triste",
    "chiste",
    "contraste",
    "desgaste",
];

fn words(s: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if c.is_alphabetic() {
            if cur.is_empty() {
                start = i;
            }
            cur.extend(c.to_lowercase());
        } else if !cur.is_empty() {
            out.push((start, std::mem::take(&mut cur)));
        }
    }
    if !cur.is_empty() {
        out.push((start, cur));
    }
    out
}

/// The *tú* forms in one text.
fn tu_forms(text: &str) -> Vec<String> {
    let ws = words(text);
    let mut found = Vec::new();
    for (at, w) in &ws {
        if ALLOWED.contains(&w.as_str()) {
            continue;
        }
        let preterite = (w.ends_with("aste") || w.ends_with("iste")) && w.chars().count() > 5;
        let future = w.ends_with("rás") && w != "atrás";
        if ALWAYS.contains(&w.as_str()) || preterite || future {
            found.push(w.clone());
            continue;
        }
        if IMPERATIVES.contains(&w.as_str()) {
            let before = text[..*at].trim_end();
            if before.is_empty() || before.ends_with(['.', ':', ';', '¿', '¡', '(', '«', '"']) {
                found.push(w.clone());
            }
        }
    }
    found
}

/// String literals of a Rust file, with their line, up to its test module.
fn literals(src: &str) -> Vec<(usize, String)> {
    let src = src.split("#[cfg(test)]").next().unwrap_or(src);
    let b: Vec<char> = src.chars().collect();
    let (mut out, mut i, mut line) = (Vec::new(), 0, 1);
    while i < b.len() {
        match b[i] {
            '\n' => line += 1,
            '/' if b.get(i + 1) == Some(&'/') => {
                while i < b.len() && b[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            // A char literal ('"' included), or a lifetime.
            '\'' => {
                if b.get(i + 2) == Some(&'\'') {
                    i += 3;
                    continue;
                }
                if b.get(i + 1) == Some(&'\\') && b.get(i + 3) == Some(&'\'') {
                    i += 4;
                    continue;
                }
            }
            '"' => {
                let (start, mut s) = (line, String::new());
                i += 1;
                while i < b.len() && b[i] != '"' {
                    if b[i] == '\\' {
                        i += 1;
                    }
                    if b[i] == '\n' {
                        line += 1;
                    }
                    s.push(b[i]);
                    i += 1;
                }
                out.push((start, s));
            }
            _ => {}
        }
        i += 1;
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn the_app_says_usted_in_its_own_words() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    let mut found = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for (line, s) in literals(&text) {
            // Class names, ids, keys: not words the trainee reads.
            if s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.:/#".contains(c))
            {
                continue;
            }
            let forms = tu_forms(&s);
            if !forms.is_empty() {
                found.push(format!(
                    "{}:{line}: {forms:?} in {s:?}",
                    f.strip_prefix(root).unwrap().display()
                ));
            }
        }
    }
    for page in ["index.html", "enlace.html"] {
        let text = std::fs::read_to_string(root.join(page)).unwrap();
        for (n, l) in text.lines().enumerate() {
            let forms = tu_forms(l.trim());
            if !forms.is_empty() {
                found.push(format!("{page}:{}: {forms:?}", n + 1));
            }
        }
    }
    assert!(files.len() > 30, "the app's sources were read");
    assert!(
        found.is_empty(),
        "tú forms in the app's own words:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_finds_tu_and_leaves_usted_and_third_person_alone() {
    for tu in [
        "Si necesitas apoyo, consulta las líneas de ayuda.",
        "Selecciona todas las respuestas correctas.",
        "Su avance no se muestra hasta que escribas el PIN.",
        "Revisa tu conexión y vuelve a intentarlo",
        "Aprobaste un tema.",
        "Después de cada respuesta verás si es correcta.",
        "No habías respondido ninguna pregunta.",
        "reúne los resultados que te envían",
        "Elige muchos a la vez o arrástralos aquí.",
    ] {
        assert!(!tu_forms(tu).is_empty(), "{tu}");
    }
    for usted in [
        "Si necesita apoyo, consulte las líneas de ayuda.",
        "Marque todas las respuestas correctas.",
        "¿Cómo se llama?",
        "Jornada no envía sus datos a ningún servidor y no usa rastreo.",
        "si el problema sigue, avise a quien administra el curso.",
        "Su avance se guarda: si cierra la página, continúa en la misma pregunta.",
        "El archivo existe. El botón Atrás.",
        "Jornada le vuelve a hacer preguntas.",
    ] {
        assert_eq!(tu_forms(usted), Vec::<String>::new(), "{usted}");
    }
}

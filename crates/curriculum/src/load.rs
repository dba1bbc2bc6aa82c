//! Loads `content/` from disk, checks every rule, and builds the [`Curriculum`].
//!
//! Every problem is collected, so an author sees all of them at once.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::bank;
use crate::diag::{toml_error, Diagnostic, Diagnostics, Source};
use crate::model::*;
use crate::render::{is_slug, render_markdown, LinkTarget};

/// Version of the JSON export shape; bump only with a documented change.
pub const EXPORT_FORMAT: u32 = 1;

type S<T> = Spanned<T>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndex {
    titulo: String,
    #[serde(default)]
    subtitulo: String,
    version_contenido: S<String>,
    aprobatorio: Option<S<i64>>,
    temas: S<Vec<S<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopic {
    titulo: String,
    titulo_corto: Option<String>,
    sesion: u8,
    #[serde(default)]
    resumen: String,
    #[serde(default)]
    objetivos: Vec<String>,
    nota_contenido: Option<String>,
    preguntas_por_intento: Option<S<i64>>,
    lecciones: S<Vec<S<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    id: S<String>,
    titulo: String,
    minutos: S<i64>,
    #[serde(default)]
    fuentes: Vec<S<String>>,
    nota_contenido: Option<String>,
    /// Content version that added the lesson: attempts passed on earlier versions do not need it
    /// to stay accredited.
    nueva_en: Option<S<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBank {
    #[serde(default)]
    pregunta: Vec<RawQuestion>,
}

#[derive(Deserialize, Clone, Copy, PartialEq)]
#[serde(rename_all = "snake_case")]
enum RawKind {
    Unica,
    Multiple,
    VerdaderoFalso,
    Caso,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: S<String>,
    tipo: RawKind,
    caso: Option<String>,
    enunciado: String,
    respuesta: Option<S<Vec<S<String>>>>,
    explicacion: Option<String>,
    fuentes: Option<S<Vec<S<String>>>>,
    seccion: Option<S<String>>,
    #[serde(default)]
    opcion: Vec<RawOption>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    id: S<String>,
    texto: String,
    retro: Option<String>,
    error: Option<S<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGlossary {
    #[serde(default)]
    termino: Vec<RawTerm>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    id: S<String>,
    termino: String,
    definicion: String,
    #[serde(default)]
    fuentes: Vec<S<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHelp {
    #[serde(default)]
    linea: Vec<RawLine>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLine {
    id: S<String>,
    nombre: String,
    numero: String,
    descripcion: String,
    #[serde(default)]
    horario: String,
    #[serde(default)]
    fuentes: Vec<S<String>>,
    revisado: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFacts {
    #[serde(default)]
    hecho: Vec<RawFact>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFact {
    id: String,
    confianza: S<String>,
    #[serde(default)]
    resumen: String,
    #[serde(default)]
    urls: Vec<String>,
}

/// A lesson after the first pass: front matter read, sections known, body not yet rendered.
struct PendingLesson {
    topic: usize,
    src: Source,
    body_offset: usize,
    front: RawFrontMatter,
}

/// Reads a file; a missing or unreadable file becomes a diagnostic at `(at, offset)`.
fn read(path: &Path, diags: &mut Diagnostics, at: Option<(&Source, usize)>) -> Option<Source> {
    match fs::read_to_string(path) {
        Ok(text) => Some(Source::new(path, text)),
        Err(e) => {
            let message = if e.kind() == std::io::ErrorKind::NotFound {
                format!("falta el archivo {}", path.display())
            } else {
                format!("no se pudo leer {}: {e}", path.display())
            };
            let hint = "cree el archivo o corrija el nombre en la lista (mayúsculas, acentos y extensión cuentan)";
            diags.push(match at {
                Some((src, off)) => src.at(off, message, hint),
                None => Diagnostic {
                    file: path.to_path_buf(),
                    line: 1,
                    column: 1,
                    message,
                    hint: hint.into(),
                },
            });
            None
        }
    }
}

fn parse<T: for<'de> Deserialize<'de>>(src: &Source, diags: &mut Diagnostics) -> Option<T> {
    parse_text(src, &src.text, 0, diags)
}

/// Parses `text` (found at `base` in `src`). An unknown key is reported and its line blanked
/// (offsets kept), and parsing goes on, so one stray key does not hide the file's other problems.
fn parse_text<T: for<'de> Deserialize<'de>>(
    src: &Source,
    text: &str,
    base: usize,
    diags: &mut Diagnostics,
) -> Option<T> {
    let mut text = text.to_string();
    for _ in 0..64 {
        match toml::from_str::<T>(&text) {
            Ok(v) => return Some(v),
            Err(e) => {
                let mut d = toml_error(&Source::new(&src.path, text.clone()), &e);
                let start = e.span().map_or(0, |s| s.start);
                let (line, column) = src.line_col(base + start);
                d.line = line;
                d.column = column;
                diags.push(d);
                if !e.message().starts_with("unknown field") {
                    return None;
                }
                let ls = text[..start].rfind('\n').map_or(0, |i| i + 1);
                let le = text[start..].find('\n').map_or(text.len(), |i| start + i);
                let blank = " ".repeat(le - ls);
                text.replace_range(ls..le, &blank);
            }
        }
    }
    None
}

/// Splits `+++` TOML front matter from a lesson; returns (front matter text, its offset, body offset).
fn split_front_matter(text: &str) -> Option<(&str, usize, usize)> {
    let rest = text.strip_prefix("+++")?;
    let start = 3 + rest.find('\n')? + 1;
    let mut pos = start;
    for line in text[start..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Some((&text[start..pos], start, pos + line.len()));
        }
        pos += line.len();
    }
    None
}

/// Loads and validates the content directory. Returns the curriculum, or every problem found.
pub fn load(dir: &Path) -> Result<Curriculum, Vec<Diagnostic>> {
    let mut diags = Diagnostics::default();
    let result = load_inner(dir, true, &mut diags);
    match result {
        Some(c) if diags.is_empty() => Ok(c),
        _ => Err(sorted(diags)),
    }
}

/// Loads what can be loaded while an author is still rebuilding a bank, for `curriculum stats`:
/// the curriculum (questions with problems left out) and every problem, the bank rules included.
pub fn load_for_stats(dir: &Path) -> Result<(Curriculum, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut diags = Diagnostics::default();
    match load_inner(dir, false, &mut diags) {
        Some(c) => {
            for t in &c.topics {
                let file = dir.join(&t.id).join("preguntas.toml");
                let src = Source::new(&file, String::new());
                check_bank(&src, &t.questions, t.quiz_size, &mut diags);
            }
            Ok((c, sorted(diags)))
        }
        None => Err(sorted(diags)),
    }
}

fn sorted(diags: Diagnostics) -> Vec<Diagnostic> {
    let mut all = diags.0;
    all.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    all.dedup();
    all
}

fn check_facts(
    src: &Source,
    base: usize,
    ids: &[S<String>],
    facts: &HashMap<String, Confidence>,
    scored: bool,
    diags: &mut Diagnostics,
) {
    for id in ids {
        match facts.get(id.get_ref()) {
            None => diags.push(src.at(
                base + id.span().start,
                format!("el hecho `{}` no existe en la ficha de hechos", id.get_ref()),
                "use un id de content/fuentes.toml, como `OP-03`",
            )),
            Some(Confidence::Low) if scored => diags.push(src.at(
                base + id.span().start,
                format!(
                    "la pregunta se apoya en `{}`, un hecho de confianza baja",
                    id.get_ref()
                ),
                "una respuesta evaluada solo puede apoyarse en hechos de confianza alta o media; cambie la fuente o la pregunta",
            )),
            _ => {}
        }
    }
}

fn load_inner(dir: &Path, bank_rules: bool, diags: &mut Diagnostics) -> Option<Curriculum> {
    // Fact registry first: everything else cites it.
    let facts_src = read(&dir.join("fuentes.toml"), diags, None)?;
    let raw_facts: RawFacts = parse(&facts_src, diags)?;
    let mut facts = Vec::new();
    let mut fact_conf = HashMap::new();
    for f in raw_facts.hecho {
        let confidence = match f.confianza.get_ref().as_str() {
            "alta" => Confidence::High,
            "media" => Confidence::Medium,
            "baja" => Confidence::Low,
            other => {
                diags.push(facts_src.at(
                    f.confianza.span().start,
                    format!("confianza desconocida `{other}`"),
                    "use alta, media o baja",
                ));
                continue;
            }
        };
        fact_conf.insert(f.id.clone(), confidence);
        facts.push(Fact {
            id: f.id,
            confidence,
            summary: f.resumen,
            urls: f.urls,
        });
    }

    let index_src = read(&dir.join("curriculum.toml"), diags, None)?;
    let index: RawIndex = parse(&index_src, diags)?;
    let pass_mark = match &index.aprobatorio {
        None => 80,
        Some(p) if (1..=100).contains(p.get_ref()) => *p.get_ref() as u8,
        Some(p) => {
            diags.push(index_src.at(
                p.span().start,
                "la calificación aprobatoria debe estar entre 1 y 100",
                "escriba un porcentaje, por ejemplo `aprobatorio = 80`",
            ));
            80
        }
    };
    let content_version = index.version_contenido.get_ref().clone();
    let content_version = content_version.as_str();
    if index.version_contenido.get_ref().trim().is_empty() {
        diags.push(index_src.at(
            index.version_contenido.span().start,
            "la versión del contenido está vacía",
            "escriba una versión como `2026.11.1` y súbala en cada publicación",
        ));
    }
    if index.temas.get_ref().is_empty() {
        diags.push(index_src.at(
            index.temas.span().start,
            "la lista de temas está vacía",
            "agregue los nombres de las carpetas de los temas",
        ));
    }

    let mut topics: Vec<Topic> = Vec::new();
    let mut pending: Vec<PendingLesson> = Vec::new();
    let mut seen_topics = HashSet::new();
    let mut seen_lesson_ids: HashMap<String, (PathBuf, usize)> = HashMap::new();
    let mut lesson_anchors: HashMap<String, (usize, HashSet<String>)> = HashMap::new();
    let mut raw_banks: Vec<(usize, Source, RawBank)> = Vec::new();
    let mut raw_glossaries: Vec<(usize, Source, RawGlossary)> = Vec::new();

    for tid in index.temas.get_ref() {
        let id = tid.get_ref();
        if !is_slug(id) {
            diags.push(index_src.at(
                tid.span().start,
                format!("el id de tema `{id}` no es válido"),
                "use solo minúsculas sin acentos, números y guiones",
            ));
            continue;
        }
        if !seen_topics.insert(id.clone()) {
            diags.push(index_src.at(
                tid.span().start,
                format!("el tema `{id}` está repetido"),
                "cada tema aparece una sola vez en `temas`",
            ));
            continue;
        }
        let tdir = dir.join(id);
        if !tdir.is_dir() {
            diags.push(index_src.at(
                tid.span().start,
                format!("no existe la carpeta del tema `{id}`"),
                format!("cree la carpeta content/{id}/ o quite el tema de la lista"),
            ));
            continue;
        }
        let Some(tsrc) = read(&tdir.join("tema.toml"), diags, None) else {
            continue;
        };
        let Some(raw) = parse::<RawTopic>(&tsrc, diags) else {
            continue;
        };
        let t_index = topics.len();
        let quiz_size = match &raw.preguntas_por_intento {
            None => 10,
            Some(n) if *n.get_ref() >= 1 => *n.get_ref() as usize,
            Some(n) => {
                diags.push(tsrc.at(
                    n.span().start,
                    "`preguntas_por_intento` debe ser al menos 1",
                    "escriba un número como 10",
                ));
                10
            }
        };
        if raw.objetivos.is_empty() {
            diags.push(tsrc.at(
                0,
                "el tema no tiene objetivos de aprendizaje",
                "agregue `objetivos = [\"…\", \"…\", \"…\"]`",
            ));
        }
        let mut files_seen = HashSet::new();
        for file in raw.lecciones.get_ref() {
            if !files_seen.insert(file.get_ref().clone()) {
                diags.push(tsrc.at(
                    file.span().start,
                    format!("la lección `{}` está repetida", file.get_ref()),
                    "cada archivo aparece una sola vez en `lecciones`",
                ));
                continue;
            }
            let path = tdir.join(file.get_ref());
            let Some(lsrc) = read(&path, diags, Some((&tsrc, file.span().start))) else {
                continue;
            };
            let Some((fm, fm_off, body_off)) = split_front_matter(&lsrc.text) else {
                diags.push(lsrc.at(
                    0,
                    "la lección no empieza con sus datos entre líneas `+++`",
                    "ponga al inicio `+++`, luego id, titulo, minutos y fuentes, y cierre con `+++`",
                ));
                continue;
            };
            let Some(front) = parse_text::<RawFrontMatter>(&lsrc, fm, fm_off, diags) else {
                continue;
            };
            let lid = front.id.get_ref().clone();
            let at = fm_off + front.id.span().start;
            if !is_slug(&lid) {
                diags.push(lsrc.at(
                    at,
                    format!("el id de lección `{lid}` no es válido"),
                    "use solo minúsculas sin acentos, números y guiones",
                ));
            } else if let Some((other, line)) = seen_lesson_ids.get(&lid) {
                diags.push(lsrc.at(
                    at,
                    format!("id de lección repetido `{lid}`"),
                    format!(
                        "ya se usa en {}:{line}; cada lección necesita un id único",
                        other.display()
                    ),
                ));
                continue;
            } else {
                seen_lesson_ids.insert(lid.clone(), (path.clone(), lsrc.line_col(at).0));
            }
            if *front.minutos.get_ref() < 1 || *front.minutos.get_ref() > 240 {
                diags.push(lsrc.at(
                    fm_off + front.minutos.span().start,
                    "los minutos estimados deben estar entre 1 y 240",
                    "estime cuánto tarda una persona en leer la lección",
                ));
            }
            if let Some(v) = &front.nueva_en {
                match (version_parts(v.get_ref()), version_parts(content_version)) {
                    (Some(added), Some(current)) if added <= current => {}
                    _ => diags.push(lsrc.at(
                        fm_off + v.span().start,
                        format!(
                            "`nueva_en = \"{}\"` no es una versión de contenido publicada (la actual es {content_version})",
                            v.get_ref()
                        ),
                        "escriba la `version_contenido` de curriculum.toml en que se agregó la lección, por ejemplo \"2026.11.2\"",
                    )),
                }
            }
            // First pass over the body: only the anchors matter here.
            let pre = render_markdown(&lsrc.text[body_off..], &mut |_| {
                Ok(LinkTarget::Internal(String::new()))
            });
            let anchors: HashSet<String> = pre.anchors.iter().map(|a| a.1.clone()).collect();
            lesson_anchors.insert(lid.clone(), (t_index, anchors));
            pending.push(PendingLesson {
                topic: t_index,
                src: lsrc,
                body_offset: body_off,
                front,
            });
        }
        if let Some(bsrc) = read(&tdir.join("preguntas.toml"), diags, None) {
            if let Some(bank) = parse::<RawBank>(&bsrc, diags) {
                raw_banks.push((t_index, bsrc, bank));
            }
        }
        let gpath = tdir.join("glosario.toml");
        if gpath.exists() {
            if let Some(gsrc) = read(&gpath, diags, None) {
                if let Some(g) = parse::<RawGlossary>(&gsrc, diags) {
                    raw_glossaries.push((t_index, gsrc, g));
                }
            }
        }
        topics.push(Topic {
            id: id.clone(),
            short_title: raw.titulo_corto.unwrap_or_else(|| raw.titulo.clone()),
            title: raw.titulo,
            session: raw.sesion,
            summary: raw.resumen,
            objectives: raw.objetivos,
            content_note: raw.nota_contenido,
            quiz_size,
            minutes: 0,
            lessons: Vec::new(),
            questions: Vec::new(),
        });
    }

    // Glossary ids must be known before lesson links are checked.
    let mut glossary: Vec<Term> = Vec::new();
    let mut term_ids: HashMap<String, PathBuf> = HashMap::new();
    for (t, gsrc, g) in &raw_glossaries {
        for term in &g.termino {
            let id = term.id.get_ref();
            if !is_slug(id) {
                diags.push(gsrc.at(
                    term.id.span().start,
                    format!("el id de término `{id}` no es válido"),
                    "use solo minúsculas sin acentos, números y guiones",
                ));
            } else if let Some(other) = term_ids.get(id) {
                diags.push(gsrc.at(
                    term.id.span().start,
                    format!("id de término repetido `{id}`"),
                    format!(
                        "ya lo define {}; cada término se define una vez",
                        other.display()
                    ),
                ));
                continue;
            }
            check_facts(gsrc, 0, &term.fuentes, &fact_conf, false, diags);
            term_ids.insert(id.clone(), gsrc.path.clone());
            glossary.push(Term {
                id: id.clone(),
                term: term.termino.clone(),
                definition: term.definicion.clone(),
                sources: term.fuentes.iter().map(|s| s.get_ref().clone()).collect(),
                topic: topics[*t].id.clone(),
                first_lesson: None,
            });
        }
    }

    // Second pass: render every lesson with all ids known.
    let lesson_topic: HashMap<String, String> = lesson_anchors
        .iter()
        .map(|(l, (t, _))| (l.clone(), topics[*t].id.clone()))
        .collect();
    for p in pending {
        let lid = p.front.id.get_ref().clone();
        let body = &p.src.text[p.body_offset..];
        let own_anchors = lesson_anchors
            .get(&lid)
            .map(|a| a.1.clone())
            .unwrap_or_default();
        let mut used_terms: Vec<String> = Vec::new();
        let rendered = render_markdown(body, &mut |dest| {
            resolve_link(
                dest,
                &own_anchors,
                &lesson_topic,
                &lesson_anchors,
                &term_ids,
                &topics[p.topic].id,
            )
            .inspect(|_| {
                if let Some(t) = dest.strip_prefix("glosario:") {
                    used_terms.push(t.to_string());
                }
            })
        });
        for e in &rendered.errors {
            diags.push(
                p.src
                    .at(p.body_offset + e.offset, e.message.clone(), e.hint.clone()),
            );
        }
        let mut seen = HashSet::new();
        for (off, a) in &rendered.anchors {
            if !a.is_empty() && !seen.insert(a.clone()) {
                diags.push(p.src.at(
                    p.body_offset + off,
                    format!("ancla repetida `{a}` en la misma lección"),
                    "cada sección necesita un ancla distinta",
                ));
            }
        }
        if !seen.contains("para-recordar") {
            diags.push(p.src.at(
                p.body_offset,
                "la lección no tiene la sección «Para recordar»",
                "agregue al final `## Para recordar {#para-recordar}` con 3 a 6 puntos clave",
            ));
        }
        if !seen.iter().any(|a| a.starts_with("caso")) {
            diags.push(p.src.at(
                p.body_offset,
                "la lección no tiene un caso práctico",
                "agregue una sección como `## Caso: … {#caso-…}` con una situación ficticia de una instancia municipal",
            ));
        }
        let fm_off = split_front_matter(&p.src.text).map_or(0, |f| f.1);
        check_facts(&p.src, fm_off, &p.front.fuentes, &fact_conf, false, diags);
        if p.front.fuentes.is_empty() {
            diags.push(p.src.at(
                fm_off + p.front.id.span().start,
                "la lección no cita fuentes",
                "agregue `fuentes = [\"M-01\", …]` con los hechos de la ficha que usa",
            ));
        }
        for t in used_terms {
            if let Some(term) = glossary.iter_mut().find(|g| g.id == t) {
                term.first_lesson.get_or_insert_with(|| lid.clone());
            }
        }
        let topic = &mut topics[p.topic];
        topic.minutes += (*p.front.minutos.get_ref()).clamp(0, 240) as u32;
        topic.lessons.push(Lesson {
            id: lid,
            title: p.front.titulo,
            minutes: (*p.front.minutos.get_ref()).clamp(0, 240) as u32,
            sources: p
                .front
                .fuentes
                .iter()
                .map(|s| s.get_ref().clone())
                .collect(),
            content_note: p.front.nota_contenido,
            since: p.front.nueva_en.map(|v| v.into_inner()),
            sections: rendered
                .sections
                .into_iter()
                .map(|(id, title, text)| Section { id, title, text })
                .collect(),
            markdown: body.to_string(),
            html: rendered.html,
        });
    }
    for (t, gsrc, g) in &raw_glossaries {
        for term in &g.termino {
            let linked = glossary
                .iter()
                .any(|x| x.id == *term.id.get_ref() && x.first_lesson.is_some());
            if !linked && term_ids.get(term.id.get_ref()) == Some(&gsrc.path) {
                diags.push(gsrc.at(
                    term.id.span().start,
                    format!("el término `{}` no se enlaza desde ninguna lección", term.id.get_ref()),
                    format!(
                        "enlácelo donde aparece por primera vez, por ejemplo `[{}](glosario:{})` en una lección de `{}`",
                        term.termino,
                        term.id.get_ref(),
                        topics[*t].id
                    ),
                ));
            }
        }
    }

    // Question banks.
    let mut question_ids: HashMap<String, PathBuf> = HashMap::new();
    for (t, bsrc, bank) in raw_banks {
        let mut questions = Vec::new();
        let errors_before = diags.0.len();
        for q in bank.pregunta {
            if let Some(question) = check_question(
                &bsrc,
                q,
                t,
                &topics,
                &lesson_anchors,
                &fact_conf,
                &mut question_ids,
                diags,
            ) {
                questions.push(question);
            }
        }
        let topic = &mut topics[t];
        if questions.len() < topic.quiz_size && diags.0.len() == errors_before {
            diags.push(bsrc.at(
                0,
                format!(
                    "el banco tiene {} preguntas y cada intento saca {}",
                    questions.len(),
                    topic.quiz_size
                ),
                "agregue preguntas o baje `preguntas_por_intento` en tema.toml",
            ));
        }
        if bank_rules && diags.0.len() == errors_before {
            check_bank(&bsrc, &questions, topic.quiz_size, diags);
        }
        topic.questions = questions;
    }

    // Help lines.
    let mut help_lines = Vec::new();
    if let Some(hsrc) = read(&dir.join("ayuda.toml"), diags, None) {
        if let Some(h) = parse::<RawHelp>(&hsrc, diags) {
            let mut ids = HashSet::new();
            for l in h.linea {
                if !ids.insert(l.id.get_ref().clone()) {
                    diags.push(hsrc.at(
                        l.id.span().start,
                        format!("id de línea repetido `{}`", l.id.get_ref()),
                        "cada línea necesita un id único",
                    ));
                }
                if l.fuentes.is_empty() {
                    diags.push(hsrc.at(
                        l.id.span().start,
                        "la línea de ayuda no cita fuente",
                        "agregue `fuentes = [\"H-10\"]` con el hecho que la respalda",
                    ));
                }
                check_facts(&hsrc, 0, &l.fuentes, &fact_conf, false, diags);
                help_lines.push(HelpLine {
                    id: l.id.into_inner(),
                    name: l.nombre,
                    number: l.numero,
                    description: l.descripcion,
                    hours: l.horario,
                    sources: l.fuentes.into_iter().map(|s| s.into_inner()).collect(),
                    checked: l.revisado,
                });
            }
        }
    }

    glossary.sort_by_key(|t| sort_key(&t.term));
    Some(Curriculum {
        export_format: EXPORT_FORMAT,
        title: index.titulo,
        subtitle: index.subtitulo,
        content_version: index.version_contenido.into_inner(),
        pass_mark,
        topics,
        glossary,
        help_lines,
        facts,
    })
}

/// The rules on a whole bank (see [`bank`]): every problem found, each with the questions to
/// change, reported at the top of the bank's file.
fn check_bank(src: &Source, questions: &[Question], quiz_size: usize, diags: &mut Diagnostics) {
    let s = bank::stats(questions);
    if s.questions < bank::MIN_QUESTIONS {
        diags.push(src.at(
            0,
            format!(
                "el banco tiene {} preguntas; se necesitan al menos {}",
                s.questions,
                bank::MIN_QUESTIONS
            ),
            "agregue preguntas, de preferencia casos aplicados (`tipo = \"caso\"`)",
        ));
    }
    if !s.applied_ok() {
        diags.push(src.at(
            0,
            format!(
                "solo {} de {} preguntas son casos aplicados ({} %); se necesita al menos {} %",
                s.applied,
                s.questions,
                s.applied_percent(),
                bank::MIN_APPLIED_PERCENT
            ),
            "convierta preguntas de memoria en casos: `tipo = \"caso\"` con una situación municipal realista que pregunte qué hacer",
        ));
    }
    if s.applied < bank::MIN_APPLIED_PER_ATTEMPT || quiz_size < bank::MIN_APPLIED_PER_ATTEMPT {
        diags.push(src.at(
            0,
            format!(
                "cada intento debe incluir al menos {} casos aplicados, y el banco tiene {} casos con {} preguntas por intento",
                bank::MIN_APPLIED_PER_ATTEMPT,
                s.applied,
                quiz_size
            ),
            format!(
                "agregue casos y use `preguntas_por_intento` de al menos {}",
                bank::MIN_APPLIED_PER_ATTEMPT
            ),
        ));
    }
    if !s.longest_ok() {
        diags.push(src.at(
            0,
            format!(
                "la opción correcta es la más larga en {} de {} preguntas de respuesta única ({} %); el máximo es {} %: {}",
                s.longest_correct.len(),
                s.single,
                s.longest_percent(),
                bank::MAX_LONGEST_CORRECT_PERCENT,
                s.longest_correct.join(", ")
            ),
            "en algunas de esas preguntas, haga las opciones incorrectas tan largas y concretas como la correcta",
        ));
    }
    if !s.rank_ok() {
        let (rank, n) = s.top_rank();
        let place = match rank {
            0 => "la más larga".to_string(),
            r => format!("la {}.ª más larga", r + 1),
        };
        diags.push(src.at(
            0,
            format!(
                "la opción correcta es {place} en {n} de {} preguntas de respuesta única; ninguna posición de longitud puede pasar de {} %",
                s.single,
                bank::MAX_SAME_RANK_PERCENT
            ),
            "varíe la longitud de la opción correcta: a veces la más larga, a veces la más corta, a veces en medio",
        ));
    }
    if !s.reason_gap_ok() {
        let (rc, rw) = s.reason_shares();
        diags.push(src.at(
            0,
            format!(
                "dan una razón ({}…) el {rc:.0} % de las opciones correctas y el {rw:.0} % de las incorrectas; la diferencia máxima es de {} puntos",
                bank::REASON_MARKERS[..3].join(", "),
                bank::MAX_REASON_GAP_POINTS
            ),
            "deje las razones para `retro`, o déselas por igual a opciones correctas e incorrectas",
        ));
    }
    if !s.reason_reader_ok() {
        diags.push(src.at(
            0,
            format!(
                "quien descarta toda opción que da una razón, sin saber nada del tema, acierta el {:.0} % de las preguntas de respuesta única; el máximo es {} %",
                s.reason_reader_percent,
                bank::MAX_REASON_READER_PERCENT
            ),
            "quite las razones de las opciones incorrectas (póngalas en `retro`) y use cuatro opciones por pregunta",
        ));
    }
    if !s.absolute_ok() {
        diags.push(src.at(
            0,
            format!(
                "{} opciones llevan palabras absolutas ({}) y solo {} son correctas: la palabra delata la opción incorrecta",
                s.absolute_options,
                bank::ABSOLUTE_WORDS.join(", "),
                s.absolute_correct
            ),
            format!(
                "quite esas palabras de las opciones incorrectas, o úselas también en respuestas correctas (al menos {} % de ellas)",
                bank::ABSOLUTE_MIN_CORRECT_PERCENT
            ),
        ));
    }
}

/// "2026.11.2" as numbers, compared part by part; None unless it is digits separated by dots.
fn version_parts(v: &str) -> Option<Vec<u32>> {
    v.split('.').map(|p| p.parse().ok()).collect()
}

/// Sort key that ignores accents and case, so "Órdenes" sorts with "ordenes".
pub fn sort_key(s: &str) -> String {
    crate::fold(s)
}

fn resolve_link(
    dest: &str,
    own_anchors: &HashSet<String>,
    lesson_topic: &HashMap<String, String>,
    lesson_anchors: &HashMap<String, (usize, HashSet<String>)>,
    term_ids: &HashMap<String, PathBuf>,
    _topic: &str,
) -> Result<LinkTarget, (String, String)> {
    if dest.starts_with("https://") || dest.starts_with("http://") {
        return Ok(LinkTarget::External(dest.to_string()));
    }
    if let Some(id) = dest.strip_prefix("glosario:") {
        return if term_ids.contains_key(id) {
            Ok(LinkTarget::Internal(format!("/glosario#{id}")))
        } else {
            Err((
                format!("enlace roto: el término `{id}` no está en el glosario"),
                "revise el id en los archivos glosario.toml o agregue el término".into(),
            ))
        };
    }
    if dest == "ayuda:" {
        return Ok(LinkTarget::Internal("/ayuda".into()));
    }
    if let Some(rest) = dest.strip_prefix("leccion:") {
        let (lid, anchor) = rest.split_once('#').unwrap_or((rest, ""));
        let Some(topic) = lesson_topic.get(lid) else {
            return Err((
                format!("enlace roto: no existe la lección `{lid}`"),
                "use el `id` de la lección (sus datos entre `+++`), no el nombre del archivo"
                    .into(),
            ));
        };
        if !anchor.is_empty() && !lesson_anchors[lid].1.contains(anchor) {
            return Err((
                format!("enlace roto: la lección `{lid}` no tiene la sección `#{anchor}`"),
                "revise el ancla `{#…}` del título de la sección".into(),
            ));
        }
        let frag = if anchor.is_empty() {
            String::new()
        } else {
            format!("#{anchor}")
        };
        return Ok(LinkTarget::Internal(format!(
            "/tema/{topic}/leccion/{lid}{frag}"
        )));
    }
    if let Some(anchor) = dest.strip_prefix('#') {
        return if own_anchors.contains(anchor) {
            Ok(LinkTarget::Internal(format!("#{anchor}")))
        } else {
            Err((
                format!("enlace roto: esta lección no tiene la sección `#{anchor}`"),
                "revise el ancla `{#…}` del título de la sección".into(),
            ))
        };
    }
    Err((
        format!("enlace no permitido `{dest}`"),
        "use glosario:id, leccion:id, leccion:id#ancla, ayuda: o una dirección https://".into(),
    ))
}

#[allow(clippy::too_many_arguments)]
fn check_question(
    src: &Source,
    q: RawQuestion,
    t: usize,
    topics: &[Topic],
    lesson_anchors: &HashMap<String, (usize, HashSet<String>)>,
    facts: &HashMap<String, Confidence>,
    ids: &mut HashMap<String, PathBuf>,
    diags: &mut Diagnostics,
) -> Option<Question> {
    let at = q.id.span().start;
    let qid = q.id.get_ref().clone();
    let before = diags.0.len();
    if !is_slug(&qid) {
        diags.push(src.at(
            at,
            format!("el id de pregunta `{qid}` no es válido"),
            "use solo minúsculas sin acentos, números y guiones",
        ));
    } else if let Some(other) = ids.get(&qid) {
        diags.push(src.at(
            at,
            format!("id de pregunta repetido `{qid}`"),
            format!(
                "ya se usa en {}; cada pregunta necesita un id único",
                other.display()
            ),
        ));
    } else {
        ids.insert(qid.clone(), src.path.clone());
    }
    if q.enunciado.trim().is_empty() {
        diags.push(src.at(
            at,
            format!("la pregunta `{qid}` no tiene enunciado"),
            "escriba la pregunta en `enunciado`",
        ));
    }
    let mut option_ids = HashSet::new();
    for o in &q.opcion {
        if !option_ids.insert(o.id.get_ref().clone()) {
            diags.push(src.at(
                o.id.span().start,
                format!("opción repetida `{}`", o.id.get_ref()),
                "cada opción de una pregunta necesita un id distinto",
            ));
        }
        if o.texto.trim().is_empty() {
            diags.push(src.at(
                o.id.span().start,
                format!("la opción `{}` no tiene texto", o.id.get_ref()),
                "escriba la opción en `texto`",
            ));
        }
        if o.retro.as_deref().is_none_or(|r| r.trim().is_empty()) {
            diags.push(src.at(
                o.id.span().start,
                format!(
                    "la opción `{}` de `{qid}` no tiene retroalimentación",
                    o.id.get_ref()
                ),
                "agregue `retro = \"…\"` explicando por qué la opción es correcta o incorrecta",
            ));
        }
    }
    if q.opcion.len() < 2 {
        diags.push(src.at(
            at,
            format!("la pregunta `{qid}` tiene menos de dos opciones"),
            "agregue bloques `[[pregunta.opcion]]`",
        ));
    }
    let answer: Vec<S<String>> = q
        .respuesta
        .as_ref()
        .map(|r| r.get_ref().clone())
        .unwrap_or_default();
    if answer.is_empty() {
        diags.push(src.at(
            q.respuesta.as_ref().map_or(at, |r| r.span().start),
            format!("la pregunta `{qid}` no tiene respuesta correcta"),
            "agregue `respuesta = [\"b\"]` con el id de la opción correcta",
        ));
    }
    for a in &answer {
        if !option_ids.contains(a.get_ref()) {
            diags.push(src.at(
                a.span().start,
                format!(
                    "la respuesta `{}` no está entre las opciones de `{qid}`",
                    a.get_ref()
                ),
                format!(
                        "use el id de una opción: {}",
                        q.opcion
                            .iter()
                            .map(|o| o.id.get_ref().as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
            ));
        }
    }
    let single = matches!(
        q.tipo,
        RawKind::Unica | RawKind::Caso | RawKind::VerdaderoFalso
    );
    if single && answer.len() > 1 {
        diags.push(src.at(
            q.respuesta.as_ref().map_or(at, |r| r.span().start),
            format!(
                "la pregunta `{qid}` admite una sola respuesta y tiene {}",
                answer.len()
            ),
            "deje una respuesta, o cambie el tipo a `multiple`",
        ));
    }
    if q.tipo == RawKind::VerdaderoFalso {
        let mut o: Vec<&str> = q.opcion.iter().map(|o| o.id.get_ref().as_str()).collect();
        o.sort_unstable();
        if o != ["f", "v"] {
            diags.push(src.at(at, format!("la pregunta de verdadero o falso `{qid}` debe tener exactamente las opciones `v` y `f`"), "use `id = \"v\"` (Verdadero) y `id = \"f\"` (Falso)"));
        }
    }
    match (&q.tipo, &q.caso) {
        (RawKind::Caso, None) => diags.push(src.at(
            at,
            format!("la pregunta de caso `{qid}` no describe el caso"),
            "agregue `caso = \"…\"` con la situación",
        )),
        (RawKind::Caso, Some(c)) if c.trim().chars().count() < bank::MIN_CASE_CHARS => {
            diags.push(src.at(
                at,
                format!("la pregunta de caso `{qid}` no describe el caso"),
                format!(
                    "escriba en `caso` la situación (al menos {} caracteres): quién llega, qué pasa y qué se sabe",
                    bank::MIN_CASE_CHARS
                ),
            ))
        }
        (k, Some(_)) if *k != RawKind::Caso => diags.push(src.at(
            at,
            format!("la pregunta `{qid}` tiene `caso` pero no es de tipo caso"),
            "cambie `tipo = \"caso\"` o quite `caso`",
        )),
        _ => {}
    }
    if q.explicacion.as_deref().is_none_or(|e| e.trim().is_empty()) {
        diags.push(src.at(
            at,
            format!("la pregunta `{qid}` no tiene explicación"),
            "agregue `explicacion = \"…\"` con el porqué de la respuesta",
        ));
    }
    match &q.fuentes {
        Some(f) if !f.get_ref().is_empty() => check_facts(src, 0, f.get_ref(), facts, true, diags),
        _ => diags.push(src.at(
            at,
            format!("la pregunta `{qid}` no cita fuente"),
            "agregue `fuentes = [\"OP-03\"]` con los hechos que sostienen la respuesta",
        )),
    }
    let (lesson, section) = match &q.seccion {
        None => {
            diags.push(src.at(
                at,
                format!("la pregunta `{qid}` no dice qué sección evalúa"),
                "agregue `seccion = \"id-de-leccion#ancla\"`",
            ));
            (String::new(), String::new())
        }
        Some(s) => {
            let (l, a) = s.get_ref().split_once('#').unwrap_or((s.get_ref(), ""));
            match lesson_anchors.get(l) {
                Some((lt, anchors)) if *lt == t && (a.is_empty() || anchors.contains(a)) => {}
                Some((lt, _)) if *lt != t => diags.push(src.at(
                    s.span().start,
                    format!("la sección `{}` es de otro tema", s.get_ref()),
                    "apunte a una lección de este mismo tema",
                )),
                Some(_) => diags.push(src.at(
                    s.span().start,
                    format!("enlace roto: la lección `{l}` no tiene la sección `#{a}`"),
                    "revise el ancla `{#…}` del título de la sección",
                )),
                None => diags.push(src.at(
                    s.span().start,
                    format!("enlace roto: no existe la lección `{l}`"),
                    "use el `id` de una lección de este tema",
                )),
            }
            (l.to_string(), a.to_string())
        }
    };
    if diags.0.len() > before {
        return None;
    }
    // Reported, but the question still counts in the bank figures (`stats`) while authors tag it.
    check_mistakes(src, &qid, &q, diags);
    let answer: Vec<String> = answer.into_iter().map(|a| a.into_inner()).collect();
    let _ = &topics[t];
    Some(Question {
        id: qid,
        kind: match q.tipo {
            RawKind::Unica => QuestionKind::Single,
            RawKind::Multiple => QuestionKind::Multiple,
            RawKind::VerdaderoFalso => QuestionKind::TrueFalse,
            RawKind::Caso => QuestionKind::Case,
        },
        case: q.caso,
        prompt: q.enunciado,
        options: q
            .opcion
            .into_iter()
            .map(|o| AnswerOption {
                correct: answer.contains(o.id.get_ref()),
                id: o.id.into_inner(),
                text: o.texto,
                feedback: o.retro.unwrap_or_default(),
                error: o.error.and_then(|e| Mistake::parse(e.get_ref())),
            })
            .collect(),
        answer,
        explanation: q.explicacion.unwrap_or_default(),
        sources: q
            .fuentes
            .map(|f| f.into_inner().into_iter().map(|s| s.into_inner()).collect())
            .unwrap_or_default(),
        lesson,
        section,
    })
}

/// `error` on the options: a known kind; on every wrong option of a single-answer question
/// (`unica`, `caso`), never on a correct one, and at most one openly unsafe (`riesgo`) option.
fn check_mistakes(src: &Source, qid: &str, q: &RawQuestion, diags: &mut Diagnostics) {
    let answer: Vec<&str> = q
        .respuesta
        .as_ref()
        .map(|r| r.get_ref().iter().map(|a| a.get_ref().as_str()).collect())
        .unwrap_or_default();
    let kinds = Mistake::ALL.map(Mistake::id).join(", ");
    let mut unsafe_options = Vec::new();
    for o in &q.opcion {
        let oid = o.id.get_ref();
        let correct = answer.contains(&oid.as_str());
        match &o.error {
            Some(e) if Mistake::parse(e.get_ref()).is_none() => diags.push(src.at(
                e.span().start,
                format!("`error = \"{}\"` de la opción `{oid}` de `{qid}` no es un tipo de error conocido", e.get_ref()),
                format!("use uno de: {kinds} (content/README.md explica cada uno)"),
            )),
            Some(e) if correct => diags.push(src.at(
                e.span().start,
                format!("la opción `{oid}` de `{qid}` es correcta y tiene `error`"),
                "quite `error`: solo las opciones incorrectas dicen qué error representan",
            )),
            Some(e) if e.get_ref() == "riesgo" => unsafe_options.push(oid.as_str()),
            None if !correct && matches!(q.tipo, RawKind::Unica | RawKind::Caso) => {
                diags.push(src.at(
                    o.id.span().start,
                    format!("la opción incorrecta `{oid}` de `{qid}` no dice qué error representa"),
                    format!("agregue `error = \"…\"` con uno de: {kinds}"),
                ))
            }
            _ => {}
        }
    }
    if unsafe_options.len() > 1 {
        diags.push(src.at(
            q.id.span().start,
            format!(
                "la pregunta `{qid}` tiene {} opciones de `riesgo` ({}); se admite una como máximo",
                unsafe_options.len(),
                unsafe_options.join(", ")
            ),
            "cambie las demás por errores cercanos que la gente sí comete (momento, autoridad, alcance…): una opción abiertamente insegura se descarta sin saber nada",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_split() {
        let t = "+++\nid = \"a\"\n+++\n\nTexto";
        let (fm, off, body) = split_front_matter(t).unwrap();
        assert_eq!(fm, "id = \"a\"\n");
        assert_eq!(off, 4);
        assert_eq!(&t[body..], "\nTexto");
        assert!(split_front_matter("id = 1").is_none());
        assert!(split_front_matter("+++\nid = 1\n").is_none());
    }
}

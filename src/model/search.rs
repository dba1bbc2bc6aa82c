//! Offline search across lessons and glossary that ignores accents and case.

use crate::content::{loaded, Curriculum};

pub use textfold::fold;

/// Plain text of each section of a lesson's build-time HTML, by section anchor ("" for the
/// introduction). The HTML is the curriculum crate's output: `<section …><h2 id="…">…</h2>…`.
pub fn section_texts(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, chunk) in html.split("<section").enumerate() {
        if i == 0 {
            out.push((String::new(), strip_tags(chunk)));
            continue;
        }
        let id = chunk
            .split("id=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap_or("");
        let body = chunk.split_once("</h2>").map_or(chunk, |(_, b)| b);
        out.push((id.to_string(), strip_tags(body)));
    }
    out
}

/// Text content of an HTML fragment: tags dropped, the escapes the renderer emits decoded,
/// white space collapsed.
fn strip_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A searchable section, folded once.
struct Entry {
    topic: &'static str,
    lesson: &'static str,
    lesson_title: &'static str,
    section: &'static str,
    title: &'static str,
    text: String,
    folded_title: String,
    folded_text: String,
}

/// The section index, built once every topic file is loaded; until then, no sections.
fn index(c: &'static Curriculum) -> &'static [Entry] {
    static INDEX: std::sync::OnceLock<Vec<Entry>> = std::sync::OnceLock::new();
    if INDEX.get().is_none() && !c.topics.iter().all(|t| loaded(t).is_some()) {
        return &[];
    }
    INDEX.get_or_init(|| {
        let mut out = Vec::new();
        for topic in c.topics {
            let body = loaded(topic);
            for lesson in topic.lessons {
                let html = body.and_then(|b| b.html(lesson.id)).unwrap_or_default();
                let texts = section_texts(html);
                for s in lesson.sections {
                    let text = texts
                        .iter()
                        .find(|(id, _)| id == s.id)
                        .map(|(_, t)| t.clone())
                        .unwrap_or_default();
                    let title = if s.id.is_empty() {
                        lesson.title
                    } else {
                        s.title
                    };
                    out.push(Entry {
                        topic: topic.id,
                        lesson: lesson.id,
                        lesson_title: lesson.title,
                        section: s.id,
                        title,
                        folded_title: fold(title),
                        folded_text: fold(&text),
                        text,
                    });
                }
            }
        }
        out
    })
}

/// What a search result points to.
#[derive(Clone, Debug, PartialEq)]
pub enum Hit {
    Section {
        topic: &'static str,
        lesson: &'static str,
        lesson_title: &'static str,
        section: &'static str,
        title: &'static str,
        snippet: String,
    },
    Term {
        id: &'static str,
        term: &'static str,
        snippet: String,
    },
}

/// A short excerpt around the first match, on the original (accented) text.
fn snippet(text: &str, folded: &str, word: &str) -> String {
    // Folding maps each char to one char, so char positions line up.
    let pos = folded
        .find(word)
        .map(|b| folded[..b].chars().count())
        .unwrap_or(0);
    let chars: Vec<char> = text.chars().collect();
    let start = pos.saturating_sub(60);
    let end = (pos + word.chars().count() + 100).min(chars.len());
    let mut s: String = chars[start..end].iter().collect();
    if start > 0 {
        s = format!("…{}", s.trim_start());
    }
    if end < chars.len() {
        s.push('…');
    }
    s
}

/// `text` cut into runs, each marked when it matches one of the words of `query` (accents and
/// case ignored), for highlighting the matches in search results.
pub fn highlight(text: &str, query: &str) -> Vec<(String, bool)> {
    let words: Vec<Vec<char>> = fold(query)
        .split_whitespace()
        .filter(|w| w.chars().count() >= 2)
        .map(|w| w.chars().collect())
        .collect();
    // Folding maps each char to one char, so positions in the folded text are the text's.
    let chars: Vec<char> = text.chars().collect();
    let folded: Vec<char> = fold(text).chars().collect();
    let mut marked = vec![false; chars.len()];
    for w in &words {
        let mut i = 0;
        while i + w.len() <= folded.len() {
            if folded[i..i + w.len()] == w[..] {
                marked[i..i + w.len()].iter_mut().for_each(|m| *m = true);
                i += w.len();
            } else {
                i += 1;
            }
        }
    }
    let mut out: Vec<(String, bool)> = Vec::new();
    for (c, m) in chars.into_iter().zip(marked) {
        match out.last_mut() {
            Some((run, last)) if *last == m => run.push(c),
            _ => out.push((c.to_string(), m)),
        }
    }
    out
}

/// Finds every section and term containing all the words of `query`; terms first, then
/// sections where the words appear in the title, then the rest. At most `limit` hits.
pub fn search(c: &'static Curriculum, query: &str, limit: usize) -> Vec<Hit> {
    let words: Vec<String> = fold(query)
        .split_whitespace()
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_string)
        .collect();
    if words.is_empty() {
        return vec![];
    }
    // Terms: the exact term first, then terms naming every word, then definitions that do.
    let whole = words.join(" ");
    let (mut exact, mut named, mut defined) = (Vec::new(), Vec::new(), Vec::new());
    for t in c.glossary {
        let term = fold(t.term);
        let hay = format!("{term} {}", fold(t.definition));
        if words.iter().all(|w| hay.contains(w.as_str())) {
            let def = fold(t.definition);
            let hit = Hit::Term {
                id: t.id,
                term: t.term,
                snippet: snippet(t.definition, &def, &words[0]),
            };
            if term == whole {
                exact.push(hit);
            } else if words.iter().all(|w| term.contains(w.as_str())) {
                named.push(hit);
            } else {
                defined.push(hit);
            }
        }
    }
    let terms = exact.into_iter().chain(named).chain(defined);
    let (mut in_title, mut in_text) = (Vec::new(), Vec::new());
    for e in index(c) {
        let (ft, fx) = (&e.folded_title, &e.folded_text);
        if !words
            .iter()
            .all(|w| ft.contains(w.as_str()) || fx.contains(w.as_str()))
        {
            continue;
        }
        let hit = Hit::Section {
            topic: e.topic,
            lesson: e.lesson,
            lesson_title: e.lesson_title,
            section: e.section,
            title: e.title,
            snippet: snippet(
                &e.text,
                fx,
                words
                    .iter()
                    .find(|w| fx.contains(w.as_str()))
                    .unwrap_or(&words[0]),
            ),
        };
        if words.iter().any(|w| ft.contains(w.as_str())) {
            in_title.push(hit);
        } else {
            in_text.push(hit);
        }
    }
    terms.chain(in_title).chain(in_text).take(limit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::CURRICULUM;

    #[test]
    fn matches_are_marked_whatever_their_accents() {
        assert_eq!(
            highlight("Órdenes de Protección y más", "proteccion orden"),
            vec![
                ("Órden".to_string(), true),
                ("es de ".to_string(), false),
                ("Protección".to_string(), true),
                (" y más".to_string(), false),
            ]
        );
    }

    #[test]
    fn the_exact_term_comes_first() {
        let hits = search(&CURRICULUM, "orden de proteccion", 100);
        match &hits[0] {
            Hit::Term { term, .. } => assert_eq!(fold(term), "orden de proteccion"),
            other => panic!("first hit {other:?}"),
        }
    }

    #[test]
    fn section_texts_come_from_the_html() {
        let html = "<p>Intro &amp; más</p>\n<section class=\"seccion\"><h2 id=\"plazos\" tabindex=\"-1\">Plazos</h2>\n<p>Cuatro <strong>horas</strong> &lt;máx&gt;</p>\n</section>\n";
        assert_eq!(
            section_texts(html),
            [
                ("".to_string(), "Intro & más".to_string()),
                ("plazos".to_string(), "Cuatro horas <máx>".to_string())
            ]
        );
        // Every section of the real content has its text.
        for t in CURRICULUM.topics {
            for l in t.lessons {
                let texts = section_texts(loaded(t).unwrap().html(l.id).unwrap());
                for s in l.sections.iter().filter(|s| !s.id.is_empty()) {
                    assert!(
                        texts
                            .iter()
                            .any(|(id, text)| id == s.id && !text.is_empty()),
                        "{}#{}",
                        l.id,
                        s.id
                    );
                }
            }
        }
    }

    #[test]
    fn fold_ignores_accents_and_case() {
        assert_eq!(fold("Económica ÓRDENES Niñas"), "economica ordenes ninas");
    }

    #[test]
    fn unaccented_query_finds_accented_text() {
        let hits = search(&CURRICULUM, "economica", 50);
        assert!(!hits.is_empty());
        for h in &hits {
            let text = match h {
                Hit::Section { snippet, title, .. } => format!("{title} {snippet}"),
                Hit::Term { term, snippet, .. } => format!("{term} {snippet}"),
            };
            assert!(fold(&text).contains("economica"), "{text}");
        }
        assert_eq!(hits, search(&CURRICULUM, "ECONÓMICA", 50));
    }

    #[test]
    fn glossary_terms_come_first_and_sections_carry_their_anchor() {
        let hits = search(&CURRICULUM, "hostigamiento", 50);
        assert!(matches!(hits[0], Hit::Term { .. }));
        let section = hits.iter().find_map(|h| match h {
            Hit::Section {
                lesson, section, ..
            } => Some((*lesson, *section)),
            _ => None,
        });
        let (lesson, section) = section.expect("a lesson section about hostigamiento");
        let (_, l) = CURRICULUM.lesson(lesson).unwrap();
        assert!(section.is_empty() || l.sections.iter().any(|s| s.id == section));
    }

    #[test]
    fn all_words_must_match_and_empty_queries_find_nothing() {
        assert!(search(&CURRICULUM, "   ", 10).is_empty());
        assert!(search(&CURRICULUM, "zzzqqq", 10).is_empty());
        let both = search(&CURRICULUM, "alerta amber", 100).len();
        let one = search(&CURRICULUM, "alerta", 100).len();
        assert!(both <= one && both > 0);
    }
}

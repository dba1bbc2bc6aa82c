//! Offline search across lessons and glossary that ignores accents and case.

use crate::content::Curriculum;

/// Lowercases and removes accents and diaeresis ("Económica" -> "economica").
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'ä' | 'â' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            'ñ' => 'n',
            other => other,
        })
        .collect()
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

/// Finds every section and term containing all the words of `query`; terms first, then
/// sections where the words appear in the title, then the rest. At most `limit` hits.
pub fn search(c: &Curriculum, query: &str, limit: usize) -> Vec<Hit> {
    let words: Vec<String> = fold(query)
        .split_whitespace()
        .filter(|w| w.chars().count() >= 2)
        .map(str::to_string)
        .collect();
    if words.is_empty() {
        return vec![];
    }
    let mut terms = Vec::new();
    for t in c.glossary {
        let hay = fold(&format!("{} {}", t.term, t.definition));
        if words.iter().all(|w| hay.contains(w.as_str())) {
            let def = fold(t.definition);
            terms.push(Hit::Term {
                id: t.id,
                term: t.term,
                snippet: snippet(t.definition, &def, &words[0]),
            });
        }
    }
    let (mut in_title, mut in_text) = (Vec::new(), Vec::new());
    for topic in c.topics {
        for lesson in topic.lessons {
            for s in lesson.sections {
                let title = if s.id.is_empty() {
                    lesson.title
                } else {
                    s.title
                };
                let ft = fold(title);
                let fx = fold(s.text);
                if !words
                    .iter()
                    .all(|w| ft.contains(w.as_str()) || fx.contains(w.as_str()))
                {
                    continue;
                }
                let hit = Hit::Section {
                    topic: topic.id,
                    lesson: lesson.id,
                    lesson_title: lesson.title,
                    section: s.id,
                    title,
                    snippet: snippet(
                        s.text,
                        &fx,
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
        }
    }
    terms
        .into_iter()
        .chain(in_title)
        .chain(in_text)
        .take(limit)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::CURRICULUM;

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

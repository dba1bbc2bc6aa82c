//! Guards on the real curriculum in `content/`, so a later edit cannot quietly break the counts,
//! the sources or the rule that no scored answer rests on a low-confidence fact.

use std::collections::HashSet;
use std::path::Path;

use curriculum::{Confidence, Curriculum, QuestionKind};

fn load() -> Curriculum {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    match curriculum::load(&dir) {
        Ok(c) => c,
        Err(diags) => panic!(
            "content/ has problems:\n{}",
            diags
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

#[test]
fn five_topics_in_session_order_with_enough_lessons_and_questions() {
    let c = load();
    let ids: Vec<&str> = c.topics.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["modelo", "ordenes", "avgm", "laboral", "busqueda"]);
    for (i, t) in c.topics.iter().enumerate() {
        assert_eq!(t.session as usize, i + 1, "{}", t.id);
        assert!(
            (3..=6).contains(&t.lessons.len()),
            "{}: {} lessons",
            t.id,
            t.lessons.len()
        );
        assert!(
            t.questions.len() >= 15,
            "{}: {} questions",
            t.id,
            t.questions.len()
        );
        assert!(
            (3..=5).contains(&t.objectives.len()),
            "{}: objectives",
            t.id
        );
        assert_eq!(t.quiz_size, 10, "{}", t.id);
        assert!(
            t.content_note.is_some(),
            "{}: a content note before hard material",
            t.id
        );
        assert!(t.minutes > 0);
        let kinds: HashSet<_> = t.questions.iter().map(|q| q.kind).collect();
        for k in [
            QuestionKind::Single,
            QuestionKind::Multiple,
            QuestionKind::TrueFalse,
            QuestionKind::Case,
        ] {
            assert!(kinds.contains(&k), "{}: no {k:?} question", t.id);
        }
    }
    assert_eq!(c.pass_mark, 80);
    assert!(!c.content_version.is_empty());
}

#[test]
fn every_question_has_feedback_sources_and_a_section_and_no_low_confidence_fact() {
    let c = load();
    for t in &c.topics {
        for q in &t.questions {
            assert!(!q.explanation.trim().is_empty(), "{}", q.id);
            assert!(!q.sources.is_empty(), "{}: no source", q.id);
            for s in &q.sources {
                let f = c
                    .fact(s)
                    .unwrap_or_else(|| panic!("{}: unknown fact {s}", q.id));
                assert_ne!(
                    f.confidence,
                    Confidence::Low,
                    "{}: scored on low-confidence {s}",
                    q.id
                );
            }
            assert!(
                q.options.iter().all(|o| !o.feedback.trim().is_empty()),
                "{}: option without feedback",
                q.id
            );
            assert!(
                q.options.iter().any(|o| o.correct),
                "{}: no correct option",
                q.id
            );
            let lesson = t
                .lessons
                .iter()
                .find(|l| l.id == q.lesson)
                .unwrap_or_else(|| panic!("{}: lesson", q.id));
            assert!(
                lesson.sections.iter().any(|s| s.id == q.section),
                "{}: section #{}",
                q.id,
                q.section
            );
        }
    }
}

#[test]
fn every_lesson_cites_facts_with_their_urls_and_has_a_case_and_a_summary() {
    let c = load();
    // Facts the sheet gives without links (they name minors): allowed without URL.
    let no_url = ["H-13", "AM-08"];
    for t in &c.topics {
        for l in &t.lessons {
            assert!(!l.sources.is_empty(), "{}", l.id);
            for s in &l.sources {
                let f = c
                    .fact(s)
                    .unwrap_or_else(|| panic!("{}: unknown fact {s}", l.id));
                assert!(
                    !f.urls.is_empty() || no_url.contains(&s.as_str()),
                    "{}: {s} has no URL",
                    l.id
                );
                assert!(f.urls.iter().all(|u| u.starts_with("http")), "{s}");
            }
            assert!(
                l.sections.iter().any(|s| s.id == "para-recordar"),
                "{}",
                l.id
            );
            assert!(
                l.sections.iter().any(|s| s.id.starts_with("caso")),
                "{}",
                l.id
            );
            assert!(
                !l.html.contains("<script") && !l.html.contains("javascript:"),
                "{}",
                l.id
            );
        }
    }
}

#[test]
fn glossary_has_at_least_40_terms_each_linked_from_a_lesson() {
    let c = load();
    assert!(c.glossary.len() >= 40, "{} terms", c.glossary.len());
    for id in [
        "lgamvlv",
        "avgm",
        "ivrvf",
        "orden-administrativa",
        "hostigamiento-sexual",
        "acoso-sexual",
        "cedula-unica",
    ] {
        assert!(c.glossary.iter().any(|g| g.id == id), "missing term {id}");
    }
    for g in &c.glossary {
        assert!(
            g.first_lesson.is_some(),
            "{} is linked from no lesson",
            g.id
        );
        assert!(!g.sources.is_empty(), "{} has no source", g.id);
    }
}

#[test]
fn help_lines_name_the_numbers_with_date_and_source() {
    let c = load();
    let numbers: Vec<String> = c
        .help_lines
        .iter()
        .map(|h| h.number.replace(' ', ""))
        .collect();
    for n in ["911", "075", "8003686242"] {
        assert!(numbers.iter().any(|x| x.contains(n)), "help line {n}");
    }
    assert!(
        c.help_lines.iter().any(|h| h.number.contains("079")),
        "079 opción 1"
    );
    for h in &c.help_lines {
        assert!(!h.checked.is_empty() && !h.sources.is_empty(), "{}", h.id);
    }
}

#[test]
fn export_is_stable_json_with_the_documented_fields() {
    let c = load();
    let v: serde_json::Value = serde_json::to_value(&c).unwrap();
    assert_eq!(v["export_format"], 1);
    let q = &v["topics"][0]["questions"][0];
    for k in [
        "id",
        "kind",
        "prompt",
        "options",
        "answer",
        "explanation",
        "sources",
        "lesson",
        "section",
    ] {
        assert!(q.get(k).is_some(), "question field {k}");
    }
    for k in ["id", "text", "feedback", "correct"] {
        assert!(q["options"][0].get(k).is_some(), "option field {k}");
    }
}

#[test]
fn topic_files_are_deterministic_named_by_their_hash_and_replace_stale_ones() {
    use curriculum::bundle::{bundles, fnv64, write};
    let c = load();
    let a = bundles(&c);
    assert_eq!(a, bundles(&c), "same content, same bytes and names");
    assert_eq!(a.len(), c.topics.len());
    for (b, t) in a.iter().zip(&c.topics) {
        assert_eq!(b.topic, t.id);
        assert_eq!(
            b.path,
            format!("contenido/{}-{:016x}.json", t.id, fnv64(b.json.as_bytes()))
        );
        let v: serde_json::Value = serde_json::from_str(&b.json).unwrap();
        assert_eq!(v["lessons"].as_array().unwrap().len(), t.lessons.len());
        assert_eq!(v["questions"].as_array().unwrap().len(), t.questions.len());
        for l in &t.lessons {
            for f in &l.sources {
                assert!(
                    v["facts"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|x| x["id"] == **f),
                    "{} cites {f}",
                    l.id
                );
            }
        }
    }
    // Writing twice into a site folder leaves exactly this build's files.
    let site = std::env::temp_dir().join(format!("curriculum-bundle-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&site);
    std::fs::create_dir_all(site.join("contenido")).unwrap();
    std::fs::write(site.join("contenido/viejo-0000000000000000.json"), "{}").unwrap();
    std::fs::write(site.join("contenido/LEAME.txt"), "no es de Jornada").unwrap();
    write(&a, &site).unwrap();
    let written: Vec<String> = a.iter().map(|b| b.path.clone()).collect();
    let mut names: Vec<String> = std::fs::read_dir(site.join("contenido"))
        .unwrap()
        .map(|e| format!("contenido/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    names.sort();
    let mut want = written.clone();
    want.push("contenido/LEAME.txt".into());
    want.sort();
    assert_eq!(names, want, "stale topic files removed, other files kept");
    let _ = std::fs::remove_dir_all(&site);
}

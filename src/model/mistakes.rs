//! The kinds of mistake behind a trainee's wrong answers ("Sus errores más frecuentes").
//!
//! Each wrong option of a bank names the mistake it stands for (`error` in `preguntas.toml`);
//! a wrong answer keeps that kind in her history (`AnswerRecord::mistake`). An answer saved
//! before the kinds existed gets its kind from today's bank when the same question and option
//! are still there: question ids change whenever a question's meaning does.

use crate::content::{Question, TopicBody, MISTAKES};
use crate::model::quiz::AnswerRecord;
use crate::model::sort_small_by;

/// The kind of mistake of a choice: the first chosen wrong option that names one.
pub fn of_choice(q: &Question, chosen: &[String]) -> Option<&'static str> {
    q.options
        .iter()
        .filter(|o| !o.correct && chosen.iter().any(|c| c == o.id))
        .find_map(|o| o.error)
}

/// A kind id with what the trainee reads for it; None for an id this build does not know.
fn known(id: &str) -> Option<(&'static str, &'static str)> {
    MISTAKES.iter().find(|(k, _)| *k == id).copied()
}

/// What the trainee reads for a kind id; None for an id this build does not know.
pub fn label(id: &str) -> Option<&'static str> {
    known(id).map(|(_, l)| l)
}

/// One kind of mistake with how often she made it and where it is taught.
#[derive(Clone, Debug, PartialEq)]
pub struct MistakeCount {
    pub kind: &'static str,
    pub label: &'static str,
    pub count: u32,
    /// The lesson sections of the questions she missed this way (lesson id, anchor), each once,
    /// in the order she missed them.
    pub sections: Vec<(&'static str, &'static str)>,
}

/// Counts the kinds of her wrong answers, most frequent first (ties in the order the kinds are
/// defined). Answers with no known kind (right answers, retired questions without a kept kind,
/// kinds a later build dropped) are left out.
pub fn tally<'a>(
    answers: impl IntoIterator<Item = &'a AnswerRecord>,
    body: Option<&'static TopicBody>,
) -> Vec<MistakeCount> {
    let mut out: Vec<MistakeCount> = Vec::new();
    for a in answers.into_iter().filter(|a| !a.correct) {
        let question = body.and_then(|b| b.question(&a.question));
        let kind = a
            .mistake
            .as_deref()
            .or_else(|| question.and_then(|q| of_choice(q, &a.chosen)));
        let Some((kind, label)) = kind.and_then(known) else {
            continue;
        };
        let i = match out.iter().position(|m| m.kind == kind) {
            Some(i) => i,
            None => {
                out.push(MistakeCount {
                    kind,
                    label,
                    count: 0,
                    sections: Vec::new(),
                });
                out.len() - 1
            }
        };
        out[i].count += 1;
        if let Some(q) = question {
            let place = (q.lesson, q.section);
            if !out[i].sections.contains(&place) {
                out[i].sections.push(place);
            }
        }
    }
    let order = |k: &str| {
        MISTAKES
            .iter()
            .position(|(id, _)| *id == k)
            .unwrap_or(usize::MAX)
    };
    sort_small_by(&mut out, |a, b| {
        b.count
            .cmp(&a.count)
            .then(order(a.kind).cmp(&order(b.kind)))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{loaded, QuestionKind, CURRICULUM};

    fn body() -> &'static TopicBody {
        loaded(&CURRICULUM.topics[0]).expect("native builds embed the topic files")
    }

    /// A case of the bank and two of its wrong options with different kinds.
    fn case_with_two_kinds() -> (&'static Question, &'static str, &'static str) {
        body()
            .questions
            .iter()
            .filter(|q| q.kind == QuestionKind::Case)
            .find_map(|q| {
                let wrong: Vec<_> = q.options.iter().filter(|o| !o.correct).collect();
                let a = wrong[0];
                let b = wrong.iter().find(|o| o.error != a.error)?;
                Some((q, a.id, b.id))
            })
            .expect("a case whose wrong options stand for different mistakes")
    }

    fn record(q: &Question, chosen: &str, mistake: Option<&str>) -> AnswerRecord {
        AnswerRecord {
            question: q.id.to_string(),
            chosen: vec![chosen.to_string()],
            correct: q.options.iter().any(|o| o.id == chosen && o.correct),
            at: 0.0,
            mistake: mistake.map(str::to_string),
        }
    }

    #[test]
    fn every_wrong_option_of_a_single_answer_question_has_a_known_kind() {
        for t in CURRICULUM.topics {
            let b = loaded(t).unwrap();
            for q in b
                .questions
                .iter()
                .filter(|q| matches!(q.kind, QuestionKind::Case | QuestionKind::Single))
            {
                for o in q.options.iter().filter(|o| !o.correct) {
                    let kind = o
                        .error
                        .unwrap_or_else(|| panic!("{}: {} untagged", q.id, o.id));
                    assert!(label(kind).is_some(), "{}: unknown kind {kind}", q.id);
                }
            }
        }
    }

    #[test]
    fn a_wrong_answer_keeps_the_kind_of_its_option_and_a_right_one_none() {
        let (q, a, _) = case_with_two_kinds();
        let wrong = q.options.iter().find(|o| o.id == a).unwrap();
        assert_eq!(of_choice(q, &[a.to_string()]), wrong.error);
        let right = q.options.iter().find(|o| o.correct).unwrap();
        assert_eq!(of_choice(q, &[right.id.to_string()]), None);
    }

    #[test]
    fn tally_counts_kinds_most_frequent_first_with_their_sections() {
        let (q, a, b) = case_with_two_kinds();
        let kind = |id: &str| of_choice(q, &[id.to_string()]).unwrap();
        let answers = [
            record(q, a, Some(kind(a))),
            record(q, b, Some(kind(b))),
            record(q, b, Some(kind(b))),
        ];
        let t = tally(&answers, Some(body()));
        assert_eq!(t.len(), 2);
        assert_eq!((t[0].kind, t[0].count), (kind(b), 2));
        assert_eq!((t[1].kind, t[1].count), (kind(a), 1));
        assert_eq!(t[0].sections, [(q.lesson, q.section)], "each section once");
        assert_eq!(t[0].label, label(kind(b)).unwrap());
    }

    #[test]
    fn an_answer_saved_without_a_kind_takes_it_from_todays_bank() {
        let (q, a, _) = case_with_two_kinds();
        let t = tally(&[record(q, a, None)], Some(body()));
        assert_eq!(t[0].kind, of_choice(q, &[a.to_string()]).unwrap());
    }

    #[test]
    fn a_retired_question_counts_by_its_kept_kind_without_a_section() {
        let retired = AnswerRecord {
            question: "pregunta-retirada".into(),
            chosen: vec!["b".into()],
            correct: false,
            at: 0.0,
            mistake: Some("autoridad".into()),
        };
        let unknown = AnswerRecord {
            mistake: Some("tipo-de-otra-version".into()),
            ..retired.clone()
        };
        let untagged = AnswerRecord {
            mistake: None,
            ..retired.clone()
        };
        let t = tally(&[retired, unknown, untagged], Some(body()));
        assert_eq!(t.len(), 1);
        assert_eq!((t[0].kind, t[0].count), ("autoridad", 1));
        assert!(t[0].sections.is_empty());
    }
}

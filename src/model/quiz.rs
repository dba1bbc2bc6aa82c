//! Quiz logic: drawing and shuffling questions, checking answers, scoring an attempt.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::content::{Question, QuestionKind, Topic, TopicBody};
use crate::model::progress::Attempt;
use crate::model::sort_small_by;

/// A question drawn for an attempt, with its options in the order shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrawnQuestion {
    pub id: String,
    pub options: Vec<String>,
}

/// The answer given to one question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerRecord {
    pub question: String,
    pub chosen: Vec<String>,
    pub correct: bool,
    pub at: f64,
    /// For a wrong answer, the kind of mistake its chosen option stands for (`error` in the
    /// bank), kept so her history shows her pattern even after the content changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mistake: Option<String>,
}

/// An attempt in progress. Saved after every answer so it survives a closed tab.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizRun {
    pub id: String,
    pub topic: String,
    pub started_at: f64,
    pub content_version: String,
    pub questions: Vec<DrawnQuestion>,
    pub answers: BTreeMap<String, AnswerRecord>,
}

/// A small deterministic generator (SplitMix64), seeded from the browser's randomness.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform index below `n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// Draws `topic.quiz_size` questions from the bank, shuffled, each with shuffled options.
/// The draw is stratified: `topic.applied_per_attempt` of them are applied cases, the rest come
/// from the other questions, so every attempt tests judgment and not only recall.
/// True/false keeps "Verdadero" before "Falso", which is how people read that pair.
pub fn draw(topic: &Topic, body: &TopicBody, rng: &mut Rng) -> Vec<DrawnQuestion> {
    let size = topic.quiz_size.min(body.questions.len());
    let (mut cases, mut others): (Vec<&Question>, Vec<&Question>) = body
        .questions
        .iter()
        .partition(|q| q.kind == QuestionKind::Case);
    rng.shuffle(&mut cases);
    rng.shuffle(&mut others);
    // Fewer other questions than the attempt needs: the cases fill the gap.
    let take_cases = topic
        .applied_per_attempt
        .max(size.saturating_sub(others.len()))
        .min(cases.len());
    let mut bank: Vec<&Question> = cases.into_iter().take(take_cases).collect();
    bank.extend(others.into_iter().take(size - take_cases));
    rng.shuffle(&mut bank);
    bank.into_iter()
        .map(|q| {
            let mut options: Vec<String> = q.options.iter().map(|o| o.id.to_string()).collect();
            if q.kind == QuestionKind::TrueFalse {
                sort_small_by(&mut options, |a, b| (a != "v").cmp(&(b != "v")));
            } else {
                rng.shuffle(&mut options);
            }
            DrawnQuestion {
                id: q.id.to_string(),
                options,
            }
        })
        .collect()
}

/// An answer is right when exactly the correct options were chosen.
pub fn is_correct(q: &Question, chosen: &[String]) -> bool {
    let mut want: Vec<&str> = q.answer();
    let mut got: Vec<&str> = chosen.iter().map(String::as_str).collect();
    sort_small_by(&mut want, |a, b| a.cmp(b));
    sort_small_by(&mut got, |a, b| a.cmp(b));
    got.dedup();
    want == got
}

/// Percent rounded down, so a pass is never granted by rounding.
pub fn percent(correct: u32, total: u32) -> u8 {
    (correct * 100).checked_div(total).unwrap_or(0) as u8
}

impl QuizRun {
    /// Starts a new attempt.
    pub fn start(
        topic: &Topic,
        body: &TopicBody,
        id: String,
        now: f64,
        content_version: &str,
        rng: &mut Rng,
    ) -> Self {
        QuizRun {
            id,
            topic: topic.id.to_string(),
            started_at: now,
            content_version: content_version.to_string(),
            questions: draw(topic, body, rng),
            answers: BTreeMap::new(),
        }
    }

    /// Index of the first question not yet answered, where a resumed attempt continues.
    pub fn position(&self) -> Option<usize> {
        self.questions
            .iter()
            .position(|q| !self.answers.contains_key(&q.id))
    }

    /// Records an answer; returns the record, or None if the question is not part of this run.
    pub fn answer(&mut self, q: &Question, chosen: Vec<String>, now: f64) -> Option<AnswerRecord> {
        if !self.questions.iter().any(|d| d.id == q.id) || chosen.is_empty() {
            return None;
        }
        let correct = is_correct(q, &chosen);
        let rec = AnswerRecord {
            question: q.id.to_string(),
            mistake: (!correct)
                .then(|| crate::model::mistakes::of_choice(q, &chosen))
                .flatten()
                .map(str::to_string),
            correct,
            chosen,
            at: now,
        };
        self.answers.insert(q.id.to_string(), rec.clone());
        Some(rec)
    }

    /// Time of the latest activity in this run.
    pub fn last_activity(&self) -> f64 {
        self.answers
            .values()
            .map(|a| a.at)
            .fold(self.started_at, f64::max)
    }

    /// Keeps every answer of both copies, the latest one per question.
    pub fn merge_answers(&mut self, other: &QuizRun) {
        for (q, theirs) in &other.answers {
            match self.answers.get(q) {
                Some(mine) if mine.at >= theirs.at => {}
                _ => {
                    self.answers.insert(q.clone(), theirs.clone());
                }
            }
        }
    }

    /// Turns a fully answered run into an attempt, scored with `pass_mark` percent.
    pub fn finish(&self, pass_mark: u8, now: f64) -> Option<Attempt> {
        if self.position().is_some() {
            return None;
        }
        let answers: Vec<AnswerRecord> = self
            .questions
            .iter()
            .filter_map(|q| self.answers.get(&q.id).cloned())
            .collect();
        let correct = answers.iter().filter(|a| a.correct).count() as u32;
        let total = answers.len() as u32;
        let pct = percent(correct, total);
        Some(Attempt {
            id: self.id.clone(),
            topic: self.topic.clone(),
            started_at: self.started_at,
            finished_at: now,
            correct,
            total,
            percent: pct,
            passed: pct >= pass_mark,
            content_version: self.content_version.clone(),
            answers,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{loaded, CURRICULUM};
    use std::collections::HashSet;

    fn body(t: &'static Topic) -> &'static TopicBody {
        loaded(t).expect("native builds embed the topic files")
    }

    fn topic() -> &'static Topic {
        &CURRICULUM.topics[1]
    }

    #[test]
    fn draws_quiz_size_distinct_questions_from_the_bank() {
        let t = topic();
        let drawn = draw(t, body(t), &mut Rng::new(7));
        assert_eq!(drawn.len(), t.quiz_size);
        let ids: HashSet<_> = drawn.iter().map(|d| d.id.clone()).collect();
        assert_eq!(ids.len(), t.quiz_size);
        for d in &drawn {
            let q = body(t).question(&d.id).expect("drawn from the bank");
            let mut shown = d.options.clone();
            shown.sort();
            let mut all: Vec<String> = q.options.iter().map(|o| o.id.to_string()).collect();
            all.sort();
            assert_eq!(shown, all, "every option shown once");
        }
    }

    #[test]
    fn every_attempt_is_stratified_with_at_least_three_cases() {
        for t in CURRICULUM.topics {
            let b = body(t);
            let cases = b
                .questions
                .iter()
                .filter(|q| q.kind == QuestionKind::Case)
                .count();
            assert!(t.applied_per_attempt >= 3, "{}", t.id);
            let mut seen = HashSet::new();
            for seed in 0..2000 {
                let drawn = draw(t, b, &mut Rng::new(seed));
                assert_eq!(drawn.len(), t.quiz_size, "{} seed {seed}", t.id);
                let applied = drawn
                    .iter()
                    .filter(|d| b.question(&d.id).unwrap().kind == QuestionKind::Case)
                    .count();
                assert_eq!(applied, t.applied_per_attempt, "{} seed {seed}", t.id);
                let ids: HashSet<_> = drawn.iter().map(|d| d.id.clone()).collect();
                assert_eq!(ids.len(), drawn.len(), "no question twice");
                seen.extend(ids);
            }
            assert_eq!(
                seen.len(),
                b.questions.len(),
                "{}: over many attempts every question of the bank is drawn ({} cases)",
                t.id,
                cases
            );
        }
    }

    #[test]
    fn cases_are_not_always_in_the_same_positions() {
        let t = topic();
        let b = body(t);
        let mut first_is_case = [0usize; 2];
        for seed in 0..400 {
            let d = draw(t, b, &mut Rng::new(seed));
            let k = b.question(&d[0].id).unwrap().kind == QuestionKind::Case;
            first_is_case[usize::from(k)] += 1;
        }
        assert!(
            first_is_case[0] > 0 && first_is_case[1] > 0,
            "{first_is_case:?}"
        );
    }

    #[test]
    fn different_seeds_give_different_orders() {
        let t = topic();
        let a = draw(t, body(t), &mut Rng::new(1));
        let b = draw(t, body(t), &mut Rng::new(2));
        assert_ne!(a, b);
        assert_eq!(
            draw(t, body(t), &mut Rng::new(1)),
            a,
            "same seed, same draw"
        );
    }

    #[test]
    fn true_false_keeps_verdadero_first() {
        for t in CURRICULUM.topics {
            for seed in 0..20 {
                for d in draw(t, body(t), &mut Rng::new(seed)) {
                    if body(t).question(&d.id).unwrap().kind == QuestionKind::TrueFalse {
                        assert_eq!(d.options, ["v", "f"]);
                    }
                }
            }
        }
    }

    #[test]
    fn multiple_choice_needs_exactly_the_correct_set() {
        let q = CURRICULUM
            .topics
            .iter()
            .flat_map(|t| body(t).questions)
            .find(|q| q.kind == QuestionKind::Multiple && q.answer().len() >= 2)
            .expect("a multiple question with two correct options");
        let right: Vec<String> = q.answer().iter().map(|s| s.to_string()).collect();
        assert!(is_correct(q, &right));
        assert!(!is_correct(q, &right[..1]), "a partial answer is wrong");
        let wrong = q
            .options
            .iter()
            .find(|o| !o.correct)
            .unwrap()
            .id
            .to_string();
        let mut extra = right.clone();
        extra.push(wrong);
        assert!(!is_correct(q, &extra), "an extra wrong option is wrong");
    }

    fn answer_all(run: &mut QuizRun, t: &'static Topic, right: usize) {
        for (i, d) in run.questions.clone().iter().enumerate() {
            let q = body(t).question(&d.id).unwrap();
            let chosen: Vec<String> = if i < right {
                q.answer().iter().map(|s| s.to_string()).collect()
            } else {
                vec![q
                    .options
                    .iter()
                    .find(|o| !o.correct)
                    .unwrap()
                    .id
                    .to_string()]
            };
            assert_eq!(
                run.position(),
                Some(i),
                "resumes at the first unanswered question"
            );
            run.answer(q, chosen, i as f64).unwrap();
        }
    }

    #[test]
    fn scoring_uses_the_pass_mark() {
        let t = topic();
        let mut run = QuizRun::start(t, body(t), "r".into(), 0.0, "v1", &mut Rng::new(3));
        assert!(
            run.finish(80, 1.0).is_none(),
            "an unfinished run has no score"
        );
        answer_all(&mut run, t, 8);
        let a = run.finish(80, 99.0).unwrap();
        assert_eq!((a.correct, a.total, a.percent, a.passed), (8, 10, 80, true));
        assert_eq!(a.content_version, "v1");
        let mut run = QuizRun::start(t, body(t), "r2".into(), 0.0, "v1", &mut Rng::new(4));
        answer_all(&mut run, t, 7);
        let a = run.finish(80, 99.0).unwrap();
        assert_eq!((a.percent, a.passed), (70, false));
    }

    #[test]
    fn percent_rounds_down() {
        assert_eq!(percent(2, 3), 66);
        assert_eq!(percent(0, 0), 0);
        assert_eq!(percent(10, 10), 100);
    }
}

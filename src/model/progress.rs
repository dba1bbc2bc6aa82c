//! A trainee's progress: lessons read, quiz attempts and the attempt in progress.
//! Plain data keyed by the stable ids of the content; merge rules for two tabs.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::content::{Curriculum, Topic};
use crate::model::quiz::{AnswerRecord, QuizRun};
use crate::model::review::Deck;
use crate::model::sort_small_by;

/// Everything stored about one trainee. Ids that no longer exist in the content are kept
/// untouched (never deleted): views simply look up the current content's ids.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    /// Lesson id -> when it was first marked read (ms since the epoch).
    pub lessons_read: BTreeMap<String, f64>,
    /// Topic id -> finished attempts, oldest first.
    pub attempts: BTreeMap<String, Vec<Attempt>>,
    /// Topic id -> the attempt in progress.
    pub current: BTreeMap<String, QuizRun>,
    /// Topic id -> unfinished attempts that gave way to a newer one (a new attempt started, the
    /// content changed under it, or another tab started its own). Kept with their answers, oldest
    /// first, so nothing a trainee answered is ever dropped. Absent from stored data when empty.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub set_aside: BTreeMap<String, Vec<QuizRun>>,
    /// The review deck ("Repaso"): questions answered wrong, by question id. Absent from stored
    /// data when empty (schema 4).
    #[serde(default, skip_serializing_if = "Deck::is_empty")]
    pub review: Deck,
    /// Last place visited, for "Continuar donde me quedé".
    pub last_place: Option<Place>,
}

/// A route the trainee visited, with its title and time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub path: String,
    pub title: String,
    pub at: f64,
}

/// A finished quiz attempt.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attempt {
    pub id: String,
    pub topic: String,
    pub started_at: f64,
    pub finished_at: f64,
    pub correct: u32,
    pub total: u32,
    pub percent: u8,
    pub passed: bool,
    pub content_version: String,
    pub answers: Vec<AnswerRecord>,
}

/// Where a topic stands for the trainee.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TopicStatus {
    pub lessons_read: usize,
    pub lessons_total: usize,
    pub best_percent: Option<u8>,
    pub passed: bool,
    pub in_progress: bool,
    /// See [`TopicStatus::accredited`].
    pub accredited: bool,
}

impl TopicStatus {
    /// "Acreditado": the quiz passed and every lesson read (cmi5's completed and passed). A
    /// lesson added in a later content version than the passing attempt's is not required: an
    /// accreditation earned on earlier content stays valid when the content grows.
    pub fn accredited(&self) -> bool {
        self.accredited
    }
}

/// "2026.11.2" as numbers, so versions compare part by part ("2026.11.10" after "2026.11.9").
fn version_parts(v: &str) -> Vec<u32> {
    v.split('.').map(|p| p.parse().unwrap_or(0)).collect()
}

impl Progress {
    /// Marks a lesson read; keeps the first time. Returns whether anything changed.
    pub fn mark_read(&mut self, lesson: &str, now: f64) -> bool {
        if self.lessons_read.contains_key(lesson) {
            return false;
        }
        self.lessons_read.insert(lesson.to_string(), now);
        true
    }

    /// Starts `run` as the topic's attempt in progress. An unfinished run it replaces is set
    /// aside if it has any answer (one with none holds nothing to keep).
    pub fn start_run(&mut self, run: QuizRun) {
        if let Some(old) = self.current.insert(run.topic.clone(), run) {
            self.set_aside_run(old);
        }
    }

    /// Keeps an unfinished run with its answers under [`Progress::set_aside`] (once per id).
    fn set_aside_run(&mut self, run: QuizRun) {
        if run.answers.is_empty() {
            return;
        }
        let list = self.set_aside.entry(run.topic.clone()).or_default();
        match list.iter_mut().find(|r| r.id == run.id) {
            Some(kept) => kept.merge_answers(&run),
            None => list.push(run),
        }
        sort_small_by(list, |a, b| a.started_at.total_cmp(&b.started_at));
    }

    pub fn is_read(&self, lesson: &str) -> bool {
        self.lessons_read.contains_key(lesson)
    }

    /// Status of a topic against the current content.
    pub fn topic_status(&self, topic: &Topic) -> TopicStatus {
        let attempts = self
            .attempts
            .get(topic.id)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let accredited = attempts.iter().filter(|a| a.passed).any(|a| {
            let taken_on = version_parts(&a.content_version);
            topic
                .lessons
                .iter()
                .all(|l| self.is_read(l.id) || l.since.is_some_and(|v| version_parts(v) > taken_on))
        });
        TopicStatus {
            lessons_read: topic.lessons.iter().filter(|l| self.is_read(l.id)).count(),
            lessons_total: topic.lessons.len(),
            best_percent: attempts.iter().map(|a| a.percent).max(),
            passed: attempts.iter().any(|a| a.passed),
            in_progress: self.current.contains_key(topic.id),
            accredited,
        }
    }

    /// Overall progress in percent: each topic weighs its lessons plus one for the quiz passed.
    pub fn overall_percent(&self, c: &Curriculum) -> u8 {
        let (mut done, mut total) = (0usize, 0usize);
        for t in c.topics {
            let s = self.topic_status(t);
            done += s.lessons_read + usize::from(s.passed);
            total += s.lessons_total + 1;
        }
        (done * 100).checked_div(total).unwrap_or(0) as u8
    }

    /// Number of topics accredited.
    pub fn accredited_count(&self, c: &Curriculum) -> usize {
        c.topics
            .iter()
            .filter(|t| self.topic_status(t).accredited())
            .count()
    }

    /// Merges what another tab (or a stored copy) knows into this one, losing nothing:
    /// union of lessons read (earliest time), union of attempts by id, and for attempts in
    /// progress the union of answers (latest per question). A run already finished on either
    /// side is not resumed.
    pub fn merge(&mut self, other: &Progress) {
        for (lesson, at) in &other.lessons_read {
            self.lessons_read
                .entry(lesson.clone())
                .and_modify(|mine| *mine = mine.min(*at))
                .or_insert(*at);
        }
        for (topic, theirs) in &other.attempts {
            let mine = self.attempts.entry(topic.clone()).or_default();
            for a in theirs {
                if !mine.iter().any(|m| m.id == a.id) {
                    mine.push(a.clone());
                }
            }
            sort_small_by(mine, |a, b| a.finished_at.total_cmp(&b.finished_at));
        }
        for (topic, theirs) in &other.current {
            match self.current.get_mut(topic) {
                Some(mine) if mine.id == theirs.id => mine.merge_answers(theirs),
                Some(mine) => {
                    // Two tabs started different runs: the more recent goes on, the other is
                    // set aside with its answers.
                    let older = if theirs.last_activity() > mine.last_activity() {
                        std::mem::replace(mine, theirs.clone())
                    } else {
                        theirs.clone()
                    };
                    self.set_aside_run(older);
                }
                None => {
                    self.current.insert(topic.clone(), theirs.clone());
                }
            }
        }
        for runs in other.set_aside.values() {
            for run in runs {
                self.set_aside_run(run.clone());
            }
        }
        let finished: Vec<String> = self
            .attempts
            .values()
            .flatten()
            .map(|a| a.id.clone())
            .collect();
        self.current.retain(|_, run| !finished.contains(&run.id));
        for runs in self.set_aside.values_mut() {
            runs.retain(|run| !finished.contains(&run.id));
        }
        self.set_aside.retain(|_, runs| !runs.is_empty());
        // A run set aside on one side is not resumed on the other.
        let aside: Vec<String> = self
            .set_aside
            .values()
            .flatten()
            .map(|r| r.id.clone())
            .collect();
        self.current.retain(|_, run| !aside.contains(&run.id));
        self.review.merge(&other.review);
        match (&self.last_place, &other.last_place) {
            (Some(a), Some(b)) if b.at > a.at => self.last_place = other.last_place.clone(),
            (None, Some(_)) => self.last_place = other.last_place.clone(),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::quiz::DrawnQuestion;

    fn run(id: &str, answers: &[(&str, f64)]) -> QuizRun {
        QuizRun {
            id: id.into(),
            topic: "t".into(),
            started_at: 1.0,
            content_version: "v".into(),
            questions: ["q1", "q2", "q3"]
                .iter()
                .map(|q| DrawnQuestion {
                    id: (*q).into(),
                    options: vec!["a".into(), "b".into()],
                })
                .collect(),
            answers: answers
                .iter()
                .map(|(q, at)| {
                    (
                        (*q).to_string(),
                        AnswerRecord {
                            question: (*q).into(),
                            chosen: vec!["a".into()],
                            correct: true,
                            at: *at,
                            mistake: None,
                        },
                    )
                })
                .collect(),
        }
    }

    fn attempt(id: &str, at: f64) -> Attempt {
        Attempt {
            id: id.into(),
            topic: "t".into(),
            started_at: at - 1.0,
            finished_at: at,
            correct: 8,
            total: 10,
            percent: 80,
            passed: true,
            content_version: "v".into(),
            answers: vec![],
        }
    }

    #[test]
    fn merge_keeps_both_tabs_answers_of_the_same_run() {
        let mut a = Progress::default();
        a.current.insert("t".into(), run("r1", &[("q1", 10.0)]));
        let mut b = Progress::default();
        b.current.insert("t".into(), run("r1", &[("q2", 11.0)]));
        a.merge(&b);
        let answered: Vec<_> = a.current["t"].answers.keys().cloned().collect();
        assert_eq!(answered, ["q1", "q2"]);
    }

    #[test]
    fn merge_takes_the_latest_answer_to_one_question() {
        let mut a = Progress::default();
        a.current.insert("t".into(), run("r1", &[("q1", 10.0)]));
        let mut b = Progress::default();
        let mut r = run("r1", &[("q1", 12.0)]);
        r.answers.get_mut("q1").unwrap().chosen = vec!["b".into()];
        b.current.insert("t".into(), r);
        a.merge(&b);
        assert_eq!(a.current["t"].answers["q1"].chosen, ["b"]);
        // And the other way round the newer answer also wins.
        let mut c = b.clone();
        c.merge(&Progress {
            current: [("t".to_string(), run("r1", &[("q1", 10.0)]))].into(),
            ..Default::default()
        });
        assert_eq!(c.current["t"].answers["q1"].chosen, ["b"]);
    }

    #[test]
    fn merge_unions_lessons_and_attempts_without_duplicates() {
        let mut a = Progress::default();
        a.lessons_read.insert("l1".into(), 5.0);
        a.attempts.insert("t".into(), vec![attempt("x", 3.0)]);
        let mut b = Progress::default();
        b.lessons_read.insert("l1".into(), 2.0);
        b.lessons_read.insert("l2".into(), 7.0);
        b.attempts
            .insert("t".into(), vec![attempt("x", 3.0), attempt("y", 1.0)]);
        a.merge(&b);
        assert_eq!(a.lessons_read["l1"], 2.0);
        assert!(a.is_read("l2"));
        let ids: Vec<_> = a.attempts["t"].iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["y", "x"]);
        a.merge(&b);
        assert_eq!(a.attempts["t"].len(), 2, "merging twice adds nothing");
    }

    #[test]
    fn merge_drops_a_run_that_the_other_tab_finished() {
        let mut a = Progress::default();
        a.current.insert("t".into(), run("r1", &[("q1", 10.0)]));
        let mut b = Progress::default();
        b.attempts.insert("t".into(), vec![attempt("r1", 20.0)]);
        a.merge(&b);
        assert!(a.current.is_empty());
        assert_eq!(a.attempts["t"].len(), 1);
    }

    #[test]
    fn merge_continues_the_more_recent_of_two_runs_and_sets_the_other_aside() {
        let mut a = Progress::default();
        a.current.insert("t".into(), run("r1", &[("q1", 10.0)]));
        let mut b = Progress::default();
        b.current.insert("t".into(), run("r2", &[("q1", 30.0)]));
        a.merge(&b);
        assert_eq!(a.current["t"].id, "r2");
        assert_eq!(a.set_aside["t"].len(), 1);
        assert_eq!(a.set_aside["t"][0].id, "r1");
        assert_eq!(a.set_aside["t"][0].answers.len(), 1, "its answer is kept");
        // The other tab learns of it too, and stops resuming r1.
        let mut c = Progress::default();
        c.current
            .insert("t".into(), run("r1", &[("q1", 10.0), ("q2", 11.0)]));
        c.merge(&a);
        assert_eq!(c.current["t"].id, "r2");
        assert_eq!(
            c.set_aside["t"][0].answers.len(),
            2,
            "answers of both copies"
        );
        c.merge(&a);
        assert_eq!(c.set_aside["t"].len(), 1, "merging twice adds nothing");
    }

    #[test]
    fn starting_a_run_sets_aside_an_unfinished_one_with_answers() {
        let mut p = Progress::default();
        p.start_run(run("r1", &[]));
        p.start_run(run("r2", &[("q1", 5.0)]));
        assert!(p.set_aside.is_empty(), "a run with no answer holds nothing");
        p.start_run(run("r3", &[]));
        assert_eq!(p.current["t"].id, "r3");
        assert_eq!(p.set_aside["t"][0].id, "r2");
        assert_eq!(p.set_aside["t"][0].answers["q1"].at, 5.0);
    }

    #[test]
    fn a_lesson_added_later_does_not_undo_an_earlier_accreditation() {
        use crate::content::CURRICULUM;
        let (topic, added) = CURRICULUM
            .topics
            .iter()
            .find_map(|t| t.lessons.iter().find(|l| l.since.is_some()).map(|l| (t, l)))
            .expect("the 2026.11.2 revision added lessons");
        let since = added.since.unwrap();
        let mut p = Progress::default();
        for l in topic.lessons.iter().filter(|l| l.id != added.id) {
            p.mark_read(l.id, 1.0);
        }
        let passed_on = |version: &str| Attempt {
            topic: topic.id.into(),
            content_version: version.into(),
            ..attempt("a", 2.0)
        };
        p.attempts
            .insert(topic.id.into(), vec![passed_on("2026.11.1")]);
        let s = p.topic_status(topic);
        assert!(s.accredited(), "passed on content without the new lesson");
        assert_eq!(
            s.lessons_read + 1,
            s.lessons_total,
            "yet the lesson counts as unread"
        );
        p.attempts.insert(topic.id.into(), vec![passed_on(since)]);
        assert!(
            !p.topic_status(topic).accredited(),
            "a pass on the new content needs it"
        );
        p.mark_read(added.id, 3.0);
        assert!(p.topic_status(topic).accredited());
        // Versions compare as numbers.
        assert!(version_parts("2026.11.10") > version_parts("2026.11.9"));
    }

    #[test]
    fn stored_progress_without_set_aside_runs_reads_and_writes_the_same() {
        let p = Progress::default();
        let text = serde_json::to_string(&p).unwrap();
        assert!(!text.contains("set_aside"), "{text}");
        let back: Progress = serde_json::from_str(&text).unwrap();
        assert_eq!(back, p);
    }
}

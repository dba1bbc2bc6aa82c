//! Spaced review ("Repaso"): every question answered wrong enters the profile's deck and comes
//! back in Leitner boxes of 1, 3, 7, 14 and 30 days. Practice only: nothing here touches quiz
//! attempts, scores or constancias.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::content::Question;
use crate::model::sort_small_by;

/// Days a card waits in each box (box 1 first).
pub const INTERVAL_DAYS: [u32; 5] = [1, 3, 7, 14, 30];
const DAY_MS: f64 = 86_400_000.0;

/// One question in review.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    pub topic: String,
    /// Leitner box 1–5; 0 once the card has left the deck. A card that left is kept (only
    /// these few fields) so that merging an older copy from another tab or a backup does not
    /// bring it back.
    #[serde(rename = "box")]
    pub leitner_box: u8,
    /// When it is due again (ms since the epoch).
    pub due: f64,
    /// Last change (ms since the epoch): in a merge the most recent copy of a card wins.
    pub updated_at: f64,
    /// [`fingerprint`] of the question as it was asked: a question edited in a later content
    /// version no longer matches, and the card leaves the deck.
    pub fingerprint: String,
}

impl Card {
    /// Still in the deck (not graduated, not dropped).
    pub fn active(&self) -> bool {
        (1..=5).contains(&self.leitner_box)
    }
}

/// What a review answer did to a card.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Outcome {
    /// The card waits in `leitner_box` until `due`.
    Scheduled { leitner_box: u8, due: f64 },
    /// Right in the 30-day box: the card left the deck.
    Graduated,
}

/// The review deck of one profile: question id -> card.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Deck(pub BTreeMap<String, Card>);

/// A short hash of what a trainee reads and answers in a question (prompt, case, options and
/// which are correct), so a card notices when its question was rewritten. FNV-1a, 64 bits.
pub fn fingerprint(q: &Question) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |s: &str| {
        for b in s.bytes().chain([0u8]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    eat(q.prompt);
    eat(q.case.unwrap_or(""));
    for o in q.options {
        eat(o.id);
        eat(o.text);
        eat(if o.correct { "1" } else { "0" });
    }
    format!("{h:016x}")
}

impl Deck {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A question answered wrong (in a quiz or in review) goes, or goes back, to box 1, due in
    /// one day.
    pub fn missed(&mut self, topic: &str, q: &Question, now: f64) {
        self.0.insert(
            q.id.to_string(),
            Card {
                topic: topic.to_string(),
                leitner_box: 1,
                due: now + f64::from(INTERVAL_DAYS[0]) * DAY_MS,
                updated_at: now,
                fingerprint: fingerprint(q),
            },
        );
    }

    /// Records a review answer: right moves the card up a box (and out of the deck after the
    /// 30-day box), wrong sends it back to box 1. None if the question is not in the deck.
    pub fn answer(&mut self, topic: &str, q: &Question, right: bool, now: f64) -> Option<Outcome> {
        if !self.0.get(q.id).is_some_and(Card::active) {
            return None;
        }
        if !right {
            self.missed(topic, q, now);
            return self.outcome(q.id);
        }
        let card = self.0.get_mut(q.id)?;
        card.updated_at = now;
        if card.leitner_box >= 5 {
            card.leitner_box = 0;
            return Some(Outcome::Graduated);
        }
        card.leitner_box += 1;
        card.due = now + f64::from(INTERVAL_DAYS[usize::from(card.leitner_box) - 1]) * DAY_MS;
        self.outcome(q.id)
    }

    fn outcome(&self, id: &str) -> Option<Outcome> {
        self.0.get(id).map(|c| Outcome::Scheduled {
            leitner_box: c.leitner_box,
            due: c.due,
        })
    }

    /// Question ids of the cards due by `until` (ms), soonest first.
    pub fn due(&self, until: f64) -> Vec<(&str, &Card)> {
        let mut due: Vec<(&str, &Card)> = self
            .0
            .iter()
            .filter(|(_, c)| c.active() && c.due <= until)
            .map(|(id, c)| (id.as_str(), c))
            .collect();
        sort_small_by(&mut due, |a, b| {
            a.1.due.total_cmp(&b.1.due).then(a.0.cmp(b.0))
        });
        due
    }

    /// How many cards of `topic` are in the deck.
    pub fn in_topic(&self, topic: &str) -> usize {
        self.0
            .values()
            .filter(|c| c.active() && c.topic == topic)
            .count()
    }

    /// When the next card is due, if any is in the deck.
    pub fn next_due(&self) -> Option<f64> {
        self.0
            .values()
            .filter(|c| c.active())
            .map(|c| c.due)
            .min_by(f64::total_cmp)
    }

    /// Checks the cards of `topic` against its current questions (`find` looks one up by id):
    /// a card whose question was removed or rewritten leaves the deck quietly. Returns whether
    /// anything changed.
    pub fn check_topic<'a>(
        &mut self,
        topic: &str,
        find: impl Fn(&str) -> Option<&'a Question>,
        now: f64,
    ) -> bool {
        let mut changed = false;
        for (id, card) in self.0.iter_mut() {
            if !card.active() || card.topic != topic {
                continue;
            }
            if find(id).is_none_or(|q| fingerprint(q) != card.fingerprint) {
                card.leitner_box = 0;
                card.updated_at = now;
                changed = true;
            }
        }
        changed
    }

    /// Merges another copy (other tab, backup): a union by question, the most recently changed
    /// copy of a card winning. No card is lost.
    pub fn merge(&mut self, other: &Deck) {
        for (id, theirs) in &other.0 {
            match self.0.get(id) {
                Some(mine) if mine.updated_at >= theirs.updated_at => {}
                _ => {
                    self.0.insert(id.clone(), theirs.clone());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{loaded, CURRICULUM};

    const DAY: f64 = DAY_MS;

    fn questions() -> (&'static str, &'static [Question]) {
        let t = &CURRICULUM.topics[0];
        (t.id, loaded(t).expect("embedded").questions)
    }

    #[test]
    fn a_missed_question_is_due_the_next_day_in_box_1() {
        let (t, qs) = questions();
        let mut d = Deck::default();
        d.missed(t, &qs[0], 1000.0);
        assert!(
            d.due(1000.0 + DAY - 1.0).is_empty(),
            "not due the same moment"
        );
        assert_eq!(d.due(1000.0 + DAY).len(), 1);
        assert_eq!(d.0[qs[0].id].leitner_box, 1);
        assert_eq!(d.in_topic(t), 1);
        assert_eq!(d.next_due(), Some(1000.0 + DAY));
    }

    #[test]
    fn right_answers_climb_the_boxes_1_3_7_14_30_then_the_card_leaves() {
        let (t, qs) = questions();
        let q = &qs[1];
        let mut d = Deck::default();
        let mut now = 0.0;
        d.missed(t, q, now);
        for (expected_box, days) in [(2u8, 3.0), (3, 7.0), (4, 14.0), (5, 30.0)] {
            now += 1.0;
            assert_eq!(
                d.answer(t, q, true, now),
                Some(Outcome::Scheduled {
                    leitner_box: expected_box,
                    due: now + days * DAY
                })
            );
        }
        now += 1.0;
        assert_eq!(d.answer(t, q, true, now), Some(Outcome::Graduated));
        assert_eq!(d.in_topic(t), 0);
        assert!(d.due(f64::MAX).is_empty());
        assert_eq!(d.next_due(), None);
        assert_eq!(
            d.answer(t, q, true, now),
            None,
            "a card that left is not reviewed"
        );
        // Missing it in a later quiz brings it back to box 1.
        d.missed(t, q, now + 5.0);
        assert_eq!(d.0[q.id].leitner_box, 1);
    }

    #[test]
    fn a_wrong_review_answer_sends_the_card_back_to_box_1() {
        let (t, qs) = questions();
        let q = &qs[2];
        let mut d = Deck::default();
        d.missed(t, q, 0.0);
        d.answer(t, q, true, 1.0);
        d.answer(t, q, true, 2.0);
        assert_eq!(d.0[q.id].leitner_box, 3);
        assert_eq!(
            d.answer(t, q, false, 10.0),
            Some(Outcome::Scheduled {
                leitner_box: 1,
                due: 10.0 + DAY
            })
        );
    }

    #[test]
    fn due_cards_come_soonest_first_across_topics() {
        let a = &CURRICULUM.topics[0];
        let b = &CURRICULUM.topics[1];
        let qa = &loaded(a).unwrap().questions[0];
        let qb = &loaded(b).unwrap().questions[0];
        let mut d = Deck::default();
        d.missed(a.id, qa, 5.0);
        d.missed(b.id, qb, 1.0);
        let ids: Vec<&str> = d.due(10.0 * DAY).iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, [qb.id, qa.id]);
    }

    #[test]
    fn a_removed_or_rewritten_question_leaves_the_deck_quietly() {
        let (t, qs) = questions();
        let mut d = Deck::default();
        for q in &qs[..3] {
            d.missed(t, q, 0.0);
        }
        // The bank is unchanged: nothing leaves.
        let find = |id: &str| qs.iter().find(|q| q.id == id);
        assert!(!d.check_topic(t, find, 1.0));
        assert_eq!(d.in_topic(t), 3);
        // A newer content version removed qs[0] and rewrote qs[1] (same id, another card
        // fingerprint, as the bank's own text would give).
        d.0.get_mut(qs[1].id).unwrap().fingerprint = "0000000000000000".into();
        let newer = |id: &str| qs[1..].iter().find(|q| q.id == id);
        assert!(d.check_topic(t, newer, 2.0));
        assert_eq!(d.in_topic(t), 1);
        assert!(d.0[qs[2].id].active(), "the unchanged question stays");
        assert!(!d.0[qs[0].id].active() && !d.0[qs[1].id].active());
        // Other topics' cards are not judged against this topic's bank.
        let other = &CURRICULUM.topics[1];
        let qo = &loaded(other).unwrap().questions[0];
        d.missed(other.id, qo, 3.0);
        assert!(!d.check_topic(t, newer, 4.0));
        assert_eq!(d.in_topic(other.id), 1);
    }

    #[test]
    fn fingerprints_tell_questions_apart_and_are_stable() {
        let (_, qs) = questions();
        assert_eq!(fingerprint(&qs[0]), fingerprint(&qs[0]));
        assert_ne!(fingerprint(&qs[0]), fingerprint(&qs[1]));
        assert_eq!(fingerprint(&qs[0]).len(), 16);
    }

    #[test]
    fn merge_unions_cards_and_keeps_the_latest_copy_of_each() {
        let (t, qs) = questions();
        let mut a = Deck::default();
        a.missed(t, &qs[0], 0.0);
        let mut b = a.clone();
        b.missed(t, &qs[1], 1.0);
        // Tab a moves qs[0] up; tab b still has the older copy.
        a.answer(t, &qs[0], true, 5.0);
        let mut merged = b.clone();
        merged.merge(&a);
        assert_eq!(merged.0.len(), 2, "no card lost");
        assert_eq!(merged.0[qs[0].id].leitner_box, 2, "the later review wins");
        a.merge(&b);
        assert_eq!(a, merged, "the same both ways");
        // A card that left stays out when an older copy comes back (a backup, say).
        let mut done = a.clone();
        for i in 0..5 {
            done.answer(t, &qs[0], true, 10.0 + f64::from(i));
        }
        assert!(!done.0[qs[0].id].active());
        done.merge(&b);
        assert!(!done.0[qs[0].id].active());
    }

    #[test]
    fn a_backup_file_carries_the_deck_and_importing_it_unions_the_cards() {
        use crate::model::backup::{apply, export, parse};
        use crate::model::profiles::{Profile, Profiles};
        let (t, qs) = questions();
        let mut mine = Profile::new("p1".into(), 1.0);
        mine.progress.review.missed(t, &qs[0], 1.0);
        let mut theirs = mine.clone();
        theirs.progress.review.missed(t, &qs[1], 2.0);
        theirs.progress.review.answer(t, &qs[0], true, 3.0);
        let file = export(&[theirs], CURRICULUM.content_version, 4.0);
        let payload = parse(&file).expect("a valid backup");
        let mut local = Profiles::default();
        local.profiles.push(mine);
        apply(&mut local, &payload);
        let deck = &local.profiles[0].progress.review;
        assert_eq!(deck.in_topic(t), 2, "cards of both copies");
        assert_eq!(deck.0[qs[0].id].leitner_box, 2, "the later review wins");
    }
}

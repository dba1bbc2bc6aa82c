//! What can be counted about a question bank, and the rules the build enforces on it: enough
//! questions, enough applied cases, no answer given away by length or by absolute words.
//!
//! One definition serves the build (`load`), the authors' `stats` command, the real-content
//! tests and the draw of each attempt (`applied_per_attempt`, generated into the app).

use serde::Serialize;

use crate::model::{Question, QuestionKind};

/// A bank has at least this many questions.
pub const MIN_QUESTIONS: usize = 20;
/// At least this percent of a bank are applied questions (`tipo = "caso"`).
pub const MIN_APPLIED_PERCENT: usize = 40;
/// The correct option is the longest in at most this percent of a bank's single-answer questions.
pub const MAX_LONGEST_CORRECT_PERCENT: usize = 40;
/// No length rank (longest, second longest…) holds the correct option in more than this percent
/// of the single-answer questions: "never the longest" is as much a cue as "always the longest".
pub const MAX_SAME_RANK_PERCENT: usize = 50;
/// Every attempt draws at least this many applied questions.
pub const MIN_APPLIED_PER_ATTEMPT: usize = 3;
/// A situation shorter than this does not describe a case.
pub const MIN_CASE_CHARS: usize = 40;
/// Once a bank has this many options with an absolute word, ...
pub const ABSOLUTE_MIN_OPTIONS: usize = 3;
/// ... at least this percent of them must be correct, so the word does not mark wrong options.
pub const ABSOLUTE_MIN_CORRECT_PERCENT: usize = 25;

/// Words that test-wise readers take as the mark of a wrong option (compared folded).
pub const ABSOLUTE_WORDS: &[&str] = &[
    "solo",
    "solamente",
    "unicamente",
    "nunca",
    "jamas",
    "nada",
    "siempre",
    "ningun",
    "ninguna",
    "ninguno",
];

/// Counts over one bank.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BankStats {
    pub questions: usize,
    /// Questions of kind `caso`.
    pub applied: usize,
    /// Single-answer questions (`unica` and `caso`), where option length can give the answer away.
    pub single: usize,
    /// Single-answer questions whose correct option is the longest (ties count as longest).
    pub longest_correct: Vec<String>,
    /// How many single-answer questions have their correct option at each length rank: index 0
    /// is the longest (or tied with it), 1 has one longer option, and so on.
    pub rank_counts: Vec<usize>,
    /// Options (of non true/false questions) with an absolute word.
    pub absolute_options: usize,
    /// How many of those are correct.
    pub absolute_correct: usize,
}

impl BankStats {
    /// Applied share in whole percent, rounded down.
    pub fn applied_percent(&self) -> usize {
        (self.applied * 100)
            .checked_div(self.questions)
            .unwrap_or(0)
    }

    /// Longest-correct share in whole percent, rounded up (a rule is never met by rounding).
    pub fn longest_percent(&self) -> usize {
        (self.longest_correct.len() * 100).div_ceil(self.single.max(1))
    }

    /// Whether the applied share meets the rule (compared exactly, not in rounded percent).
    pub fn applied_ok(&self) -> bool {
        self.applied * 100 >= MIN_APPLIED_PERCENT * self.questions
    }

    pub fn longest_ok(&self) -> bool {
        self.longest_correct.len() * 100 <= MAX_LONGEST_CORRECT_PERCENT * self.single
    }

    /// The length rank that holds the correct option most often, and how often.
    pub fn top_rank(&self) -> (usize, usize) {
        self.rank_counts
            .iter()
            .copied()
            .enumerate()
            .max_by_key(|&(rank, n)| (n, std::cmp::Reverse(rank)))
            .unwrap_or((0, 0))
    }

    pub fn rank_ok(&self) -> bool {
        self.top_rank().1 * 100 <= MAX_SAME_RANK_PERCENT * self.single
    }

    pub fn absolute_ok(&self) -> bool {
        self.absolute_options < ABSOLUTE_MIN_OPTIONS
            || self.absolute_correct * 100 >= ABSOLUTE_MIN_CORRECT_PERCENT * self.absolute_options
    }
}

/// Whether `text` contains one of [`ABSOLUTE_WORDS`] as a whole word, ignoring case and accents.
pub fn has_absolute_word(text: &str) -> bool {
    textfold::fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| ABSOLUTE_WORDS.contains(&w))
}

/// Counts what the bank rules look at.
pub fn stats(questions: &[Question]) -> BankStats {
    let mut s = BankStats {
        questions: questions.len(),
        ..BankStats::default()
    };
    for q in questions {
        if q.kind == QuestionKind::Case {
            s.applied += 1;
        }
        if matches!(q.kind, QuestionKind::Single | QuestionKind::Case) {
            s.single += 1;
            let len = |t: &str| t.chars().count();
            if let Some(right) = q.options.iter().find(|o| o.correct).map(|o| len(&o.text)) {
                let rank = q.options.iter().filter(|o| len(&o.text) > right).count();
                if rank == 0 {
                    s.longest_correct.push(q.id.clone());
                }
                if s.rank_counts.len() <= rank {
                    s.rank_counts.resize(rank + 1, 0);
                }
                s.rank_counts[rank] += 1;
            }
        }
        if q.kind != QuestionKind::TrueFalse {
            for o in q.options.iter().filter(|o| has_absolute_word(&o.text)) {
                s.absolute_options += 1;
                s.absolute_correct += usize::from(o.correct);
            }
        }
    }
    s
}

/// How many applied questions each attempt draws: the bank's applied share of the attempt,
/// rounded to the nearest, never fewer than [`MIN_APPLIED_PER_ATTEMPT`], never more than the
/// bank has or the attempt takes. The build refuses a bank that cannot give the minimum.
pub fn applied_per_attempt(quiz_size: usize, questions: usize, applied: usize) -> usize {
    let proportional = (quiz_size * applied * 2 + questions).checked_div(questions * 2);
    proportional
        .unwrap_or(0)
        .max(MIN_APPLIED_PER_ATTEMPT)
        .min(applied)
        .min(quiz_size)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_words_are_whole_words_without_accents() {
        assert!(has_absolute_word("Sólo la Fiscalía"));
        assert!(has_absolute_word("no hay NADA que hacer"));
        assert!(has_absolute_word("Únicamente el juez"));
        assert!(!has_absolute_word("Una mujer sola en casa"));
        assert!(!has_absolute_word("nadar; siempreviva"));
    }

    #[test]
    fn applied_per_attempt_is_proportional_with_a_floor() {
        assert_eq!(applied_per_attempt(10, 20, 8), 4);
        assert_eq!(applied_per_attempt(10, 22, 10), 5);
        assert_eq!(applied_per_attempt(10, 30, 6), 3, "floor");
        assert_eq!(applied_per_attempt(10, 20, 2), 2, "capped by the bank");
        assert_eq!(applied_per_attempt(2, 20, 8), 2, "capped by the attempt");
        assert_eq!(applied_per_attempt(10, 0, 0), 0);
    }
}

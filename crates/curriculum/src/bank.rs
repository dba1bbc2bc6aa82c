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

/// Words and phrases that give a reason ("porque…", "para que…"), compared folded and as whole
/// words. Test-wise readers drop the options that explain themselves, so a reason must be as
/// common in keyed options as in wrong ones. `content/README.md` publishes this list.
pub const REASON_MARKERS: &[&str] = &[
    "porque",
    "ya que",
    "para que",
    "dado que",
    "pues",
    "puesto que",
    "debido a",
    "a fin de",
    "con el fin de",
    "por lo que",
    "de modo que",
    "de manera que",
    "asi que",
    "por eso",
    "por ello",
    "para evitar",
    "para no",
    "toda vez que",
    "en vista de",
];
/// In single-answer questions, the share of keyed options with a reason and the share of wrong
/// options with one differ by at most this many percentage points.
pub const MAX_REASON_GAP_POINTS: usize = 15;
/// A reader who ignores the content and drops every option with a reason scores at most this
/// percent on a bank's single-answer questions (chance with four options is 25 %).
pub const MAX_REASON_READER_PERCENT: usize = 30;

/// Counts over one bank.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
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
    /// Keyed options of single-answer questions that give a reason.
    pub reason_correct: usize,
    /// Wrong options of single-answer questions, and how many of them give a reason.
    pub wrong: usize,
    pub reason_wrong: usize,
    /// Expected score, in percent, of a reader who ignores the content, drops every option that
    /// gives a reason and picks at random among the rest (among all when none is left).
    pub reason_reader_percent: f64,
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

    /// Percent of keyed and of wrong single-answer options that give a reason.
    pub fn reason_shares(&self) -> (f64, f64) {
        let share = |n: usize, of: usize| {
            if of == 0 {
                0.0
            } else {
                n as f64 * 100.0 / of as f64
            }
        };
        (
            share(self.reason_correct, self.single),
            share(self.reason_wrong, self.wrong),
        )
    }

    /// Whether reasons are as common in keyed options as in wrong ones (compared exactly).
    pub fn reason_gap_ok(&self) -> bool {
        let (rc, s, rw, w) = (
            self.reason_correct,
            self.single,
            self.reason_wrong,
            self.wrong,
        );
        (rc * w).abs_diff(rw * s) * 100 <= MAX_REASON_GAP_POINTS * s * w
    }

    pub fn reason_reader_ok(&self) -> bool {
        self.reason_reader_percent <= MAX_REASON_READER_PERCENT as f64 + 1e-9
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

/// Whether `text` gives a reason: one of [`REASON_MARKERS`] as whole words, ignoring case and
/// accents.
pub fn has_reason(text: &str) -> bool {
    let words: Vec<String> = textfold::fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let padded = format!(" {} ", words.join(" "));
    REASON_MARKERS
        .iter()
        .any(|m| padded.contains(&format!(" {m} ")))
}

/// Counts what the bank rules look at.
pub fn stats(questions: &[Question]) -> BankStats {
    let mut s = BankStats {
        questions: questions.len(),
        ..BankStats::default()
    };
    let mut reader = 0.0;
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
            let kept: Vec<_> = q.options.iter().filter(|o| !has_reason(&o.text)).collect();
            let pool = if kept.is_empty() {
                q.options.iter().collect()
            } else {
                kept
            };
            if !pool.is_empty() {
                reader += pool.iter().filter(|o| o.correct).count() as f64 / pool.len() as f64;
            }
            for o in &q.options {
                if o.correct {
                    s.reason_correct += usize::from(has_reason(&o.text));
                } else {
                    s.wrong += 1;
                    s.reason_wrong += usize::from(has_reason(&o.text));
                }
            }
        }
        if q.kind != QuestionKind::TrueFalse {
            for o in q.options.iter().filter(|o| has_absolute_word(&o.text)) {
                s.absolute_options += 1;
                s.absolute_correct += usize::from(o.correct);
            }
        }
    }
    if s.single > 0 {
        s.reason_reader_percent = reader * 100.0 / s.single as f64;
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
    fn reasons_are_whole_words_and_phrases() {
        assert!(has_reason("Llamar al 911, porque es urgente"));
        assert!(has_reason("Pedir el acta para que conste"));
        assert!(has_reason("Esperar, YA QUE no hay prisa"));
        assert!(!has_reason("Después de la cita, acompañarla"));
        assert!(!has_reason("Pedir a la Fiscalía la orden"));
        assert!(!has_reason("Para la noche, un lugar seguro"));
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

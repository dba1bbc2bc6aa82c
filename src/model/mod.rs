//! Plain data and logic, with native unit tests: progress, quiz and scoring.

use std::cmp::Ordering;

pub mod backup;
pub mod mistakes;
pub mod next;
pub mod profiles;
pub mod progress;
pub mod quiz;
pub mod review;
pub mod search;
pub mod speech;

/// Sorts `v` stably by `cmp` (an insertion sort). The lists the app sorts are short (a topic's
/// attempts, unfinished runs, due cards, a question's options, corrupt copies); the standard
/// library's sorts cost about 3 KiB of wasm for each element type and comparison.
pub fn sort_small_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && cmp(&v[j - 1], &v[j]) == Ordering::Greater {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sort_small_by;
    use crate::model::quiz::Rng;

    #[test]
    fn sort_small_by_sorts_like_the_standard_stable_sort() {
        let mut rng = Rng::new(7);
        for len in 0..60 {
            // Pairs (key, original position): equal keys must keep their order.
            let mut v: Vec<(u64, usize)> = (0..len).map(|i| (rng.below(5) as u64, i)).collect();
            let mut want = v.clone();
            want.sort_by_key(|p| p.0);
            sort_small_by(&mut v, |a, b| a.0.cmp(&b.0));
            assert_eq!(v, want, "length {len}");
        }
    }
}

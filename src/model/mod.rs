//! Plain data and logic, with native unit tests: progress, quiz and scoring.

pub mod progress;
pub mod quiz;
pub mod search;

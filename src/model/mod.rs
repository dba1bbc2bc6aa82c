//! Plain data and logic, with native unit tests: progress, quiz and scoring.

pub mod backup;
pub mod profiles;
pub mod progress;
pub mod quiz;
pub mod review;
pub mod search;
pub mod speech;

//! The Jornada curriculum: loads `content/`, validates it with author-facing Spanish
//! diagnostics, renders lesson Markdown to safe HTML, and exports or generates code from it.
//!
//! Pure Rust with no web crates: it runs in `build.rs`, in the `curriculum` command and in tests.

pub mod bank;
pub mod bundle;
pub mod codegen;
pub mod diag;
pub mod load;
pub mod model;
pub mod render;

pub use diag::Diagnostic;
pub use load::load;
pub use model::*;

pub use textfold::fold;

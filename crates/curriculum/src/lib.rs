//! The Jornada curriculum: loads `content/`, validates it with author-facing Spanish
//! diagnostics, renders lesson Markdown to safe HTML, and exports or generates code from it.
//!
//! Pure Rust with no web crates: it runs in `build.rs`, in the `curriculum` command and in tests.

pub mod codegen;
pub mod diag;
pub mod load;
pub mod model;
pub mod render;

pub use diag::Diagnostic;
pub use load::load;
pub use model::*;

/// Folds text for search and sorting: lowercase, without accents or diaeresis ("Económica" -> "economica").
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'ä' | 'â' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            'ñ' => 'n',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn fold_ignores_case_and_accents() {
        assert_eq!(
            super::fold("Económica ÓRDENES Niñas"),
            "economica ordenes ninas"
        );
    }
}

//! Accent- and case-insensitive folding of Spanish text. One definition, used by the curriculum
//! crate (sorting the glossary at build time) and by the app (offline search).

/// Lowercases and removes accents and diaeresis ("Económica" -> "economica"). Each character
/// maps to exactly one character, so character positions line up with the original text.
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

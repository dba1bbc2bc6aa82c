//! Author-facing diagnostics: file, line, column, a Spanish message and a fix hint.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem found in the content, located in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: error: {}\n    cómo arreglarlo: {}",
            self.file.display(),
            self.line,
            self.column,
            self.message,
            self.hint
        )
    }
}

/// A text file held in memory so byte offsets can be turned into line and column.
pub struct Source {
    pub path: PathBuf,
    pub text: String,
}

impl Source {
    pub fn new(path: &Path, text: String) -> Self {
        Source {
            path: path.to_path_buf(),
            text,
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text[..floor_char_boundary(&self.text, offset)];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }

    /// A diagnostic at a byte offset of this file.
    pub fn at(
        &self,
        offset: usize,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Diagnostic {
        let (line, column) = self.line_col(offset);
        Diagnostic {
            file: self.path.clone(),
            line,
            column,
            message: message.into(),
            hint: hint.into(),
        }
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Collects diagnostics so every problem is reported at once.
#[derive(Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Turns a TOML parse error into a Spanish diagnostic.
pub fn toml_error(src: &Source, err: &toml::de::Error) -> Diagnostic {
    let offset = err.span().map_or(0, |s| s.start);
    let msg = err.message();
    let (message, hint) = if let Some(rest) = msg.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or(rest);
        let expected = rest
            .split_once("expected ")
            .map(|(_, e)| e.replace("one of ", "").replace('`', ""))
            .unwrap_or_default();
        (
            format!("clave desconocida `{key}`"),
            if expected.is_empty() {
                "borre esa clave o revise cómo se escribe".to_string()
            } else {
                format!("revise cómo se escribe; las claves válidas aquí son: {expected}")
            },
        )
    } else if let Some(rest) = msg.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or(rest);
        (
            format!("falta la clave `{key}`"),
            format!("agregue `{key} = …` (vea content/README.md)"),
        )
    } else if let Some(rest) = msg.strip_prefix("unknown variant `") {
        let value = rest.split('`').next().unwrap_or(rest);
        let expected = rest
            .split_once("expected ")
            .map(|(_, e)| e.replace("one of ", "").replace('`', ""))
            .unwrap_or_default();
        (
            format!("valor no válido `{value}`"),
            format!("use uno de estos valores: {expected}"),
        )
    } else if msg.starts_with("duplicate key") {
        (
            "clave repetida".to_string(),
            "cada clave puede aparecer una sola vez en cada bloque; borre la repetida".to_string(),
        )
    } else if msg.starts_with("invalid type") {
        (
            format!("tipo de valor incorrecto ({})", msg.trim()),
            "revise comillas, corchetes y números: compare con el ejemplo de content/README.md"
                .to_string(),
        )
    } else {
        (
            format!("el archivo TOML no se puede leer ({})", msg.trim()),
            "revise comillas, corchetes y signos `=` cerca de esa línea".to_string(),
        )
    };
    src.at(offset, message, hint)
}

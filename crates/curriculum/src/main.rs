//! `curriculum check <dir>` and `curriculum export <dir>`: the authors' and reviewers' tool.

use std::path::Path;
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!("uso: curriculum check <carpeta-de-contenido>");
    eprintln!("     curriculum export <carpeta-de-contenido>   (JSON en la salida estándar)");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (cmd, dir) = match args.as_slice() {
        [cmd, dir] => (cmd.as_str(), Path::new(dir)),
        _ => return usage(),
    };
    if cmd != "check" && cmd != "export" {
        return usage();
    }
    match curriculum::load(dir) {
        Err(diags) => {
            for d in &diags {
                eprintln!("{d}");
            }
            eprintln!("\n{} problema(s) en {}", diags.len(), dir.display());
            ExitCode::from(1)
        }
        Ok(c) if cmd == "check" => {
            let questions: usize = c.topics.iter().map(|t| t.questions.len()).sum();
            let lessons: usize = c.topics.iter().map(|t| t.lessons.len()).sum();
            println!(
                "contenido correcto: {} temas, {} lecciones, {} preguntas, {} términos, versión {}",
                c.topics.len(),
                lessons,
                questions,
                c.glossary.len(),
                c.content_version
            );
            ExitCode::SUCCESS
        }
        Ok(c) => match serde_json::to_string_pretty(&c) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("no se pudo exportar: {e}");
                ExitCode::from(1)
            }
        },
    }
}

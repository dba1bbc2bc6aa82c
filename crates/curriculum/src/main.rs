//! `curriculum check <dir>`, `curriculum export <dir>` and `curriculum bundle <dir> <site>`:
//! the authors' and reviewers' tool, and the build step that writes the per-topic files.

use std::path::Path;
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!("uso: curriculum check <carpeta-de-contenido>");
    eprintln!("     curriculum export <carpeta-de-contenido>   (JSON en la salida estándar)");
    eprintln!("     curriculum bundle <carpeta-de-contenido> <carpeta-del-sitio>   (escribe contenido/*.json)");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (cmd, dir, site) = match args.as_slice() {
        [cmd, dir] if cmd == "check" || cmd == "export" => (cmd.as_str(), Path::new(dir), None),
        [cmd, dir, site] if cmd == "bundle" => {
            (cmd.as_str(), Path::new(dir), Some(Path::new(site)))
        }
        _ => return usage(),
    };
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
        Ok(c) if cmd == "bundle" => {
            let site = site.expect("bundle has a site folder");
            let bundles = curriculum::bundle::bundles(&c);
            match curriculum::bundle::write(&bundles, site) {
                Ok(()) => {
                    println!("{} archivo(s) de tema en {}", bundles.len(), site.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!(
                        "no se pudieron escribir los archivos de tema en {}: {e}",
                        site.display()
                    );
                    ExitCode::from(1)
                }
            }
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

//! `curriculum check|stats|export <dir>` and `curriculum bundle <dir> <site>`:
//! the authors' and reviewers' tool, and the build step that writes the per-topic files.

use std::path::Path;
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!("uso: curriculum check <carpeta-de-contenido>");
    eprintln!(
        "     curriculum stats <carpeta-de-contenido>    (cifras de cada banco de preguntas)"
    );
    eprintln!("     curriculum export <carpeta-de-contenido>   (JSON en la salida estándar)");
    eprintln!("     curriculum bundle <carpeta-de-contenido> <carpeta-del-sitio>   (escribe contenido/*.json)");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (cmd, dir, site) = match args.as_slice() {
        [cmd, dir] if cmd == "check" || cmd == "export" || cmd == "stats" => {
            (cmd.as_str(), Path::new(dir), None)
        }
        [cmd, dir, site] if cmd == "bundle" => {
            (cmd.as_str(), Path::new(dir), Some(Path::new(site)))
        }
        _ => return usage(),
    };
    if cmd == "stats" {
        return stats(dir);
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

/// Per-topic bank figures, printed even while the bank rules still fail (with their problems).
fn stats(dir: &Path) -> ExitCode {
    let (c, problems) = match curriculum::load::load_for_stats(dir) {
        Ok(v) => v,
        Err(diags) => {
            for d in &diags {
                eprintln!("{d}");
            }
            eprintln!("\n{} problema(s) en {}", diags.len(), dir.display());
            return ExitCode::from(1);
        }
    };
    println!(
        "tema        preguntas  casos  aplicadas  correcta más larga   absolutas  razones (correctas/incorrectas)  lector por razones  correcta por longitud (1.ª = más larga)"
    );
    for t in &c.topics {
        let s = curriculum::bank::stats(&t.questions);
        println!(
            "{:<11} {:>9}  {:>5}  {:>7} %  {:>3} de {:<3} ({:>3} %)   {:>3}/{:<3}    {:>5.1} % / {:>5.1} %{}     {:>5.1} %{}        {}",
            t.id,
            s.questions,
            s.applied,
            s.applied_percent(),
            s.longest_correct.len(),
            s.single,
            s.longest_percent(),
            s.absolute_correct,
            s.absolute_options,
            s.reason_shares().0,
            s.reason_shares().1,
            if s.reason_gap_ok() { "  " } else { " ✗" },
            s.reason_reader_percent,
            if s.reason_reader_ok() { "  " } else { " ✗" },
            s.rank_counts
                .iter()
                .enumerate()
                .map(|(r, n)| format!("{}.ª: {n}", r + 1))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    for d in &problems {
        println!("\n{d}");
    }
    if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

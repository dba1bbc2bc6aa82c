//! Writes `N` sealed trainee results files (ten attempts each, over 46 municipalities) into DIR,
//! for the board's load tests and benchmark: `cargo run -p results --example trainees -- N DIR`.
use results::*;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let dir =
        std::path::PathBuf::from(args.get(2).map(String::as_str).unwrap_or("target/trainees"));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("{}: {e}", dir.display());
        std::process::exit(1);
    }
    let topics: Vec<Topic> = ["modelo", "ordenes", "avgm", "busqueda", "atencion"]
        .iter()
        .map(|id| Topic {
            id: id.to_string(),
            title: format!("Tema {id}"),
        })
        .collect();
    for i in 0..n {
        let id = format!("p{i:05}");
        let person = Person {
            id: id.clone(),
            name: format!("Persona {i}"),
            municipality: format!("Municipio {:02}", i % 46),
            job_title: "Auxiliar".into(),
        };
        let attempts = (0..10)
            .map(|k| {
                let percent = ((i * 7 + k * 13) % 61 + 40) as u8;
                Attempt {
                    id: format!("{id}-a{k}"),
                    person: id.clone(),
                    topic: topics[k % 5].id.clone(),
                    date: format!("{:02}/11/2026", 1 + k),
                    finished_at: 1_764_000_000_000.0 + (k * 86_400_000) as f64,
                    correct: percent as u32 / 10,
                    total: 10,
                    percent,
                    passed: percent >= 80,
                    content_version: "2026.11.2".into(),
                }
            })
            .collect();
        let file = ResultsFile::new(
            KIND_PERSON,
            1_764_900_000_000.0,
            topics.clone(),
            vec![person],
            attempts,
        );
        if let Err(e) = std::fs::write(dir.join(format!("resultados-{i:05}.json")), file.to_text())
        {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}

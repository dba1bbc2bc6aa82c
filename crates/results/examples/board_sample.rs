//! Writes four sealed trainee files for the board's table tests into DIR, over the topics given as
//! JSON (`[{"id": …, "title": …}]`, the course's own): `cargo run -p results --example
//! board_sample -- DIR TOPICS_JSON`. Ana (León) tried every topic, Rosa (León) two, Lucía
//! (Celaya) one, and one profile left its name and municipality blank.
use results::*;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(topics)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: board_sample DIR TOPICS_JSON");
        std::process::exit(2);
    };
    let topics: Vec<Topic> = serde_json::from_str(topics).unwrap_or_else(|e| {
        eprintln!("TOPICS_JSON: {e}");
        std::process::exit(2);
    });
    let dir = std::path::PathBuf::from(dir);
    // id, name, municipality, job title, and the attempts: (topic index, percent).
    type Trainee<'a> = (&'a str, &'a str, &'a str, &'a str, &'a [(usize, u8)]);
    let people: [Trainee; 4] = [
        (
            "ana",
            "Ana López",
            "León",
            "Titular",
            &[(0, 60), (0, 90), (1, 100), (2, 50), (3, 80), (4, 70)],
        ),
        (
            "rosa",
            "Rosa Martínez",
            "León",
            "Auxiliar jurídica",
            &[(0, 40), (2, 85)],
        ),
        ("lucia", "Lucía Pérez", "Celaya", "Psicóloga", &[(1, 90)]),
        ("sin-nombre", "", "", "", &[(0, 80)]),
    ];
    for (id, name, municipality, job, tried) in people {
        let attempts = tried
            .iter()
            .enumerate()
            .map(|(k, (topic, percent))| Attempt {
                id: format!("{id}-a{k}"),
                person: id.into(),
                topic: topics[*topic % topics.len()].id.clone(),
                date: format!("{:02}/11/2026", 10 + k),
                finished_at: 1_764_000_000_000.0 + (k * 86_400_000) as f64,
                correct: *percent as u32 / 10,
                total: 10,
                percent: *percent,
                passed: *percent >= 80,
                content_version: "2026.11.2".into(),
            })
            .collect();
        let person = Person {
            id: id.into(),
            name: name.into(),
            municipality: municipality.into(),
            job_title: job.into(),
        };
        let file = ResultsFile::new(
            KIND_PERSON,
            1_764_900_000_000.0,
            topics.clone(),
            vec![person],
            attempts,
        );
        if let Err(e) = std::fs::write(dir.join(format!("{id}.json")), file.to_text()) {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}

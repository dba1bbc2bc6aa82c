//! Writes the documented sample file: `cargo run -p results --example sample > tests/fixtures/results/ejemplo-v1.json`.
use results::*;

fn main() {
    let topics = vec![
        Topic {
            id: "modelo".into(),
            title: "El modelo de atención".into(),
        },
        Topic {
            id: "ordenes".into(),
            title: "Órdenes de protección".into(),
        },
    ];
    let people = vec![
        Person {
            id: "p-7f3a9c1e".into(),
            name: "Ana López Ramírez".into(),
            municipality: "León".into(),
            job_title: "Titular de la Instancia".into(),
        },
        Person {
            id: "p-c04b2d88".into(),
            name: "Rosa Martínez".into(),
            municipality: "León".into(),
            job_title: "".into(),
        },
    ];
    let a =
        |id: &str, person: &str, topic: &str, date: &str, at: f64, correct: u32, passed: bool| {
            Attempt {
                id: id.into(),
                person: person.into(),
                topic: topic.into(),
                date: date.into(),
                finished_at: at,
                correct,
                total: 10,
                percent: (correct * 10) as u8,
                passed,
                content_version: "2026.11.2".into(),
            }
        };
    let attempts = vec![
        a(
            "9d2e51b0aa",
            "p-7f3a9c1e",
            "modelo",
            "28/11/2026",
            1_764_350_000_000.0,
            9,
            true,
        ),
        a(
            "1c7f03e4bb",
            "p-7f3a9c1e",
            "ordenes",
            "29/11/2026",
            1_764_440_000_000.0,
            6,
            false,
        ),
        a(
            "e8a4c2d9cc",
            "p-c04b2d88",
            "modelo",
            "29/11/2026",
            1_764_450_000_000.0,
            8,
            true,
        ),
    ];
    // Ana missed questions of "ordenes": two are in review, one left the deck (box 0).
    let card = |question: &str, leitner_box: u8, due: f64, updated_at: f64| ReviewCard {
        person: "p-7f3a9c1e".into(),
        topic: "ordenes".into(),
        question: question.into(),
        leitner_box,
        due,
        updated_at,
    };
    let review = vec![
        card(
            "ordenes-caso-emitir-o-solicitar",
            1,
            1_764_526_400_000.0,
            1_764_440_000_000.0,
        ),
        card(
            "ordenes-caso-arma-fuego",
            2,
            1_764_705_600_000.0,
            1_764_446_400_000.0,
        ),
        card(
            "ordenes-caso-mediacion",
            0,
            1_764_526_400_000.0,
            1_764_480_000_000.0,
        ),
    ];
    print!(
        "{}",
        ResultsFile::new(
            KIND_CONSOLIDATED,
            1_764_500_000_000.0,
            topics,
            people,
            attempts
        )
        .with_review(review)
        .to_text()
    );
}

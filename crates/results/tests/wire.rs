//! The board's reader messages (`results::wire`): what the page gets back from the worker is
//! exactly what validating the file in the page would give, for every kind of file.

use results::wire::{outcome_message, read_outcome, refused, rejected, GARBLED, UNREADABLE};
use results::*;

fn sealed(kind: &str, people: &[(&str, &str)]) -> String {
    let topics = vec![Topic {
        id: "modelo".into(),
        title: "Modelo".into(),
    }];
    let people: Vec<Person> = people
        .iter()
        .map(|(id, name)| Person {
            id: (*id).into(),
            name: (*name).into(),
            municipality: "León".into(),
            job_title: "Titular".into(),
        })
        .collect();
    let attempts = people
        .iter()
        .map(|p| Attempt {
            id: format!("{}-a1", p.id),
            person: p.id.clone(),
            topic: "modelo".into(),
            date: "28/11/2026".into(),
            // A finish time with a fraction: it must come back to the same number.
            finished_at: 1_764_300_000_123.25,
            correct: 7,
            total: 10,
            percent: 70,
            passed: false,
            content_version: "2026.12.1".into(),
        })
        .collect();
    let cards = vec![ReviewCard {
        person: people[0].id.clone(),
        topic: "modelo".into(),
        question: "modelo-q1".into(),
        leitner_box: 2,
        due: 1_764_400_000_000.0,
        updated_at: 1_764_300_000_000.5,
    }];
    ResultsFile::new(kind, 1_764_400_000_000.0, topics, people, attempts)
        .with_review(cards)
        .to_text()
}

#[test]
fn every_kind_of_file_comes_back_from_the_reader_as_parse_reads_it() {
    let person = sealed(KIND_PERSON, &[("p1", "Ana López")]);
    let consolidated = sealed(
        KIND_CONSOLIDATED,
        &[("p1", "Ana López"), ("p2", "Beatriz «Bety» Ñúñez")],
    );
    let first_release = r#"{"nombre": "Ana López", "municipio": "León", "cargo": "Titular", "resultados": [
        {"tema": "modelo", "titulo_tema": "Modelo", "fecha": "28/11/2026 10:30", "aciertos": 9, "preguntas": 10,
         "porcentaje": 90, "aprobado": true, "version_contenido": "2026.11.1"}]}"#;
    let csv = "id_persona;id_intento;nombre;municipio;cargo;tema;titulo_tema;fecha;aciertos;preguntas;porcentaje;aprobado;version_contenido\r\np1;a1;Ana López;León;Titular;modelo;Modelo;28/11/2026;9;10;90;si;2026.11.2\r\n";
    let files: Vec<Vec<u8>> = vec![
        person.clone().into_bytes(),
        consolidated.into_bytes(),
        first_release.as_bytes().to_vec(),
        csv.as_bytes().to_vec(),
        person.replace("Ana López", "Ana Lopez").into_bytes(), // tampered
        vec![],
        b"{no es json".to_vec(),
        vec![0x89, b'P', b'N', b'G', 0],
    ];
    for bytes in files {
        let want = parse(&bytes).map_err(|r| r.message());
        let got = read_outcome(&outcome_message(&bytes));
        assert_eq!(
            got,
            want,
            "{}",
            String::from_utf8_lossy(&bytes[..bytes.len().min(40)])
        );
    }
    // The fractions of the times survive the trip (the most recent card wins a merge by them).
    let l = read_outcome(&outcome_message(person.as_bytes())).unwrap();
    assert_eq!(l.origin, Origin::Verified);
    assert_eq!(l.attempts[0].finished_at, 1_764_300_000_123.25);
    assert_eq!(l.review[0].updated_at, 1_764_300_000_000.5);
}

#[test]
fn refusals_made_before_validation_carry_their_spanish_reason() {
    assert_eq!(
        read_outcome(&rejected(&Rejection::TooLarge)),
        Err(Rejection::TooLarge.message())
    );
    assert_eq!(read_outcome(&refused(UNREADABLE)), Err(UNREADABLE.into()));
}

#[test]
fn an_answer_the_page_cannot_read_refuses_that_file_only() {
    for garbled in [
        "",
        "null",
        "{\"ok\": 3}",
        "{\"otra\": \"cosa\"}",
        "[\"no\"]",
        "texto",
    ] {
        assert_eq!(read_outcome(garbled), Err(GARBLED.into()), "{garbled:?}");
    }
}

#[test]
fn a_board_built_from_the_messages_equals_one_built_in_the_page() {
    let files: Vec<String> = (0..20)
        .map(|i| sealed(KIND_PERSON, &[(&format!("p{i}"), &format!("Persona {i}"))]))
        .collect();
    let mut here = Board::new();
    let mut via = Board::new();
    for f in &files {
        here.add(parse(f.as_bytes()).unwrap());
        via.add(read_outcome(&outcome_message(f.as_bytes())).unwrap());
    }
    assert_eq!(here.csv(), via.csv());
    assert_eq!(here.people_count(), 20);
}

//! The results format, its integrity code, every kind of file the board reads or refuses, and
//! the merge rules.

use std::time::Instant;

use results::*;

fn topics() -> Vec<Topic> {
    [("modelo", "Modelo"), ("ordenes", "Órdenes de protección")]
        .iter()
        .map(|(id, title)| Topic {
            id: id.to_string(),
            title: title.to_string(),
        })
        .collect()
}

fn person(id: &str, name: &str, municipality: &str) -> Person {
    Person {
        id: id.into(),
        name: name.into(),
        municipality: municipality.into(),
        job_title: "Titular".into(),
    }
}

fn attempt(id: &str, person: &str, topic: &str, percent: u8) -> Attempt {
    Attempt {
        id: id.into(),
        person: person.into(),
        topic: topic.into(),
        date: "28/11/2026".into(),
        finished_at: 1_764_300_000_000.0,
        correct: percent as u32 / 10,
        total: 10,
        percent,
        passed: percent >= 80,
        content_version: "2026.11.2".into(),
    }
}

fn trainee(id: &str, name: &str, municipality: &str, attempts: &[(&str, &str, u8)]) -> String {
    ResultsFile::new(
        KIND_PERSON,
        1_764_400_000_000.0,
        topics(),
        vec![person(id, name, municipality)],
        attempts
            .iter()
            .map(|(a, t, p)| attempt(a, id, t, *p))
            .collect(),
    )
    .to_text()
}

/// A review card of `person`: topic `modelo`, due a day after `updated_at`.
fn card(person: &str, question: &str, leitner_box: u8, updated_at: f64) -> ReviewCard {
    ReviewCard {
        person: person.into(),
        topic: "modelo".into(),
        question: question.into(),
        leitner_box,
        due: updated_at + 86_400_000.0,
        updated_at,
    }
}

/// A trainee's file carrying review cards.
fn with_cards(id: &str, name: &str, exported_at: f64, cards: Vec<ReviewCard>) -> String {
    ResultsFile::new(
        KIND_PERSON,
        exported_at,
        topics(),
        vec![person(id, name, "León")],
        vec![attempt(&format!("{id}-a1"), id, "modelo", 40)],
    )
    .with_review(cards)
    .to_text()
}

fn load(board: &mut Board, text: &str) -> AddReport {
    board.add(parse(text.as_bytes()).expect("valid file"))
}

#[test]
fn a_written_file_reads_back_verified() {
    let text = trainee(
        "p1",
        "Ana",
        "León",
        &[("a1", "modelo", 90), ("a2", "ordenes", 60)],
    );
    let l = parse(text.as_bytes()).unwrap();
    assert_eq!(l.origin, Origin::Verified);
    assert!(!l.consolidated);
    assert_eq!(l.people, vec![person("p1", "Ana", "León")]);
    assert_eq!(l.attempts.len(), 2);
    assert_eq!(l.topics, topics());
    // The fields the contact needs are in the file, by name.
    for field in [
        "\"format\": \"jornada-resultados\"",
        "\"version\": 1",
        "\"content_version\": \"2026.11.2\"",
        "\"integrity\": \"sha256:",
        "\"passed\": true",
        "\"job_title\": \"Titular\"",
    ] {
        assert!(text.contains(field), "{field}");
    }
}

/// Files are written compact and re-indented (one serializer per type in the wasm): the text must
/// be byte for byte what `serde_json::to_string_pretty` wrote before, for every shape of value.
#[test]
fn files_are_indented_exactly_like_serde_json_pretty() {
    let mut tricky = person("p\"1", "Ana {\"la\"} [jefa], \\ 1:2", "León");
    tricky.job_title = "línea\nnueva\t\u{1f} ñ 🙂".into();
    let file = ResultsFile::new(
        KIND_PERSON,
        1_764_400_000_000.5,
        topics(),
        vec![tricky],
        vec![],
    )
    .with_review(vec![card("p\"1", "q,1", 2, 1.0e15)]);
    let want = serde_json::to_string_pretty(&file).unwrap();
    assert_eq!(file.to_text(), want);
    assert!(
        want.contains("\"attempts\": []"),
        "an empty list stays on one line"
    );
    let sample = include_str!("../../../tests/fixtures/results/ejemplo-v1.json");
    let value: serde_json::Value = serde_json::from_str(sample).unwrap();
    assert_eq!(
        pretty(&serde_json::to_string(&value).unwrap()),
        serde_json::to_string_pretty(&value).unwrap()
    );
    for compact in [
        "{}",
        "[]",
        "[{},[],{\"a\":[]}]",
        "\"{[:,]}\"",
        "null",
        "-1.5e-7",
    ] {
        let v: serde_json::Value = serde_json::from_str(compact).unwrap();
        assert_eq!(
            pretty(compact),
            serde_json::to_string_pretty(&v).unwrap(),
            "{compact}"
        );
    }
}

#[test]
fn the_committed_sample_file_is_valid() {
    let text = include_str!("../../../tests/fixtures/results/ejemplo-v1.json");
    let l = parse(text.as_bytes()).unwrap();
    assert_eq!(l.origin, Origin::Verified);
    assert_eq!(
        (l.people.len(), l.attempts.len(), l.review.len()),
        (2, 3, 3)
    );
    let mut board = Board::new();
    board.add(l);
    let ana = board
        .rows()
        .iter()
        .find(|r| r.person.name.starts_with("Ana"));
    assert_eq!(ana.map(|r| r.in_review), Some(2));
}

#[test]
fn any_edit_breaks_the_integrity_code() {
    let text = trainee("p1", "Ana", "León", &[("a1", "modelo", 70)]);
    for (from, to) in [
        ("\"percent\": 70", "\"percent\": 90"),
        ("\"passed\": false", "\"passed\": true"),
        ("\"name\": \"Ana\"", "\"name\": \"Ana María\""),
        ("\"municipality\": \"León\"", "\"municipality\": \"Celaya\""),
        ("\"date\": \"28/11/2026\"", "\"date\": \"29/11/2026\""),
    ] {
        assert!(text.contains(from), "{from}");
        let edited = text.replace(from, to);
        assert_eq!(parse(edited.as_bytes()), Err(Rejection::Tampered), "{to}");
    }
    let forged = text.replace("\"integrity\": \"sha256:", "\"integrity\": \"sha256:0");
    assert_eq!(parse(forged.as_bytes()), Err(Rejection::Tampered));
}

#[test]
fn bad_files_are_refused_with_a_spanish_reason() {
    let good = trainee("p1", "Ana", "León", &[("a1", "modelo", 70)]);
    let mut big = good.clone().into_bytes();
    big.resize(MAX_BYTES as usize + 1, b' ');
    let cases: Vec<(Vec<u8>, Rejection)> = vec![
        (vec![], Rejection::Empty),
        (b"  \r\n ".to_vec(), Rejection::Empty),
        (big, Rejection::TooLarge),
        (
            vec![0x89, b'P', b'N', b'G', 0, 0xff, 0xfe],
            Rejection::NotText,
        ),
        (b"PK\x03\x04\0\0\0".to_vec(), Rejection::NotText),
        (b"\xe1\xe9 latin-1".to_vec(), Rejection::NotText),
        (
            br#"{"format":"otra-app","version":1}"#.to_vec(),
            Rejection::NotRecognized,
        ),
        (b"[1,2,3]".to_vec(), Rejection::NotRecognized),
        (b"{no es json".to_vec(), Rejection::NotRecognized),
        (
            b"columna_a,columna_b\n1,2\n".to_vec(),
            Rejection::NotRecognized,
        ),
        (
            good.replace("\"version\": 1", "\"version\": 2")
                .into_bytes(),
            Rejection::FutureVersion(2),
        ),
        (
            good.replace("\"percent\": 70,", "\"percent\": 70, \"extra\": 1,")
                .into_bytes(),
            Rejection::Invalid("campo faltante o desconocido (extra)".into()),
        ),
    ];
    for (bytes, want) in cases {
        let got = parse(&bytes);
        assert_eq!(
            got,
            Err(want.clone()),
            "{:?}",
            String::from_utf8_lossy(&bytes[..bytes.len().min(60)])
        );
        assert!(!want.message().is_empty());
    }
    // Out-of-range values in a well-sealed file.
    let mut a = attempt("a1", "p1", "modelo", 70);
    a.percent = 120;
    let sealed = ResultsFile::new(
        KIND_PERSON,
        1.0,
        topics(),
        vec![person("p1", "A", "León")],
        vec![a],
    );
    assert!(matches!(
        parse(sealed.to_text().as_bytes()),
        Err(Rejection::Invalid(_))
    ));
    let orphan = ResultsFile::new(
        KIND_PERSON,
        1.0,
        topics(),
        vec![],
        vec![attempt("a1", "p9", "modelo", 70)],
    );
    assert!(matches!(
        parse(orphan.to_text().as_bytes()),
        Err(Rejection::Invalid(_))
    ));
}

#[test]
fn first_release_results_are_read_without_verification() {
    let json = r#"{"nombre": "Ana López", "municipio": "León", "cargo": "Titular", "resultados": [
        {"tema": "modelo", "titulo_tema": "Modelo", "fecha": "28/11/2026 10:30", "aciertos": 9, "preguntas": 10,
         "porcentaje": 90, "aprobado": true, "version_contenido": "2026.11.1"}]}"#;
    let l = parse(json.as_bytes()).unwrap();
    assert_eq!(l.origin, Origin::Unverified);
    assert_eq!(l.people[0].name, "Ana López");
    assert_eq!(l.attempts[0].date, "28/11/2026");
    assert!(l.attempts[0].passed);
    // The same file twice counts once: its ids are derived from its content.
    let mut b = Board::new();
    b.add(l.clone());
    let again = b.add(parse(json.as_bytes()).unwrap());
    assert_eq!(
        (
            again.new_people,
            again.new_attempts,
            again.repeated_attempts
        ),
        (0, 0, 1)
    );
    assert_eq!(b.unverified_files, 2);

    let csv = "\u{feff}nombre,municipio,cargo,tema,titulo_tema,fecha,aciertos,preguntas,porcentaje,aprobado,version_contenido\r\n\"Ana López\",\"León\",\"Titular\",\"modelo\",\"Modelo\",\"28/11/2026 10:30\",9,10,90,si,\"2026.11.1\"\r\n";
    let c = parse(csv.as_bytes()).unwrap();
    assert_eq!(c.people[0].id, l.people[0].id);
    assert_eq!(
        c.attempts[0].id, l.attempts[0].id,
        "CSV and JSON of the same attempt count once"
    );
}

#[test]
fn excel_csv_with_semicolons_is_read() {
    let csv = "id_persona;id_intento;nombre;municipio;cargo;tema;titulo_tema;fecha;aciertos;preguntas;porcentaje;aprobado;version_contenido\r\np1;a1;Ana López;León;Titular;modelo;Modelo;28/11/2026;9;10;90;si;2026.11.2\r\np1;a2;Ana López;León;Titular;ordenes;Órdenes;29/11/2026;5;10;50;no;2026.11.2\r\n";
    let l = parse(csv.as_bytes()).unwrap();
    assert_eq!(l.origin, Origin::Unverified);
    assert_eq!(l.people.len(), 1);
    assert_eq!(l.attempts.len(), 2);
    assert_eq!(l.attempts[1].topic, "ordenes");
    assert!(!l.attempts[1].passed);
    // A number Excel turned into text is named in the message.
    let bad = csv.replace(";90;", ";noventa;");
    assert_eq!(
        parse(bad.as_bytes()),
        Err(Rejection::Invalid(
            "porcentaje «noventa» no es un número".into()
        ))
    );
}

#[test]
fn the_board_csv_reads_back_with_the_same_ids_and_is_formula_safe() {
    let mut b = Board::new();
    load(
        &mut b,
        &trainee("p1", "=HYPERLINK(\"x\")", "León", &[("a1", "modelo", 90)]),
    );
    load(
        &mut b,
        &trainee(
            "p2",
            "Rosa \"la güera\"",
            "Celaya",
            &[("a2", "ordenes", 40)],
        ),
    );
    let csv = b.csv();
    assert!(
        csv.starts_with('\u{feff}'),
        "BOM so Excel reads the accents"
    );
    assert!(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""));
    assert!(csv.contains("\"Rosa \"\"la güera\"\"\""));
    let back = parse(csv.as_bytes()).unwrap();
    let mut b2 = Board::new();
    b2.add(back);
    assert_eq!(b2.people_count(), 2);
    assert_eq!(b2.attempts_count(), 2);
    // Loading the CSV onto the board it came from adds nothing.
    let r = b.add(parse(csv.as_bytes()).unwrap());
    assert_eq!((r.new_people, r.new_attempts), (0, 0));
}

#[test]
fn backups_are_read_as_unverified() {
    let backup = r#"{"format": "jornada-respaldo", "version": 1, "app": "jornada", "content_version": "2026.11.2",
      "exported_at": 10.0, "checksum": "x", "profiles": [{"id": "p-ana", "name": "Ana", "municipality": "León",
      "job_title": "", "pin": null, "created_at": 1.0, "last_backup": null, "progress": {"lessons_read": {},
      "attempts": {"modelo": [{"id": "a1", "topic": "modelo", "started_at": 1.0, "finished_at": 1764291600000.0,
      "correct": 9, "total": 10, "percent": 90, "passed": true, "content_version": "2026.11.1", "answers": []}]},
      "current": {}, "set_aside": {}, "last_place": null, "review": {"modelo-p3": {"topic": "modelo", "box": 2,
      "due": 1764376400000.0, "updated_at": 1764290000000.0, "fingerprint": "0123456789abcdef"}}}}]}"#;
    let l = parse(backup.as_bytes()).unwrap();
    assert_eq!(l.origin, Origin::Backup);
    assert_eq!(l.people[0].id, "p-ana");
    assert_eq!(l.attempts[0].date, "28/11/2025");
    // The backup's review deck comes along (ids, box and dates; not the fingerprint).
    assert_eq!(
        l.review,
        vec![card("p-ana", "modelo-p3", 2, 1_764_290_000_000.0)]
    );
    assert_eq!(
        parse(
            backup
                .replace("\"version\": 1", "\"version\": 3")
                .as_bytes()
        ),
        Err(Rejection::FutureVersion(3))
    );
}

#[test]
fn merging_counts_each_person_and_attempt_once() {
    let ana = trainee(
        "p1",
        "Ana",
        "León",
        &[("a1", "modelo", 90), ("a2", "ordenes", 60)],
    );
    let rosa = trainee("p2", "Rosa", "León", &[("a3", "modelo", 50)]);
    let mut muni = Board::new();
    load(&mut muni, &ana);
    load(&mut muni, &rosa);
    let twice = load(&mut muni, &ana);
    assert_eq!(
        (
            twice.new_people,
            twice.new_attempts,
            twice.repeated_attempts
        ),
        (0, 0, 2)
    );
    assert_eq!((muni.people_count(), muni.attempts_count()), (2, 3));

    // A consolidated file plus its sources counts once.
    let consolidated = muni.consolidated(5.0).to_text();
    let c = parse(consolidated.as_bytes()).unwrap();
    assert!(c.consolidated);
    assert_eq!(c.origin, Origin::Verified);
    let mut state = Board::new();
    state.add(c);
    load(&mut state, &rosa);
    let celaya = trainee(
        "p3",
        "Lucía",
        "Celaya",
        &[("a9", "modelo", 100), ("a10", "ordenes", 80)],
    );
    load(&mut state, &celaya);
    assert_eq!((state.people_count(), state.attempts_count()), (3, 5));

    let s = state.stats();
    assert_eq!(
        (s.people, s.municipalities, s.attempts, s.completed),
        (3, 2, 5, 1)
    );
    assert_eq!(
        s.per_topic[0],
        Rate {
            label: "Modelo".into(),
            passed: 2,
            started: 3
        }
    );
    assert_eq!(s.per_topic[1].percent(), 50);
    assert_eq!(
        s.per_municipality[0],
        Rate {
            label: "Celaya".into(),
            passed: 2,
            started: 2
        }
    );
    assert_eq!(
        s.per_municipality[1],
        Rate {
            label: "León".into(),
            passed: 1,
            started: 3
        }
    );

    let pending = state.started_not_passed(&Filter::default());
    let names: Vec<(String, String, u8)> = pending
        .into_iter()
        .map(|(p, t, b)| (p.name.clone(), t.to_string(), b))
        .collect();
    assert_eq!(
        names,
        vec![
            ("Ana".into(), "Órdenes de protección".into(), 60),
            ("Rosa".into(), "Modelo".into(), 50)
        ]
    );
}

#[test]
fn the_table_keeps_the_best_attempt_and_filters_and_sorts() {
    let mut b = Board::new();
    load(
        &mut b,
        &trainee(
            "p1",
            "Zoe",
            "León",
            &[("a1", "modelo", 60), ("a2", "modelo", 90)],
        ),
    );
    load(
        &mut b,
        &trainee("p2", "ana", "Celaya", &[("a3", "ordenes", 70)]),
    );
    let rows = b.table(&Filter::default(), SortBy::Name);
    assert_eq!(rows[0].person.name, "ana");
    let zoe = &rows[1].cells["modelo"];
    assert_eq!((zoe.best, zoe.passed, zoe.attempts), (90, true, 2));
    let leon = b.table(
        &Filter {
            municipality: "León".into(),
            topic: String::new(),
        },
        SortBy::Name,
    );
    assert_eq!(leon.len(), 1);
    let ordenes = b.table(
        &Filter {
            municipality: String::new(),
            topic: "ordenes".into(),
        },
        SortBy::Name,
    );
    assert_eq!(ordenes.len(), 1);
    assert_eq!(ordenes[0].person.name, "ana");
    let by_progress = b.table(&Filter::default(), SortBy::Progress);
    assert_eq!(by_progress[0].person.name, "Zoe");
    let by_muni = b.table(&Filter::default(), SortBy::Municipality);
    assert_eq!(by_muni[0].person.municipality, "Celaya");
}

#[test]
fn cells_are_compact_with_their_detail_apart() {
    let mut b = Board::new();
    load(
        &mut b,
        &trainee(
            "p1",
            "Zoe",
            "León",
            &[
                ("a1", "modelo", 60),
                ("a2", "modelo", 90),
                ("a3", "ordenes", 50),
            ],
        ),
    );
    let row = &b.rows()[0];
    let (modelo, ordenes) = (&row.cells["modelo"], &row.cells["ordenes"]);
    assert_eq!(modelo.short(), "✓ 90 %");
    assert_eq!(ordenes.short(), "✗ 50 %");
    assert_eq!(
        modelo.detail(),
        "28/11/2026 · contenido 2026.11.2 · 2 intentos"
    );
    assert_eq!(
        ordenes.detail(),
        "28/11/2026 · contenido 2026.11.2 · 1 intento"
    );
    assert_eq!(modelo.spoken(), "aprobado, 90 %");
    assert_eq!(ordenes.spoken(), "no aprobado, 50 %");
}

#[test]
fn a_file_without_name_or_municipality_is_flagged_and_no_blank_municipality_counts() {
    let mut b = Board::new();
    load(
        &mut b,
        &trainee("p1", "Ana", "León", &[("a1", "modelo", 90)]),
    );
    load(
        &mut b,
        &trainee("p2", "Rosa", "Celaya", &[("a2", "modelo", 60)]),
    );
    load(&mut b, &trainee("p3", "", "", &[("a3", "modelo", 80)]));
    load(
        &mut b,
        &trainee("p4", "Lucía", "  ", &[("a4", "modelo", 70)]),
    );
    load(&mut b, &trainee("p5", " ", "León", &[]));
    let missing = |id: &str| {
        b.rows()
            .iter()
            .find(|r| r.person.id == id)
            .and_then(PersonRow::missing)
    };
    assert_eq!(missing("p1"), None);
    assert_eq!(missing("p3"), Some(Missing::Both));
    assert_eq!(missing("p4"), Some(Missing::Municipality));
    assert_eq!(missing("p5"), Some(Missing::Name));
    assert_eq!(
        Missing::Both.message(),
        "Archivo sin nombre: pida a la persona que escriba su nombre y lo envíe de nuevo"
    );
    assert!(Missing::Municipality
        .message()
        .starts_with("Archivo sin municipio"));
    assert_eq!(b.missing_count(), 3);
    let stats = b.stats();
    assert_eq!(stats.people, 5);
    assert_eq!(
        stats.municipalities, 2,
        "León and Celaya; blanks are not a municipality"
    );
    assert_eq!(
        b.municipalities(),
        vec!["Celaya".to_string(), "León".to_string()]
    );
    // Their attempts still count, under "(sin municipio)" in the chart.
    assert!(stats
        .per_municipality
        .iter()
        .any(|r| r.label == "(sin municipio)" && r.started == 2));
}

#[test]
fn the_same_person_under_two_names_counts_once_and_is_reported() {
    let mut b = Board::new();
    let old = ResultsFile::new(
        KIND_PERSON,
        1.0,
        topics(),
        vec![person("p1", "Ana", "León")],
        vec![attempt("a1", "p1", "modelo", 90)],
    );
    let new = ResultsFile::new(
        KIND_PERSON,
        2.0,
        topics(),
        vec![person("p1", "Ana María López", "León")],
        vec![attempt("a2", "p1", "ordenes", 90)],
    );
    // Loaded newest first: the newest name still wins.
    load(&mut b, &new.to_text());
    load(&mut b, &old.to_text());
    assert_eq!(b.people_count(), 1);
    assert_eq!(b.attempts_count(), 2);
    let c = b.conflicts();
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].shown, "Ana María López");
    assert_eq!(
        c[0].names,
        vec!["Ana".to_string(), "Ana María López".to_string()]
    );
    // Case and spacing alone are not a conflict.
    let mut b2 = Board::new();
    load(&mut b2, &trainee("p1", "Ana López", "León", &[]));
    load(&mut b2, &trainee("p1", "ana  lópez", "León", &[]));
    assert!(b2.conflicts().is_empty());
}

#[test]
fn constancia_codes_match_only_the_printed_fields() {
    let rows = [("modelo", "28/11/2026", 90u8, "2026.11.2")];
    let fields = constancia_fields(" Ana ", "León", "Titular", "modelo", &rows);
    let code = verification_code(&fields.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(code.len(), 14);
    assert_eq!(normalize_code(&code.to_lowercase().replace('-', " ")), code);
    let other = constancia_fields(
        "Ana",
        "León",
        "Titular",
        "modelo",
        &[("modelo", "28/11/2026", 91, "2026.11.2")],
    );
    assert_ne!(
        verification_code(&other.iter().map(String::as_str).collect::<Vec<_>>()),
        code
    );
    // Pinned: constancias already printed must keep checking.
    assert_eq!(
        verification_code(&[
            "Ana",
            "León",
            "",
            "modelo",
            "modelo",
            "28/11/2026",
            "90",
            "2026.11.1"
        ]),
        {
            let h = sha256_hex("Ana\u{1f}León\u{1f}\u{1f}modelo\u{1f}modelo\u{1f}28/11/2026\u{1f}90\u{1f}2026.11.1").to_uppercase();
            format!("{}-{}-{}", &h[0..4], &h[4..8], &h[8..12])
        }
    );
}

#[test]
fn the_integrity_code_covers_the_data_not_the_layout() {
    // A file re-saved by another tool (compact, fields reordered, accents escaped, CRLF and
    // tabs) still reads verified, and the same edits break every layout, a space added inside
    // a name included. Quotes and backslashes in the name test where strings end.
    let text = trainee(
        "p1",
        "Ana \"la \\ jefa\" López",
        "León",
        &[("a1", "modelo", 70)],
    );
    let file: ResultsFile = serde_json::from_str(&text).unwrap();
    let compact = serde_json::to_string(&file).unwrap();
    // `integrity` first instead of last.
    let at = text.rfind(",\n  \"integrity\"").unwrap();
    let field = text[at + 1..].trim().trim_end_matches('}').trim();
    let reordered = format!("{{\n  {field},{}\n}}", &text[1..at]);
    assert!(reordered.starts_with("{\n  \"integrity\": \"sha256:"));
    let escaped = text.replace("León", "Le\\u00f3n");
    let crlf_tabs = text.replace('\n', "\r\n").replace("  ", "\t");
    for layout in [&text, &compact, &reordered, &escaped, &crlf_tabs] {
        let l = parse(layout.as_bytes()).unwrap_or_else(|e| panic!("{e:?}: {layout}"));
        assert_eq!(l.origin, Origin::Verified);
        assert_eq!(l.people[0].name, "Ana \"la \\ jefa\" López");
        assert_eq!(l.people[0].municipality, "León");
        // The same edits break each layout, a space inside a name included.
        for (from, to) in [("70", "90"), ("López", "López "), ("jefa", "je fa")] {
            let edited = layout.replacen(from, to, 1);
            assert_ne!(&edited, layout);
            assert_eq!(
                parse(edited.as_bytes()),
                Err(Rejection::Tampered),
                "{to}: {layout}"
            );
        }
    }
}

/// Files like the benchmark's: `n` trainees of ten attempts each over 46 municipalities.
fn many(n: usize) -> Vec<Vec<u8>> {
    (0..n)
        .map(|i| {
            let id = format!("p{i}");
            let attempts: Vec<(String, &str, u8)> = (0..10)
                .map(|k| {
                    (
                        format!("a{i}-{k}"),
                        if k % 2 == 0 { "modelo" } else { "ordenes" },
                        (40 + (i + k) % 60) as u8,
                    )
                })
                .collect();
            let refs: Vec<(&str, &str, u8)> = attempts
                .iter()
                .map(|(a, t, p)| (a.as_str(), *t, *p))
                .collect();
            trainee(
                &id,
                &format!("Persona {i}"),
                &format!("Municipio {}", i % 46),
                &refs,
            )
            .into_bytes()
        })
        .collect()
}

fn load_all(files: &[Vec<u8>]) -> (Board, std::time::Duration) {
    let t = Instant::now();
    let mut b = Board::new();
    for f in files {
        b.add(parse(f).unwrap());
    }
    let _ = b.stats();
    let _ = b.table(&Filter::default(), SortBy::Name);
    (b, t.elapsed())
}

#[test]
fn two_thousand_files_merge_and_cost_grows_linearly() {
    let files = many(2000);
    let (b, _) = load_all(&files);
    assert_eq!(
        (b.people_count(), b.attempts_count(), b.files),
        (2000, 20_000, 2000)
    );
    assert_eq!(b.stats().municipalities, 46);
    // No absolute timings: twice the files may cost at most ~3x (a quadratic merge costs 4x).
    // Best of three runs, to keep a busy machine from failing the test.
    let best = |files: &[Vec<u8>]| (0..3).map(|_| load_all(files).1).min().unwrap_or_default();
    let half = best(&files[..1000]);
    let full = best(&files);
    assert!(
        full.as_secs_f64() < 3.0 * half.as_secs_f64(),
        "2,000 files took {full:?}, 1,000 took {half:?}: merging is not linear"
    );
}

#[test]
fn review_cards_round_trip_verified_and_count_per_person() {
    let cards = vec![
        card("p1", "modelo-p1", 1, 1_764_300_000_000.0),
        card("p1", "modelo-p2", 3, 1_764_300_000_000.0),
        card("p1", "modelo-p3", 0, 1_764_300_000_000.0),
    ];
    let text = with_cards("p1", "Ana", 1_764_400_000_000.0, cards.clone());
    assert!(text.contains("\"review\": ["));
    assert!(text.contains("\"box\": 3"));
    let l = parse(text.as_bytes()).unwrap();
    assert_eq!(l.origin, Origin::Verified);
    assert_eq!(l.review, cards);
    let mut board = Board::new();
    board.add(l);
    // A card that left the deck (box 0) is carried but not counted.
    assert_eq!(board.rows()[0].in_review, 2);
    assert_eq!(board.in_review_count(), 2);
}

#[test]
fn an_edited_review_card_breaks_the_integrity_code() {
    let text = with_cards(
        "p1",
        "Ana",
        1.0,
        vec![card("p1", "modelo-p1", 2, 1_764_300_000_000.0)],
    );
    for (from, to) in [
        ("\"box\": 2", "\"box\": 5"),
        ("\"question\": \"modelo-p1\"", "\"question\": \"modelo-p9\""),
        ("\"due\": 1764386400000.0", "\"due\": 1764386400001.0"),
    ] {
        assert!(text.contains(from), "{from}");
        let edited = text.replace(from, to);
        assert_eq!(parse(edited.as_bytes()), Err(Rejection::Tampered), "{to}");
    }
    // Removing the cards is an edit too.
    let start = text.find("\"review\": [").unwrap();
    let end = start + text[start..].find(']').unwrap() + 1;
    let emptied = format!("{}\"review\": []{}", &text[..start], &text[end..]);
    assert_eq!(parse(emptied.as_bytes()), Err(Rejection::Tampered));
}

#[test]
fn a_file_without_review_still_reads_verified() {
    // Written without cards, `review` is an empty list; a file written before the field
    // existed has no `review` at all: both keep the same integrity code and read.
    let text = trainee("p1", "Ana", "León", &[("a1", "modelo", 70)]);
    assert!(text.contains("\"review\": []"));
    let without = text.replace("\"review\": [],", "");
    assert!(!without.contains("review"));
    for t in [&text, &without] {
        let l = parse(t.as_bytes()).unwrap();
        assert_eq!(l.origin, Origin::Verified);
        assert!(l.review.is_empty());
        assert_eq!(l.attempts.len(), 1);
    }
    // A consolidated file with no cards reads back too.
    let mut board = Board::new();
    load(&mut board, &without);
    let again = parse(board.consolidated(2.0).to_text().as_bytes()).unwrap();
    assert_eq!(again.origin, Origin::Verified);
    assert_eq!(again.people.len(), 1);
}

#[test]
fn a_card_of_nobody_in_the_file_is_refused() {
    let text = with_cards(
        "p1",
        "Ana",
        1.0,
        vec![card("p9", "modelo-p1", 2, 1_764_300_000_000.0)],
    );
    assert!(matches!(parse(text.as_bytes()), Err(Rejection::Invalid(_))));
    let boxed = with_cards("p1", "Ana", 1.0, vec![card("p1", "modelo-p1", 9, 1.0)]);
    assert!(matches!(
        parse(boxed.as_bytes()),
        Err(Rejection::Invalid(_))
    ));
}

#[test]
fn merging_unions_cards_by_person_and_question_without_double_counting() {
    let day = 86_400_000.0;
    let t0 = 1_764_300_000_000.0;
    // Ana's first file: two questions in box 1.
    let first = with_cards(
        "p1",
        "Ana",
        t0,
        vec![
            card("p1", "modelo-p1", 1, t0),
            card("p1", "modelo-p2", 1, t0),
        ],
    );
    // Her later file: p1 answered right (box 2), p2 left the deck, p3 newly missed.
    let later = with_cards(
        "p1",
        "Ana",
        t0 + 5.0 * day,
        vec![
            card("p1", "modelo-p1", 2, t0 + 2.0 * day),
            card("p1", "modelo-p2", 0, t0 + 3.0 * day),
            card("p1", "modelo-p3", 1, t0 + 4.0 * day),
        ],
    );
    // Rosa: one card with the same question id as Ana's (another person: another card).
    let rosa = with_cards("p2", "Rosa", t0, vec![card("p2", "modelo-p1", 1, t0)]);
    let in_review = |b: &Board| -> Vec<(String, usize)> {
        b.rows()
            .iter()
            .map(|r| (r.person.name.clone(), r.in_review))
            .collect()
    };
    let expected = vec![("Ana".to_string(), 2), ("Rosa".to_string(), 1)];
    // Either order, and sending a file twice, gives the same counts: the newest copy wins.
    for order in [[&first, &later, &rosa], [&later, &rosa, &first]] {
        let mut board = Board::new();
        for f in order {
            load(&mut board, f);
        }
        load(&mut board, &later);
        assert_eq!(in_review(&board), expected);
        assert_eq!(board.in_review_count(), 3);
        // The consolidated file carries the cards (including the one that left, so an older
        // file cannot bring it back) and reads back with the same counts.
        let consolidated = board.consolidated(t0 + 6.0 * day);
        assert_eq!(consolidated.review.len(), 4);
        let box_of = |q: &str| {
            consolidated
                .review
                .iter()
                .find(|c| c.person == "p1" && c.question == q)
                .map(|c| c.leitner_box)
        };
        assert_eq!(
            (box_of("modelo-p1"), box_of("modelo-p2")),
            (Some(2), Some(0))
        );
        let mut state = Board::new();
        load(&mut state, &consolidated.to_text());
        load(&mut state, &first);
        assert_eq!(in_review(&state), expected);
    }
}

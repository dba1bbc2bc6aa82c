//! Every validation rule has a failing fixture: the valid fixture in `fixtures/valid/` with one
//! edit. Each case asserts the file, the line and the Spanish message an author would see.

use std::fs;
use std::path::{Path, PathBuf};

const VALID: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valid");

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            fs::copy(e.path(), dest).unwrap();
        }
    }
}

/// A copy of the valid fixture in a fresh temp folder.
fn fixture(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("curriculum-rules-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    copy_dir(Path::new(VALID), &dir);
    dir
}

fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let p = dir.join(file);
    let text = fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{file} does not contain {from:?}");
    fs::write(&p, text.replacen(from, to, 1)).unwrap();
}

/// Applies one edit and asserts exactly the expected diagnostics (file suffix, line, message part).
fn case(name: &str, file: &str, from: &str, to: &str, expected: &[(&str, usize, &str)]) {
    case_n(name, file, from, to, 1, expected);
}

/// Like [`case`], for an edit applied to the first `n` occurrences of `from`.
fn case_n(
    name: &str,
    file: &str,
    from: &str,
    to: &str,
    n: usize,
    expected: &[(&str, usize, &str)],
) {
    let dir = fixture(name);
    let p = dir.join(file);
    let text = fs::read_to_string(&p).unwrap();
    assert!(
        text.matches(from).count() >= n,
        "{file}: fewer than {n} of {from:?}"
    );
    fs::write(&p, text.replacen(from, to, n)).unwrap();
    let errs = curriculum::load(&dir).expect_err(&format!("{name}: the broken fixture must fail"));
    let got: Vec<String> = errs.iter().map(|d| d.to_string()).collect();
    assert_eq!(errs.len(), expected.len(), "{name}: {got:#?}");
    for (d, (f, line, msg)) in errs.iter().zip(expected) {
        assert!(
            d.file.ends_with(f),
            "{name}: file {} != {f}",
            d.file.display()
        );
        assert_eq!(d.line, *line, "{name}: line of {d}");
        assert!(
            d.message.contains(msg),
            "{name}: {:?} lacks {msg:?}",
            d.message
        );
        assert!(!d.hint.is_empty(), "{name}: every error has a hint");
    }
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn valid_fixture_loads() {
    let c = curriculum::load(Path::new(VALID)).expect("valid fixture");
    assert_eq!(c.topics[0].lessons.len(), 2);
    assert_eq!(c.topics[0].minutes, 12);
    assert_eq!(c.glossary[0].first_lesson.as_deref(), Some("uno-a"));
    let html = &c.topics[0].lessons[0].html;
    assert!(html.contains("href=\"/tema/uno/leccion/uno-b#caso-b\""));
    assert!(html.contains("href=\"/glosario#termino\""));
    assert!(html.contains("href=\"/ayuda\""));
}

#[test]
fn duplicate_lesson_id() {
    case(
        "dup-lesson",
        "uno/02-b.md",
        "id = \"uno-b\"",
        "id = \"uno-a\"",
        &[
            // The link to uno-b#caso-b breaks too, since uno-b no longer exists.
            ("uno/01-a.md", 12, "no existe la lección `uno-b`"),
            ("uno/02-b.md", 2, "id de lección repetido `uno-a`"),
            ("uno/preguntas.toml", 28, "no existe la lección `uno-b`"),
        ],
    );
}

#[test]
fn duplicate_question_id() {
    case(
        "dup-question",
        "uno/preguntas.toml",
        "id = \"uno-vf\"",
        "id = \"uno-plazo\"",
        &[(
            "uno/preguntas.toml",
            22,
            "id de pregunta repetido `uno-plazo`",
        )],
    );
}

#[test]
fn unknown_key_in_topic() {
    case(
        "unknown-key",
        "uno/tema.toml",
        "sesion = 1",
        "sesion = 1\nduracion = 3",
        &[("uno/tema.toml", 4, "clave desconocida `duracion`")],
    );
}

#[test]
fn unknown_key_in_front_matter() {
    case(
        "unknown-fm-key",
        "uno/01-a.md",
        "minutos = 5",
        "minutos = 5\nautor = \"x\"",
        &[("uno/01-a.md", 5, "clave desconocida `autor`")],
    );
}

#[test]
fn question_without_correct_answer() {
    case(
        "no-answer",
        "uno/preguntas.toml",
        "respuesta = [\"b\"]\n",
        "",
        &[("uno/preguntas.toml", 2, "no tiene respuesta correcta")],
    );
}

#[test]
fn answer_not_among_options() {
    case(
        "answer-not-option",
        "uno/preguntas.toml",
        "respuesta = [\"b\"]",
        "respuesta = [\"c\"]",
        &[(
            "uno/preguntas.toml",
            5,
            "la respuesta `c` no está entre las opciones",
        )],
    );
}

#[test]
fn question_without_explanation() {
    case(
        "no-explanation",
        "uno/preguntas.toml",
        "explicacion = \"Son 4 horas.\"\n",
        "",
        &[("uno/preguntas.toml", 2, "no tiene explicación")],
    );
}

#[test]
fn question_without_source() {
    case(
        "no-source",
        "uno/preguntas.toml",
        "fuentes = [\"OP-03\"]\nseccion = \"uno-a#plazos\"",
        "seccion = \"uno-a#plazos\"",
        &[("uno/preguntas.toml", 2, "no cita fuente")],
    );
}

#[test]
fn scored_answer_on_low_confidence_fact() {
    case(
        "baja-scored",
        "uno/preguntas.toml",
        "fuentes = [\"OP-03\"]",
        "fuentes = [\"M-12\"]",
        &[("uno/preguntas.toml", 7, "confianza baja")],
    );
}

#[test]
fn unknown_fact() {
    case(
        "unknown-fact",
        "uno/02-b.md",
        "fuentes = [\"OP-03\"]",
        "fuentes = [\"ZZ-99\"]",
        &[("uno/02-b.md", 5, "el hecho `ZZ-99` no existe")],
    );
}

#[test]
fn option_without_feedback() {
    case(
        "no-feedback",
        "uno/preguntas.toml",
        "retro = \"Era el plazo antiguo.\"\n",
        "",
        &[("uno/preguntas.toml", 11, "no tiene retroalimentación")],
    );
}

#[test]
fn missing_lesson_file() {
    case(
        "missing-lesson",
        "uno/tema.toml",
        "\"02-b.md\"",
        "\"02-c.md\"",
        &[
            ("uno/01-a.md", 12, "no existe la lección `uno-b`"),
            ("uno/preguntas.toml", 28, "no existe la lección `uno-b`"),
            ("uno/tema.toml", 7, "falta el archivo"),
        ],
    );
}

#[test]
fn broken_internal_links() {
    case(
        "broken-link",
        "uno/01-a.md",
        "(glosario:termino)",
        "(glosario:no-existe)",
        &[
            (
                "uno/01-a.md",
                8,
                "el término `no-existe` no está en el glosario",
            ),
            // With its only link broken, the term is now linked from nowhere.
            ("uno/glosario.toml", 2, "no se enlaza desde ninguna lección"),
        ],
    );
    case(
        "broken-anchor",
        "uno/01-a.md",
        "leccion:uno-b#caso-b",
        "leccion:uno-b#nada",
        &[("uno/01-a.md", 12, "no tiene la sección `#nada`")],
    );
    case(
        "broken-section",
        "uno/preguntas.toml",
        "seccion = \"uno-a#plazos\"",
        "seccion = \"uno-a#plazo\"",
        &[("uno/preguntas.toml", 8, "no tiene la sección `#plazo`")],
    );
}

#[test]
fn raw_html_and_unsafe_links_are_refused() {
    case("raw-html", "uno/02-b.md", "Otra historia ficticia.", "Otra <img src=x onerror=alert(1)> historia.\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))", &[
        ("uno/02-b.md", 12, "contiene HTML"),
        ("uno/02-b.md", 14, "contiene HTML"),
        ("uno/02-b.md", 16, "enlace no permitido `javascript:alert(1)`"),
    ]);
}

#[test]
fn images_are_refused() {
    case(
        "image",
        "uno/02-b.md",
        "Otra historia ficticia.",
        "![foto](https://example.org/x.png)",
        &[("uno/02-b.md", 12, "no admiten imágenes")],
    );
}

#[test]
fn section_without_anchor_and_missing_required_sections() {
    case(
        "no-anchor",
        "uno/02-b.md",
        "## Para recordar {#para-recordar}",
        "## Para recordar",
        &[
            ("uno/02-b.md", 7, "no tiene la sección «Para recordar»"),
            ("uno/02-b.md", 14, "la sección no tiene ancla"),
        ],
    );
    case(
        "no-case",
        "uno/02-b.md",
        "{#caso-b}",
        "{#historia}",
        &[
            ("uno/01-a.md", 12, "no tiene la sección `#caso-b`"),
            ("uno/02-b.md", 7, "no tiene un caso práctico"),
            ("uno/preguntas.toml", 28, "no tiene la sección `#caso-b`"),
        ],
    );
}

#[test]
fn true_false_needs_v_and_f() {
    case(
        "tf-options",
        "uno/preguntas.toml",
        "id = \"f\"",
        "id = \"x\"",
        &[(
            "uno/preguntas.toml",
            22,
            "exactamente las opciones `v` y `f`",
        )],
    );
}

#[test]
fn bank_smaller_than_quiz() {
    case(
        "small-bank",
        "uno/tema.toml",
        "preguntas_por_intento = 4",
        "preguntas_por_intento = 21",
        &[(
            "uno/preguntas.toml",
            1,
            "el banco tiene 20 preguntas y cada intento saca 21",
        )],
    );
}

#[test]
fn unlinked_glossary_term_and_bad_pass_mark() {
    case(
        "pass-mark",
        "curriculum.toml",
        "aprobatorio = 80",
        "aprobatorio = 180",
        &[("curriculum.toml", 4, "entre 1 y 100")],
    );
}

#[test]
fn toml_syntax_error_names_line() {
    case(
        "syntax",
        "uno/preguntas.toml",
        "texto = \"4 horas\"",
        "texto = \"4 horas",
        &[("uno/preguntas.toml", 18, "no se puede leer")],
    );
}

#[test]
fn every_error_is_reported_at_once() {
    let dir = fixture("many");
    edit(
        &dir,
        "uno/preguntas.toml",
        "respuesta = [\"b\"]",
        "respuesta = []",
    );
    edit(&dir, "uno/02-b.md", "Otra historia ficticia.", "<b>x</b>");
    edit(&dir, "uno/tema.toml", "sesion = 1", "sesion = 1\nextra = 1");
    let errs = curriculum::load(&dir).unwrap_err();
    let files: Vec<String> = errs
        .iter()
        .map(|d| d.file.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        files,
        ["02-b.md", "02-b.md", "preguntas.toml", "tema.toml"],
        "{errs:#?}"
    );
    let _ = fs::remove_dir_all(&dir);
}

// The bank rules. The valid fixture's bank sits exactly inside them: 20 questions, 8 cases (40 %),
// the correct option longest in 7 of 19 single-answer questions (37 %), no absolute word.

#[test]
fn bank_stats_of_the_valid_fixture() {
    let c = curriculum::load(Path::new(VALID)).expect("valid fixture");
    let s = curriculum::bank::stats(&c.topics[0].questions);
    assert_eq!((s.questions, s.applied, s.single), (20, 8, 19));
    assert_eq!(s.longest_correct.len(), 7);
    assert_eq!(s.rank_counts, [7, 8, 4]);
    assert_eq!((s.absolute_options, s.absolute_correct), (0, 0));
}

#[test]
fn bank_needs_twenty_questions() {
    let dir = fixture("bank-19");
    let p = dir.join("uno/preguntas.toml");
    let text = fs::read_to_string(&p).unwrap();
    let last = text.rfind("[[pregunta]]").unwrap();
    fs::write(&p, &text[..last]).unwrap();
    let errs = curriculum::load(&dir).expect_err("19 questions must fail");
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(errs[0].line, 1);
    assert!(errs[0]
        .message
        .contains("el banco tiene 19 preguntas; se necesitan al menos 20"));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn bank_needs_forty_percent_applied() {
    case(
        "bank-applied",
        "uno/preguntas.toml",
        "tipo = \"caso\"\ncaso = ",
        "tipo = \"unica\"\n# caso = ",
        &[(
            "uno/preguntas.toml",
            1,
            "solo 7 de 20 preguntas son casos aplicados (35 %); se necesita al menos 40 %",
        )],
    );
}

#[test]
fn each_attempt_needs_three_cases() {
    case(
        "bank-per-attempt",
        "uno/tema.toml",
        "preguntas_por_intento = 4",
        "preguntas_por_intento = 2",
        &[(
            "uno/preguntas.toml",
            1,
            "cada intento debe incluir al menos 3 casos aplicados, y el banco tiene 8 casos con 2 preguntas por intento",
        )],
    );
}

#[test]
fn correct_option_may_not_be_the_longest_too_often() {
    case(
        "bank-longest",
        "uno/preguntas.toml",
        "texto = \"Respuesta correcta del caso 5\"",
        "texto = \"Respuesta correcta del caso 5, ahora mucho más larga que las otras dos\"",
        &[(
            "uno/preguntas.toml",
            1,
            "la opción correcta es la más larga en 8 de 19 preguntas de respuesta única (43 %); el máximo es 40 %",
        )],
    );
}

#[test]
fn absolute_words_may_not_mark_the_wrong_options() {
    case_n(
        "bank-absolute",
        "uno/preguntas.toml",
        "texto = \"Distractor",
        "texto = \"Nunca: distractor",
        3,
        &[(
            "uno/preguntas.toml",
            1,
            "3 opciones llevan palabras absolutas",
        )],
    );
    // Used in right answers too, the same words give nothing away.
    let dir = fixture("bank-absolute-balanced");
    let p = dir.join("uno/preguntas.toml");
    let text = fs::read_to_string(&p)
        .unwrap()
        .replacen("texto = \"Distractor", "texto = \"Nunca: distractor", 3)
        .replacen("texto = \"Correcta 4\"", "texto = \"Nunca, correcta 4\"", 1);
    fs::write(&p, text).unwrap();
    curriculum::load(&dir).expect("1 correct of 4 absolute options is allowed");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_case_carries_its_situation() {
    let situation = "caso = \"Una mujer llega a la instancia municipal y cuenta una situación de riesgo número 1.\"";
    for (name, to) in [
        ("case-empty", "caso = \"\""),
        ("case-blank", "caso = \"   \""),
        ("case-short", "caso = \"Una mujer llega.\""),
    ] {
        case(
            name,
            "uno/preguntas.toml",
            situation,
            to,
            &[(
                "uno/preguntas.toml",
                41,
                "la pregunta de caso `uno-caso-1` no describe el caso",
            )],
        );
    }
    case(
        "case-missing",
        "uno/preguntas.toml",
        situation,
        "",
        &[(
            "uno/preguntas.toml",
            41,
            "la pregunta de caso `uno-caso-1` no describe el caso",
        )],
    );
}

#[test]
fn a_lesson_is_new_in_a_published_version() {
    for (name, version) in [("since-future", "9999.1.1"), ("since-malformed", "pronto")] {
        case(
            name,
            "uno/02-b.md",
            "minutos = 7",
            &format!("minutos = 7\nnueva_en = \"{version}\""),
            &[("uno/02-b.md", 5, "no es una versión de contenido publicada")],
        );
    }
    let dir = fixture("since-ok");
    edit(
        &dir,
        "uno/02-b.md",
        "minutos = 7",
        "minutos = 7\nnueva_en = \"0.9\"",
    );
    let c = curriculum::load(&dir).expect("an earlier version is fine");
    assert_eq!(c.topics[0].lessons[1].since.as_deref(), Some("0.9"));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn the_correct_option_does_not_sit_at_one_length_rank_too_often() {
    // Two more keys in second place: 10 of 19 (53 %) are the second longest.
    let dir = fixture("bank-rank");
    edit(
        &dir,
        "uno/preguntas.toml",
        "texto = \"Correcta 7\"",
        "texto = \"Correcta de la pregunta 7 mediana\"",
    );
    edit(
        &dir,
        "uno/preguntas.toml",
        "texto = \"Correcta 8\"",
        "texto = \"Correcta de la pregunta 8 mediana\"",
    );
    let errs = curriculum::load(&dir).expect_err("a cue by rank must fail");
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(errs[0].line, 1);
    assert!(
        errs[0].message.contains(
            "la opción correcta es la 2.ª más larga en 10 de 19 preguntas de respuesta única"
        ),
        "{}",
        errs[0].message
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn every_wrong_single_answer_option_names_its_mistake() {
    case(
        "mistake-missing",
        "uno/preguntas.toml",
        "retro = \"No: revise el plazo.\"\nerror = \"autoridad\"\n",
        "retro = \"No: revise el plazo.\"\n",
        &[(
            "uno/preguntas.toml",
            56,
            "la opción incorrecta `b` de `uno-caso-1` no dice qué error representa",
        )],
    );
    case(
        "mistake-unknown",
        "uno/preguntas.toml",
        "error = \"autoridad\"",
        "error = \"descuido\"",
        &[(
            "uno/preguntas.toml",
            59,
            "`error = \"descuido\"` de la opción `b` de `uno-caso-1` no es un tipo de error conocido",
        )],
    );
    case(
        "mistake-on-key",
        "uno/preguntas.toml",
        "retro = \"Correcto.\"\n\n[[pregunta.opcion]]\nid = \"b\"\ntexto = \"Distractor del caso 1\"",
        "retro = \"Correcto.\"\nerror = \"momento\"\n\n[[pregunta.opcion]]\nid = \"b\"\ntexto = \"Distractor del caso 1\"",
        &[(
            "uno/preguntas.toml",
            54,
            "la opción `a` de `uno-caso-1` es correcta y tiene `error`",
        )],
    );
}

#[test]
fn at_most_one_openly_unsafe_option_per_question() {
    let dir = fixture("mistake-two-unsafe");
    edit(
        &dir,
        "uno/preguntas.toml",
        "error = \"autoridad\"",
        "error = \"riesgo\"",
    );
    curriculum::load(&dir).expect("one unsafe option is allowed");
    edit(
        &dir,
        "uno/preguntas.toml",
        "error = \"alcance\"",
        "error = \"riesgo\"",
    );
    let errs = curriculum::load(&dir).expect_err("two unsafe options must fail");
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(errs[0].line, 41);
    assert!(
        errs[0]
            .message
            .contains("la pregunta `uno-caso-1` tiene 2 opciones de `riesgo` (b, c)"),
        "{}",
        errs[0].message
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn reasons_may_not_mark_the_keyed_or_the_wrong_options() {
    // Reasons on four keys and on no wrong option: 21 % against 0 %.
    let dir = fixture("reason-gap");
    for n in 1..=4 {
        edit(
            &dir,
            "uno/preguntas.toml",
            &format!("texto = \"Respuesta correcta del caso {n}, la más larga\""),
            &format!("texto = \"Respuesta correcta del caso {n}, porque es la más larga\""),
        );
    }
    let errs = curriculum::load(&dir).expect_err("a reason cue must fail");
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(errs[0].line, 1);
    assert!(
        errs[0].message.contains(
            "dan una razón (porque, ya que, para que…) el 21 % de las opciones correctas y el 0 % de las incorrectas"
        ),
        "{}",
        errs[0].message
    );
    let s = curriculum::bank::stats(
        &curriculum::load::load_for_stats(&dir).unwrap().0.topics[0].questions,
    );
    assert_eq!((s.reason_correct, s.reason_wrong, s.wrong), (4, 0, 55));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_reader_who_drops_reasons_scores_near_chance() {
    // Every wrong option of cases 2 and 3 explains itself, and so do all four options of case
    // 1: the shares are close (5 % and 16 %), but dropping the reasons finds two keys for free.
    let dir = fixture("reason-reader");
    for n in 1..=3 {
        edit(
            &dir,
            "uno/preguntas.toml",
            &format!("texto = \"Distractor del caso {n}\""),
            &format!("texto = \"Distractor del caso {n}, ya que urge\""),
        );
        edit(
            &dir,
            "uno/preguntas.toml",
            &format!("texto = \"Otro distractor {n}\""),
            &format!("texto = \"Otro distractor {n} para que conste\""),
        );
    }
    case_edit_n(&dir, "texto = \"Otra d\"", "texto = \"Otra d, pues\"", 3);
    edit(
        &dir,
        "uno/preguntas.toml",
        "texto = \"Respuesta correcta del caso 1, la más larga\"",
        "texto = \"Respuesta correcta del caso 1, porque es la más larga\"",
    );
    let errs = curriculum::load(&dir).expect_err("a reader above 30 % must fail");
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(errs[0].line, 1);
    assert!(
        errs[0].message.contains(
            "quien descarta toda opción que da una razón, sin saber nada del tema, acierta el 34 % de las preguntas de respuesta única; el máximo es 30 %"
        ),
        "{}",
        errs[0].message
    );
    let _ = fs::remove_dir_all(&dir);
}

fn case_edit_n(dir: &Path, from: &str, to: &str, n: usize) {
    let p = dir.join("uno/preguntas.toml");
    let text = fs::read_to_string(&p).unwrap();
    assert!(text.matches(from).count() >= n);
    fs::write(&p, text.replacen(from, to, n)).unwrap();
}

#[test]
fn mistakes_reach_the_model_and_the_stats_show_the_reason_reader() {
    let c = curriculum::load(Path::new(VALID)).expect("valid fixture");
    let q = c.topics[0]
        .questions
        .iter()
        .find(|q| q.id == "uno-caso-1")
        .unwrap();
    let kinds: Vec<_> = q.options.iter().map(|o| o.error.map(|m| m.id())).collect();
    assert_eq!(
        kinds,
        [None, Some("autoridad"), Some("alcance"), Some("requisito")]
    );
    let s = curriculum::bank::stats(&c.topics[0].questions);
    // 18 questions of four options at chance and one of two: (18 × 25 + 50) / 19.
    assert!(
        (s.reason_reader_percent - 500.0 / 19.0).abs() < 1e-9,
        "{}",
        s.reason_reader_percent
    );
}

use std::cell::RefCell;
use std::collections::BTreeMap;

use super::*;

/// Shorthands over the active profile, for these tests.
trait Active {
    fn mark_read(&mut self, lesson: &str, at: f64) -> bool;
    fn is_read(&self, lesson: &str) -> bool;
}

impl Active for Profiles {
    fn mark_read(&mut self, lesson: &str, at: f64) -> bool {
        self.ensure_active(|| "perfil-prueba".into(), at)
            .progress
            .mark_read(lesson, at)
    }
    fn is_read(&self, lesson: &str) -> bool {
        self.active().is_some_and(|p| p.progress.is_read(lesson))
    }
}

/// An in-memory store that can fail like a browser does.
#[derive(Default)]
struct FakeKv {
    map: RefCell<BTreeMap<String, String>>,
    unavailable: bool,
    /// Writes fail with Quota once the total size would pass this many bytes.
    quota: Option<usize>,
    writes: RefCell<Vec<String>>,
}

impl FakeKv {
    fn with(key: &str, value: &str) -> Self {
        let kv = FakeKv::default();
        kv.map.borrow_mut().insert(key.into(), value.into());
        kv
    }
    fn raw(&self, key: &str) -> Option<String> {
        self.map.borrow().get(key).cloned()
    }
}

impl Kv for FakeKv {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        if self.unavailable {
            return Err(StoreError::Unavailable);
        }
        Ok(self.raw(key))
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        if self.unavailable {
            return Err(StoreError::Unavailable);
        }
        if let Some(q) = self.quota {
            let used: usize = self
                .map
                .borrow()
                .iter()
                .filter(|(k, _)| *k != key)
                .map(|(k, v)| k.len() + v.len())
                .sum();
            if used + key.len() + value.len() > q {
                return Err(StoreError::Quota);
            }
        }
        self.writes.borrow_mut().push(key.into());
        self.map.borrow_mut().insert(key.into(), value.into());
        Ok(())
    }
    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.map.borrow_mut().remove(key);
        Ok(())
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        Ok(self.map.borrow().keys().cloned().collect())
    }
}

const V1: &str = include_str!("../../tests/fixtures/progress/v1.json");
const V2: &str = include_str!("../../tests/fixtures/progress/v2.json");
const V3: &str = include_str!("../../tests/fixtures/progress/v3.json");
const V4: &str = include_str!("../../tests/fixtures/progress/v4.json");
const V5: &str = include_str!("../../tests/fixtures/progress/v5.json");
/// What the release with content version 2026.11.1 stored: real question ids of that content, a
/// finished attempt and an attempt in progress.
const RELEASE_2026_11_1: &str =
    include_str!("../../tests/fixtures/progress/release-2026.11.1.json");

fn current(raw: &str) -> Profiles {
    match decode(Some(raw)) {
        Decoded::Current(p) | Decoded::Migrated { progress: p, .. } => p,
        other => panic!("{other:?}"),
    }
}

#[test]
fn reads_the_stored_sample_of_every_schema() {
    let samples = [(1u32, V1), (2, V2), (3, V3), (4, V4), (5, V5)];
    assert_eq!(samples.len() as u32, SCHEMA, "one stored sample per schema");
    for (schema, raw) in samples {
        let ps = match decode(Some(raw)) {
            Decoded::Current(p) => {
                assert_eq!(schema, SCHEMA);
                p
            }
            Decoded::Migrated { from, progress } => {
                assert_eq!(from, schema);
                progress
            }
            other => panic!("schema {schema}: {other:?}"),
        };
        // Both samples carry the same trainee progress as the active profile.
        let p = &ps.active().expect("an active profile").progress;
        assert!(p.is_read("modelo-origen"));
        assert!(
            p.is_read("leccion-retirada"),
            "ids no longer in the content are kept"
        );
        assert_eq!(p.attempts["modelo"][0].percent, 90);
        assert_eq!(p.current["ordenes"].answers.len(), 1);
    }
}

/// What the 2026.11.2 release stored for a trainee mid-course (schema 4), written by that
/// release itself (`scripts/release-fixture.mjs` run in its checkout): modelo read and passed,
/// avgm failed with four mistakes (one on a question content 2026.12.1 retired), ordenes in
/// progress.
const RELEASE_2026_11_2: &str =
    include_str!("../../tests/fixtures/progress/release-2026.11.2.json");

#[test]
fn the_2026_11_2_release_opens_with_its_attempts_and_the_kinds_of_its_mistakes() {
    use crate::content::{loaded, CURRICULUM};
    use crate::model::mistakes::tally;
    let ps = match decode(Some(RELEASE_2026_11_2)) {
        Decoded::Migrated { from: 4, progress } => progress,
        other => panic!("{other:?}"),
    };
    let profile = ps.active().expect("her profile is active");
    assert_eq!(profile.name, "Rosa Elena Vázquez");
    let p = &profile.progress;
    let modelo = CURRICULUM.topic("modelo").unwrap();
    assert!(p.attempts["modelo"][0].passed);
    assert_eq!(p.attempts["modelo"][0].content_version, "2026.11.2");
    assert_eq!(p.current["ordenes"].answers.len(), 3);
    assert!(p.topic_status(modelo).lessons_read >= 5);

    // The failed avgm attempt kept no kinds (they did not exist); today's bank gives the kinds
    // of the three questions it still has, and the retired one is left out.
    let avgm = CURRICULUM.topic("avgm").unwrap();
    let attempt = &p.attempts["avgm"][0];
    assert!(attempt.answers.iter().all(|a| a.mistake.is_none()));
    let wrong = attempt.answers.iter().filter(|a| !a.correct).count();
    assert_eq!(wrong, 4);
    let t = tally(&attempt.answers, loaded(avgm));
    assert_eq!(t.iter().map(|m| m.count).sum::<u32>(), 3, "{t:?}");
    assert!(t.iter().all(|m| !m.sections.is_empty()));
}

#[test]
fn schema_5_keeps_the_kind_of_each_wrong_answer() {
    let ps = current(V5);
    let p = &ps.active().unwrap().progress;
    assert_eq!(
        p.current["ordenes"].answers["ordenes-q1"]
            .mistake
            .as_deref(),
        Some("autoridad")
    );
    let a = &p.attempts["modelo"][0];
    assert_eq!(a.answers[0].mistake, None, "right answers carry no kind");
    assert_eq!(a.answers[1].mistake.as_deref(), Some("momento"));
    // A schema-4 answer has no kind, and reads as before.
    let old = current(V4);
    assert!(
        old.active().unwrap().progress.attempts["modelo"][0].answers[0]
            .mistake
            .is_none()
    );
}

#[test]
fn schema_3_keeps_set_aside_runs() {
    let ps = current(V3);
    let p = &ps.active().unwrap().progress;
    assert_eq!(p.set_aside["avgm"][0].answers.len(), 1);
    // And writes them back as it read them.
    let again = current(&encode(&ps, 2.0));
    assert_eq!(again, ps);
}

#[test]
fn schema_4_keeps_the_review_deck_and_schema_3_starts_with_an_empty_one() {
    let ps = current(V4);
    let deck = &ps.active().unwrap().progress.review;
    assert_eq!(deck.0.len(), 2);
    assert_eq!(deck.in_topic("modelo"), 1);
    assert_eq!(deck.0["modelo-x"].leitner_box, 2);
    assert!(
        !deck.0["avgm-q2"].active(),
        "a card that left is kept as such"
    );
    assert_eq!(current(&encode(&ps, 2.0)), ps, "written back as read");
    // v3 -> v4 changes nothing else: the same progress with an empty deck.
    let mut from_v3 = current(V3);
    assert!(from_v3.active().unwrap().progress.review.is_empty());
    let mut without_deck = ps.clone();
    for p in without_deck.profiles.iter_mut() {
        p.progress.review = Default::default();
    }
    from_v3.merge(&without_deck);
    assert_eq!(from_v3, without_deck);
}

#[test]
fn the_current_release_migrates_with_nothing_lost() {
    let raw: serde_json::Value = serde_json::from_str(RELEASE_2026_11_1).unwrap();
    let (from, ps) = match decode(Some(RELEASE_2026_11_1)) {
        Decoded::Migrated { from, progress } => (from, progress),
        other => panic!("{other:?}"),
    };
    assert_eq!(from, 2);
    // Every value of the stored data survives: the migrated profiles serialize to the same JSON
    // (numbers compared as the f64 the app keeps them as).
    fn floats(v: serde_json::Value) -> serde_json::Value {
        use serde_json::Value::*;
        match v {
            Number(n) => serde_json::json!(n.as_f64()),
            Array(a) => Array(a.into_iter().map(floats).collect()),
            Object(o) => Object(o.into_iter().map(|(k, v)| (k, floats(v))).collect()),
            other => other,
        }
    }
    assert_eq!(
        floats(serde_json::to_value(&ps).unwrap()),
        floats(raw["data"].clone())
    );
    let p = &ps.active().unwrap().progress;
    assert_eq!(p.attempts["modelo"][0].content_version, "2026.11.1");
    assert_eq!(p.attempts["modelo"][0].answers.len(), 10);
    assert_eq!(p.current["ordenes"].answers.len(), 3);
}

#[test]
fn schema_1_becomes_one_unnamed_active_profile() {
    let ps = current(V1);
    assert_eq!(ps.profiles.len(), 1);
    assert_eq!(ps.active().unwrap().display_name(), "Perfil sin nombre");
}

#[test]
fn opening_schema_1_backs_up_the_original_before_writing_the_migration() {
    let kv = FakeKv::with(PROGRESS_KEY, V1);
    let o = open(&kv, 5.0);
    assert_eq!(o.mode, Mode::Saving);
    assert_eq!(o.notices, vec![Notice::Migrated { from: 1 }]);
    assert_eq!(
        kv.raw(BACKUP_KEY).as_deref(),
        Some(V1),
        "backup equals the original byte for byte"
    );
    assert_eq!(
        *kv.writes.borrow(),
        [BACKUP_KEY, PROGRESS_KEY],
        "backup first"
    );
    assert_eq!(
        decode(kv.raw(PROGRESS_KEY).as_deref()),
        Decoded::Current(o.progress)
    );
}

#[test]
fn migrations_cover_every_older_schema() {
    assert_eq!(MIGRATIONS.len() as u32, SCHEMA - 1);
    assert!(migrate(serde_json::json!({}), 0).is_err());
    assert!(migrate(serde_json::json!({}), SCHEMA + 1).is_err());
    assert_eq!(
        migrate(serde_json::json!({"a": 1}), SCHEMA),
        Ok(serde_json::json!({"a": 1}))
    );
}

#[test]
fn encode_then_decode_round_trips() {
    let p = current(V2);
    assert_eq!(decode(Some(&encode(&p, 5.0))), Decoded::Current(p));
}

#[test]
fn envelope_holds_only_whitelisted_fields() {
    let p = current(V2);
    let v: Value = serde_json::from_str(&encode(&p, 1.0)).unwrap();
    let keys = |v: &Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    assert_eq!(
        keys(&v),
        ["app", "data", "saved_at", "schema", "written_by"]
    );
    assert_eq!(keys(&v["data"]), ["active", "deleted", "profiles"]);
    // A profile: a display name, municipality and job title, a PIN only as a salted hash.
    assert_eq!(
        keys(&v["data"]["profiles"][0]),
        [
            "created_at",
            "id",
            "job_title",
            "last_backup",
            "municipality",
            "name",
            "pin",
            "progress"
        ]
    );
    assert_eq!(keys(&v["data"]["profiles"][1]["pin"]), ["hash", "salt"]);
    assert_eq!(
        keys(&v["data"]["profiles"][0]["progress"]),
        ["attempts", "current", "last_place", "lessons_read"]
    );
}

#[test]
fn corrupt_data_is_kept_byte_for_byte_and_never_overwritten_first() {
    for bad in [
        "{bad",
        "[]",
        r#"{"schema":1,"app":"otra","data":{}}"#,
        r#"{"schema":1,"app":"jornada"}"#,
        r#"{"schema":1,"app":"jornada","written_by":"x","saved_at":1,"data":{"lessons_read":{},"attempts":{},"current":{},"last_place":null,"extra":1}}"#,
        r#"{"schema":2,"app":"jornada","written_by":"x","saved_at":1,"data":{"profiles":[],"active":null,"deleted":[],"extra":1}}"#,
        r#"{"schema":2,"app":"jornada","written_by":"x","saved_at":1,"data":{"profiles":[{"id":"a"}],"active":null,"deleted":[]}}"#,
    ] {
        let kv = FakeKv::with(PROGRESS_KEY, bad);
        let o = open(&kv, 1234.0);
        assert_eq!(o.mode, Mode::Saving, "{bad}");
        let key = format!("{CORRUPT_PREFIX}1234");
        assert_eq!(
            o.notices,
            vec![Notice::CorruptKept {
                key: key.clone(),
                reason: match &o.notices[0] {
                    Notice::CorruptKept { reason, .. } => reason.clone(),
                    _ => unreachable!(),
                }
            }]
        );
        assert_eq!(kv.raw(&key).as_deref(), Some(bad), "copy is byte for byte");
        assert_eq!(
            kv.raw(PROGRESS_KEY).as_deref(),
            Some(bad),
            "opening alone writes nothing over it"
        );
        assert_eq!(o.progress, Profiles::default());
    }
}

#[test]
fn corrupt_data_stays_put_when_the_copy_fails() {
    let kv = FakeKv {
        quota: Some(10),
        ..FakeKv::with(PROGRESS_KEY, "{bad")
    };
    let o = open(&kv, 1.0);
    assert_eq!(o.mode, Mode::MemoryOnly(StoreError::Quota));
    let mut p = o.progress.clone();
    p.mark_read("x", 2.0);
    let (_, mode) = save(&kv, &p, &o.mode, 3.0);
    assert_eq!(mode, Mode::MemoryOnly(StoreError::Quota));
    assert_eq!(kv.raw(PROGRESS_KEY).as_deref(), Some("{bad"));
}

#[test]
fn keeps_only_the_latest_three_corrupt_copies() {
    let kv = FakeKv::default();
    for ts in [1u64, 2, 3, 4] {
        kv.map
            .borrow_mut()
            .insert(PROGRESS_KEY.into(), format!("{{bad{ts}"));
        open(&kv, (ts * 1000) as f64);
    }
    let copies: Vec<String> = kv
        .keys()
        .unwrap()
        .into_iter()
        .filter(|k| k.starts_with(CORRUPT_PREFIX))
        .collect();
    assert_eq!(
        copies,
        [
            format!("{CORRUPT_PREFIX}2000"),
            format!("{CORRUPT_PREFIX}3000"),
            format!("{CORRUPT_PREFIX}4000")
        ]
    );
}

#[test]
fn newer_schema_is_read_only() {
    let newer = r#"{"schema":99,"app":"jornada","written_by":"9.0.0","saved_at":1,"data":{"whatever":true}}"#;
    let kv = FakeKv::with(PROGRESS_KEY, newer);
    let o = open(&kv, 1.0);
    assert_eq!(o.mode, Mode::ReadOnlyNewer(99));
    let mut p = o.progress;
    p.mark_read("x", 1.0);
    let (_, mode) = save(&kv, &p, &o.mode, 2.0);
    assert_eq!(mode, Mode::ReadOnlyNewer(99));
    assert!(kv.writes.borrow().is_empty(), "no write at all");
    assert_eq!(kv.raw(PROGRESS_KEY).as_deref(), Some(newer));
}

#[test]
fn a_newer_tab_appearing_later_stops_writes() {
    let kv = FakeKv::default();
    let o = open(&kv, 1.0);
    let newer = r#"{"schema":99,"app":"jornada","written_by":"9","saved_at":1,"data":{}}"#;
    kv.map
        .borrow_mut()
        .insert(PROGRESS_KEY.into(), newer.into());
    let (_, mode) = save(&kv, &o.progress, &o.mode, 2.0);
    assert_eq!(mode, Mode::ReadOnlyNewer(99));
    assert_eq!(kv.raw(PROGRESS_KEY).as_deref(), Some(newer));
}

#[test]
fn unavailable_storage_runs_in_memory() {
    let kv = FakeKv {
        unavailable: true,
        ..Default::default()
    };
    let o = open(&kv, 1.0);
    assert_eq!(o.mode, Mode::MemoryOnly(StoreError::Unavailable));
    let mut p = o.progress;
    p.mark_read("x", 1.0);
    let (merged, mode) = save(&kv, &p, &o.mode, 2.0);
    assert!(merged.is_read("x"), "progress kept in memory");
    assert_eq!(mode, Mode::MemoryOnly(StoreError::Unavailable));
}

#[test]
fn quota_on_save_keeps_progress_in_memory() {
    let kv = FakeKv {
        quota: Some(200),
        ..Default::default()
    };
    let o = open(&kv, 1.0);
    let mut p = o.progress;
    for i in 0..20 {
        p.mark_read(&format!("leccion-{i}"), 1.0);
    }
    let (merged, mode) = save(&kv, &p, &o.mode, 2.0);
    assert_eq!(mode, Mode::MemoryOnly(StoreError::Quota));
    assert_eq!(merged.active().unwrap().progress.lessons_read.len(), 20);
    assert_eq!(kv.raw(PROGRESS_KEY), None);
}

#[test]
fn save_merges_what_another_tab_wrote() {
    let kv = FakeKv::default();
    let o = open(&kv, 1.0);
    let mut tab_a = o.progress.clone();
    let mut tab_b = o.progress.clone();
    tab_a.mark_read("a", 1.0);
    let (_, mode) = save(&kv, &tab_a, &o.mode, 2.0);
    tab_b.mark_read("b", 3.0);
    let (merged, _) = save(&kv, &tab_b, &mode, 4.0);
    assert!(merged.is_read("a") && merged.is_read("b"));
    match decode(kv.raw(PROGRESS_KEY).as_deref()) {
        Decoded::Current(p) => assert!(p.is_read("a") && p.is_read("b")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn foreign_keys_are_never_touched() {
    let kv = FakeKv::with("otra-app.datos", "intacto");
    kv.map
        .borrow_mut()
        .insert(PROGRESS_KEY.into(), "{bad".into());
    let o = open(&kv, 1.0);
    let mut p = o.progress;
    p.mark_read("x", 1.0);
    save(&kv, &p, &o.mode, 2.0);
    assert_eq!(kv.raw("otra-app.datos").as_deref(), Some("intacto"));
    assert!(kv
        .keys()
        .unwrap()
        .iter()
        .all(|k| k == "otra-app.datos" || k.starts_with("jornada.")));
}

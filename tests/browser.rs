//! Browser tests (wasm-bindgen-test in headless Chromium): the storage wrapper against the real
//! `localStorage`, and components mounted in a real document.
#![cfg(target_arch = "wasm32")]

use jornada::model::profiles::Profiles;
use jornada::storage::{self, browser, Kv, Mode, Notice, StoreError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn clear_ours() {
    let s = local();
    let keys: Vec<String> = (0..s.length().unwrap())
        .filter_map(|i| s.key(i).unwrap())
        .collect();
    for k in keys.into_iter().filter(|k| k.starts_with("jornada.")) {
        s.remove_item(&k).unwrap();
    }
}

#[wasm_bindgen_test]
fn probe_gives_a_working_store_and_leaves_no_probe_key() {
    clear_ours();
    let kv = browser::probe().expect("storage works in a normal profile");
    kv.set("jornada.prueba", "valor").unwrap();
    assert_eq!(kv.get("jornada.prueba").unwrap().as_deref(), Some("valor"));
    assert!(kv.keys().unwrap().contains(&"jornada.prueba".to_string()));
    kv.remove("jornada.prueba").unwrap();
    assert_eq!(kv.get("jornada.prueba").unwrap(), None);
    assert!(!kv.keys().unwrap().iter().any(|k| k.contains("probe")));
}

#[wasm_bindgen_test]
fn filling_storage_until_it_throws_gives_quota() {
    clear_ours();
    let kv = browser::probe().unwrap();
    let chunk = "x".repeat(1024);
    let big = chunk.repeat(512); // 512 KiB per key keeps the loop short
    let mut err = None;
    let mut written = Vec::new();
    for i in 0..200 {
        let key = format!("jornada.relleno.{i}");
        match kv.set(&key, &big) {
            Ok(()) => written.push(key),
            Err(e) => {
                // Top up with 1 KiB values to hit the limit precisely.
                let mut j = 0;
                let mut last = e;
                while j < 10_000 {
                    let key = format!("jornada.relleno.k{j}");
                    match kv.set(&key, &chunk) {
                        Ok(()) => written.push(key),
                        Err(e) => {
                            last = e;
                            break;
                        }
                    }
                    j += 1;
                }
                err = Some(last);
                break;
            }
        }
    }
    // With storage full, saving progress keeps it in memory and reports Quota.
    let mut p = Profiles::default();
    p.ensure_active(|| "perfil".into(), 1.0)
        .progress
        .mark_read("modelo-origen", 1.0);
    let (kept, mode) = storage::save(&kv, &p, &Mode::Saving, 2.0);
    for k in &written {
        kv.remove(k).unwrap();
    }
    assert_eq!(err, Some(StoreError::Quota));
    assert_eq!(mode, Mode::MemoryOnly(StoreError::Quota));
    assert!(kept.active().unwrap().progress.is_read("modelo-origen"));
}

#[wasm_bindgen_test]
fn corrupt_progress_is_copied_byte_for_byte_in_real_storage() {
    clear_ours();
    local()
        .set_item(storage::PROGRESS_KEY, "{roto\u{1F4A5}")
        .unwrap();
    local().set_item("otra-app", "intacta").unwrap();
    let kv = browser::probe().unwrap();
    let o = storage::open(&kv, 42_000.0);
    let key = match &o.notices[..] {
        [Notice::CorruptKept { key, .. }] => key.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        local().get_item(&key).unwrap().as_deref(),
        Some("{roto\u{1F4A5}")
    );
    let mut p = o.progress;
    p.ensure_active(|| "perfil".into(), 1.0)
        .progress
        .mark_read("x", 1.0);
    let (_, mode) = storage::save(&kv, &p, &o.mode, 43_000.0);
    assert_eq!(mode, Mode::Saving);
    assert_eq!(
        local().get_item("otra-app").unwrap().as_deref(),
        Some("intacta")
    );
    local().remove_item("otra-app").unwrap();
    clear_ours();
}

#[wasm_bindgen_test]
async fn the_app_mounts_and_lists_five_topics() {
    clear_ours();
    let doc = web_sys::window().unwrap().document().unwrap();
    let host = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), jornada::app::App);
    // Let the router render.
    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL))
        .await
        .unwrap();
    let cards = host.query_selector_all(".tarjeta-tema").unwrap();
    assert_eq!(cards.length(), 5);
    assert!(host.text_content().unwrap().contains("Salida rápida"));
    drop(handle);
}

use wasm_bindgen::JsCast;

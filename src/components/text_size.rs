//! The app's own text-size control: three sizes, applied as a class on `<html>` and remembered in
//! `localStorage` (`jornada.prefs.texto`) when the browser lets us store anything. On a
//! prerendered page, index.html's inline scripts apply the remembered size before the first paint
//! and a size chosen before the app starts at once (the `data-tam` of each button), so the
//! takeover and the app's first frame keep the size she sees.

use leptos::prelude::*;

use crate::storage::browser::probe;
use crate::storage::Kv;

/// Where the choice is kept; inside the `jornada.` namespace, like everything the app stores.
pub const PREF_KEY: &str = "jornada.prefs.texto";

/// The three sizes: stored value, class on `<html>` (none for the normal size), visible label,
/// and the words a screen reader hears after the label.
const SIZES: [(&str, Option<&str>, &str, &str); 3] = [
    ("normal", None, "A", "texto normal"),
    ("grande", Some("texto-grande"), "A+", "texto grande"),
    ("mayor", Some("texto-mayor"), "A++", "texto más grande"),
];

fn stored() -> Option<String> {
    let kv = probe().ok()?;
    let v = kv.get(PREF_KEY).ok()??;
    SIZES.iter().any(|s| s.0 == v).then_some(v)
}

fn store(value: &str) {
    if let Ok(kv) = probe() {
        // A full or blocked storage only means the choice is not remembered.
        let _ = kv.set(PREF_KEY, value);
    }
}

/// The size whose class `<html>` has, if not the normal one.
fn shown() -> Option<String> {
    let root = crate::window()?.document()?.document_element()?;
    let classes = root.class_name();
    SIZES
        .iter()
        .find(|s| {
            s.1.is_some_and(|c| classes.split_whitespace().any(|x| x == c))
        })
        .map(|s| s.0.to_string())
}

/// Puts the class of `value` on `<html>`, removing the other sizes' classes and keeping the rest.
fn apply(value: &str) {
    let Some(root) = crate::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let ours: Vec<&str> = SIZES.iter().filter_map(|s| s.1).collect();
    let mut classes: Vec<String> = root
        .class_name()
        .split_whitespace()
        .filter(|c| !ours.contains(c))
        .map(str::to_string)
        .collect();
    if let Some(class) = SIZES.iter().find(|s| s.0 == value).and_then(|s| s.1) {
        classes.push(class.to_string());
    }
    root.set_class_name(&classes.join(" "));
}

/// "Tamaño del texto": A / A+ / A++, each a toggle button (`aria-pressed`).
#[component]
pub fn TextSize() -> impl IntoView {
    // What she chose, or else the size the page already shows: a size chosen on a prerendered
    // page before the app started is applied there at once by index.html's inline script.
    let current = RwSignal::new(
        stored()
            .or_else(shown)
            .unwrap_or_else(|| "normal".to_string()),
    );
    apply(&current.get_untracked());
    let buttons = SIZES
        .iter()
        .map(|&(value, _, label, words)| {
            let pressed = move || (current.get() == value).to_string();
            let choose = move |_| {
                current.set(value.to_string());
                apply(value);
                store(value);
            };
            view! {
                <button type="button" class="tam-opcion" data-tam=value aria-pressed=pressed on:click=choose>
                    {label}<span class="solo-lectores">{format!(" ({words})")}</span>
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="tam-texto" role="group" aria-labelledby="tam-texto-titulo">
            <span id="tam-texto-titulo" class="tam-titulo">"Tamaño del texto"</span>
            {buttons}
        </div>
    }
}

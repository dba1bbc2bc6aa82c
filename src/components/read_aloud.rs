//! "Escuchar": reads a lesson aloud with the browser's `speechSynthesis`, section by section,
//! marking the section being read. Shown only where the browser has speech synthesis and a
//! Spanish voice (es-MX preferred, see `model::speech::pick_voice`). It stops when the page
//! changes and on quick exit.
//!
//! One reading at a time: its state lives in a thread-local (the utterances, where it is, the
//! marked elements), bumped by a generation counter so callbacks of a cancelled utterance do
//! nothing.

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice};

use crate::model::speech::{pick_voice, script, Part, VoiceInfo};

/// What the controls show: reading (or paused) and which part. Plain `bool`/`String` signals,
/// types the app already uses, so no new signal code is generated for them (smaller wasm).
#[derive(Clone, Copy)]
struct Controls {
    active: RwSignal<bool>,
    paused: RwSignal<bool>,
    label: RwSignal<String>,
}

/// The speeds offered: the `<option>` value, the rate and the label. Chosen by index, so no
/// float is parsed or printed (that code would otherwise be linked into the wasm).
const SPEEDS: [(&str, f32, &str); 4] = [
    ("0", 0.75, "Lenta"),
    ("1", 1.0, "Normal"),
    ("2", 1.25, "Rápida"),
    ("3", 1.5, "Muy rápida"),
];

struct Session {
    generation: u32,
    lines: Vec<(usize, String)>,
    parts: Vec<(String, Vec<Element>)>,
    pos: usize,
    controls: Controls,
}

thread_local! {
    static SESSION: RefCell<Option<Session>> = const { RefCell::new(None) };
    static GENERATION: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    /// The chosen speed (index into [`SPEEDS`]), kept for the next reading.
    static SPEED: std::cell::Cell<usize> = const { std::cell::Cell::new(1) };
}

/// The browser's synthesizer, if it has one (read as a property: absent in some browsers).
fn synth() -> Option<SpeechSynthesis> {
    let w = crate::window()?;
    let s = js_sys::Reflect::get(&w, &"speechSynthesis".into()).ok()?;
    (!s.is_undefined() && !s.is_null()).then(|| s.unchecked_into())
}

/// The voice to use, if a Spanish one exists.
fn voice(s: &SpeechSynthesis) -> Option<SpeechSynthesisVoice> {
    let voices: Vec<SpeechSynthesisVoice> =
        s.get_voices().iter().map(JsCast::unchecked_into).collect();
    let infos: Vec<VoiceInfo> = voices
        .iter()
        .map(|v| VoiceInfo {
            lang: v.lang(),
            name: v.name(),
            local: v.local_service(),
        })
        .collect();
    pick_voice(&infos).map(|i| voices[i].clone())
}

const MARK: &str = "data-leyendo";

fn mark(parts: &[(String, Vec<Element>)], current: Option<usize>) {
    for (i, (_, els)) in parts.iter().enumerate() {
        for e in els {
            let _ = if Some(i) == current {
                e.set_attribute(MARK, "")
            } else {
                e.remove_attribute(MARK)
            };
        }
    }
}

/// The lesson's parts from the rendered text: the introduction (what comes before the first
/// `section.seccion`), then each section with its `h2` title.
fn parts_of(container: &Element) -> Vec<(Part, Vec<Element>)> {
    let text = |e: &Element| {
        e.dyn_ref::<web_sys::HtmlElement>()
            .map(|h| h.inner_text())
            .unwrap_or_default()
    };
    let children = |e: &Element, sel: &str| -> Vec<Element> {
        e.query_selector_all(sel)
            .map(|l| {
                (0..l.length())
                    .filter_map(|i| l.item(i)?.dyn_into::<Element>().ok())
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut intro = (
        Part {
            title: String::new(),
            blocks: vec![],
        },
        vec![],
    );
    let mut out = vec![];
    for child in children(container, ":scope > *") {
        if child.tag_name().eq_ignore_ascii_case("section") {
            let title = child
                .query_selector("h2")
                .ok()
                .flatten()
                .map(|h| text(&h))
                .unwrap_or_default();
            let blocks = children(&child, ":scope > :not(h2)")
                .iter()
                .map(text)
                .collect();
            out.push((Part { title, blocks }, vec![child]));
        } else {
            intro.0.blocks.push(text(&child));
            intro.1.push(child);
        }
    }
    if !intro.1.is_empty() {
        out.insert(0, intro);
    }
    out
}

/// Stops any reading: cancels speech and clears the mark. Called on quick exit and when the
/// lesson page goes away.
pub fn stop() {
    GENERATION.with(|g| g.set(g.get().wrapping_add(1)));
    if let Some(s) = synth() {
        s.cancel();
    }
    if let Some(session) = SESSION.with(|s| s.borrow_mut().take()) {
        mark(&session.parts, None);
        session.controls.active.try_set(false);
        session.controls.paused.try_set(false);
        session.controls.label.try_set(String::new());
    }
}

/// Speaks the current line of the session, or ends the reading after the last.
fn speak_current() {
    let Some(s) = synth() else { return stop() };
    let next = SESSION.with(|cell| {
        let cell = cell.borrow();
        let session = cell.as_ref()?;
        let (part, text) = session.lines.get(session.pos)?.clone();
        mark(&session.parts, Some(part));
        // Entering a new part: bring it into view, so the listener can follow with her eyes.
        let entering = session.pos == 0 || session.lines[session.pos - 1].0 != part;
        if entering {
            if let Some(e) = session.parts[part].1.first() {
                e.scroll_into_view_with_bool(true);
            }
        }
        let title = &session.parts[part].0;
        session.controls.label.try_set(if title.is_empty() {
            "Leyendo la introducción".to_string()
        } else {
            format!("Leyendo: {title}")
        });
        Some((
            session.generation,
            session.pos,
            text,
            SPEEDS[SPEED.with(|r| r.get()).min(SPEEDS.len() - 1)].1,
        ))
    });
    let Some((generation, pos, text, rate)) = next else {
        return stop();
    };
    let Ok(u) = SpeechSynthesisUtterance::new_with_text(&text) else {
        return stop();
    };
    match voice(&s) {
        Some(v) => {
            u.set_lang(&v.lang());
            u.set_voice(Some(&v));
        }
        None => u.set_lang("es-MX"),
    }
    u.set_rate(rate);
    let on_end = Closure::once_into_js(move || {
        let current = SESSION.with(|cell| {
            let mut cell = cell.borrow_mut();
            match cell.as_mut() {
                Some(s) if s.generation == generation && s.pos == pos => {
                    s.pos += 1;
                    true
                }
                _ => false,
            }
        });
        if current {
            speak_current();
        }
    });
    u.set_onend(Some(on_end.unchecked_ref()));
    s.speak(&u);
}

/// Starts reading the lesson in `container` from the top.
fn start(container: &Element, title: &str, controls: Controls) {
    stop();
    let found = parts_of(container);
    let parts: Vec<Part> = found
        .iter()
        .map(|(p, _)| Part {
            title: p.title.clone(),
            blocks: p.blocks.clone(),
        })
        .collect();
    let generation = GENERATION.with(|g| g.get());
    SESSION.with(|s| {
        *s.borrow_mut() = Some(Session {
            generation,
            lines: script(title, &parts),
            parts: found.into_iter().map(|(p, e)| (p.title, e)).collect(),
            pos: 0,
            controls,
        })
    });
    controls.active.set(true);
    controls.paused.set(false);
    speak_current();
}

/// Changes the speed; a line being read starts again at the new speed.
fn set_speed(index: usize) {
    SPEED.with(|r| r.set(index.min(SPEEDS.len() - 1)));
    let playing = SESSION.with(|cell| {
        let cell = cell.borrow();
        let s = cell.as_ref()?;
        Some(!s.controls.paused.get_untracked())
    });
    if playing == Some(true) {
        let generation = GENERATION.with(|g| {
            g.set(g.get().wrapping_add(1));
            g.get()
        });
        SESSION.with(|cell| {
            if let Some(s) = cell.borrow_mut().as_mut() {
                s.generation = generation;
            }
        });
        if let Some(s) = synth() {
            s.cancel();
        }
        speak_current();
    }
}

/// The "Escuchar" controls for the lesson text in the element with id `container`.
#[component]
pub fn ReadAloud(container: &'static str, title: &'static str) -> impl IntoView {
    let available = RwSignal::new(synth().is_some_and(|s| voice(&s).is_some()));
    // Some browsers list their voices only after `voiceschanged`.
    if let Some(s) = synth() {
        if !available.get_untracked() {
            let cb = Closure::<dyn Fn()>::new(move || {
                available.try_set(synth().is_some_and(|s| voice(&s).is_some()));
            });
            s.set_onvoiceschanged(Some(cb.as_ref().unchecked_ref()));
            cb.forget();
        }
    }
    let controls = Controls {
        active: RwSignal::new(false),
        paused: RwSignal::new(false),
        label: RwSignal::new(String::new()),
    };
    let Controls {
        active,
        paused,
        label,
    } = controls;
    on_cleanup(stop);
    // Some browsers keep speaking after the page is closed or reloaded.
    thread_local!(static ON_PAGEHIDE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    if !ON_PAGEHIDE.with(|c| c.replace(true)) {
        if let Some(w) = crate::window() {
            let cb = Closure::<dyn Fn()>::new(stop);
            let _ = w.add_event_listener_with_callback("pagehide", cb.as_ref().unchecked_ref());
            cb.forget();
        }
    }
    let toggle = move |_| {
        if !active.get_untracked() {
            if let Some(el) = crate::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(container))
            {
                start(&el, title, controls);
            }
            return;
        }
        let pause = !paused.get_untracked();
        if let Some(s) = synth() {
            if pause {
                s.pause();
            } else {
                s.resume();
            }
        }
        paused.set(pause);
    };
    move || {
        available.get().then(|| {
            view! {
                <div class="escuchar" role="group" aria-label="Escuchar la lección">
                    // All three labels are there, the ones not in use hidden: the button keeps
                    // the width of the longest, so nothing beside it moves (`.escuchar-alternar`).
                    <button type="button" class="boton secundario escuchar-alternar" on:click=toggle>
                        <span class:no-usada=move || active.get()>"Escuchar"</span>
                        <span class:no-usada=move || !active.get() || paused.get()>"Pausar"</span>
                        <span class:no-usada=move || !(active.get() && paused.get())>"Continuar"</span>
                    </button>
                    <button type="button" class="boton secundario" on:click=|_| stop()
                        disabled=move || !active.get()>"Detener"</button>
                    <label class="escuchar-velocidad">"Velocidad "
                        <select on:change=move |ev| {
                            set_speed(event_target_value(&ev).parse().unwrap_or(1));
                        }>{SPEEDS
                            .iter()
                            .enumerate()
                            .map(|(i, (v, _, l))| view! { <option value=*v selected=SPEED.with(|r| r.get()) == i>{*l}</option> })
                            .collect_view()}</select>
                    </label>
                    <p class="escuchar-estado" aria-live="polite">{move || label.get()}</p>
                </div>
            }
        })
    }
}

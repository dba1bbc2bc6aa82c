//! Jornada: an offline-first self-study app for the Jornada de Actualización y Fortalecimiento
//! of the Instancias Municipales de las Mujeres of Guanajuato.

pub mod app;
pub mod components;
pub mod content;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod prerender;
pub mod pwa;
pub mod routes;
pub mod state;
pub mod storage;

/// The browser window, or `None` where there is none: the native prerender step and native
/// tests, where calling a web API would abort. Every web API call starts here.
pub fn window() -> Option<web_sys::Window> {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        None
    }
}

/// Starts the app. A prerendered page (`<div id="app" data-prerender>`, written at build time by
/// the same components) stays on screen, readable, while the topic file the route needs loads;
/// then the app renders the route into a detached `<div id="app">` and swaps it in at once, so
/// no frame shows a half-built or loading page. Marks `app-ready` for the benchmark and tests.
pub fn mount() {
    #[cfg(target_arch = "wasm32")]
    wasm_bindgen_futures::spawn_local(async {
        let path = window()
            .and_then(|w| w.location().pathname().ok())
            .unwrap_or_default();
        // In turn, but all already on their way: the page preloads them (src/bin/prerender.rs).
        for topic in route_topics(&path) {
            // A failed load is not handled here: the page shows its own message and a retry.
            let _ = content::load(topic).await;
        }
        // After the prerendered page has been painted at least once (on a fast load the wasm
        // can be ready before the first frame: the reading page must still come first), and in
        // a task of its own: the wasm's start-up and the first render are two shorter tasks.
        later(web_sys::Window::request_animation_frame).await;
        later(web_sys::Window::set_timeout_with_callback).await;
        take_over();
    });
}

/// Resolves when `schedule` calls back (at once where there is no window): the next animation
/// frame, or a later task.
#[cfg(target_arch = "wasm32")]
async fn later(
    schedule: fn(&web_sys::Window, &js_sys::Function) -> Result<i32, wasm_bindgen::JsValue>,
) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if window().is_none_or(|w| schedule(&w, &resolve).is_err()) {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The topic files a route's page needs before the app can show it as the prerendered page
/// does: its topic's under `/tema/<id>/…`, every topic's for the search.
pub fn route_topics(path: &str) -> Vec<&'static content::Topic> {
    if path.trim_end_matches('/') == routes::SEARCH {
        return content::CURRICULUM.topics.iter().collect();
    }
    path.strip_prefix("/tema/")
        .and_then(|rest| rest.split('/').next())
        .and_then(|id| content::CURRICULUM.topic(id))
        .into_iter()
        .collect()
}

#[cfg(target_arch = "wasm32")]
fn take_over() {
    use wasm_bindgen::JsCast;
    let Some(doc) = window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = doc.body() else { return };
    let Ok(root) = doc.create_element("div") else {
        return;
    };
    root.set_id("app");
    let root: web_sys::HtmlElement = root.unchecked_into();
    leptos::mount::mount_to(root.clone(), app::App).forget();
    let prerendered = doc.get_element_by_id("app");
    // Keep the keyboard focus where it was (same markup, same place in the tree).
    let focus_path = prerendered
        .as_ref()
        .and_then(|old| doc.active_element().and_then(|a| path_within(old, &a)));
    match &prerendered {
        Some(old) => {
            let _ = old.replace_with_with_node_1(&root);
        }
        None => {
            let _ = body.append_child(&root);
        }
    }
    if let Some(loading) = doc.get_element_by_id("cargando") {
        loading.remove();
    }
    // The route's view is rendered in a microtask after the mount: fields and focus are carried
    // over once it is there, before the next frame is painted; then the app counts as ready.
    leptos::prelude::request_animation_frame(move || {
        if let Some(old) = &prerendered {
            carry_over_fields(old, &doc);
        }
        if let Some(el) = focus_path
            .and_then(|p| follow_path(&root, &p))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
        if let Some(perf) = window().and_then(|w| w.performance()) {
            let _ = perf.mark("app-ready");
        }
        let _ = body.set_attribute("data-app-ready", "1");
        // A button she pressed before: in a task after this frame, so the app's page is painted
        // as it was (no shift from the takeover) before her click changes it.
        if let Some(old) = prerendered {
            leptos::prelude::set_timeout(
                move || replay_early_click(&old, &root),
                std::time::Duration::ZERO,
            );
        }
    });
}

/// What the trainee typed or chose in the prerendered page's fields before the app started goes
/// to the app's field with the same id (a field she did not touch is left as the app drew it,
/// with her stored data), which is told with an `input` or `change` event so the app follows.
#[cfg(target_arch = "wasm32")]
fn carry_over_fields(old: &web_sys::Element, doc: &web_sys::Document) {
    use wasm_bindgen::JsCast;
    use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
    let Ok(fields) = old.query_selector_all("input[id], textarea[id], select[id]") else {
        return;
    };
    for i in 0..fields.length() {
        let Some(a) = fields
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let Some(b) = doc.get_element_by_id(&a.id()) else {
            continue;
        };
        let event = if let (Some(a), Some(b)) = (
            a.dyn_ref::<HtmlInputElement>(),
            b.dyn_ref::<HtmlInputElement>(),
        ) {
            if matches!(a.type_().as_str(), "checkbox" | "radio") {
                (a.checked() != a.default_checked()).then(|| {
                    b.set_checked(a.checked());
                    "change"
                })
            } else {
                (a.value() != a.default_value()).then(|| {
                    b.set_value(&a.value());
                    "input"
                })
            }
        } else if let (Some(a), Some(b)) = (
            a.dyn_ref::<HtmlTextAreaElement>(),
            b.dyn_ref::<HtmlTextAreaElement>(),
        ) {
            a.default_value().is_ok_and(|d| d != a.value()).then(|| {
                b.set_value(&a.value());
                "input"
            })
        } else if let (Some(a), Some(b)) = (
            a.dyn_ref::<HtmlSelectElement>(),
            b.dyn_ref::<HtmlSelectElement>(),
        ) {
            // The option the markup selects (or the first one) is where she started.
            let start = a
                .query_selector("option[selected]")
                .ok()
                .flatten()
                .or_else(|| a.query_selector("option").ok().flatten())
                .and_then(|o| o.get_attribute("value"))
                .unwrap_or_default();
            (a.value() != start).then(|| {
                b.set_value(&a.value());
                "change"
            })
        } else {
            None
        };
        // In the frame after the swap: the app's router and effects are ready.
        if let Some(Ok(ev)) = event.map(web_sys::Event::new) {
            let _ = b.dispatch_event(&ev);
        }
    }
}

/// The button she pressed on the prerendered page before the app started (held by the inline
/// script in `index.html` as `self.__jornadaClick`, shown as "Preparando…") is pressed once in
/// the app: the control at the same place in the new tree, if it is the same kind of control
/// with the same label and can be pressed. Anything else (her data changed the page: "Continuar"
/// where "Comenzar" was) is left alone rather than pressing something she did not choose.
#[cfg(target_arch = "wasm32")]
fn replay_early_click(old: &web_sys::Element, root: &web_sys::HtmlElement) {
    use wasm_bindgen::{JsCast, JsValue};
    let Some(w) = window() else { return };
    let key = JsValue::from_str("__jornadaClick");
    let Ok(held) = js_sys::Reflect::get(&w, &key) else {
        return;
    };
    // Taken once: a second takeover (there is none) could not press it again.
    let _ = js_sys::Reflect::set(&w, &key, &JsValue::NULL);
    let Ok(pressed) = held.dyn_into::<web_sys::Element>() else {
        return;
    };
    let label = |e: &web_sys::Element| {
        let text = e.text_content().unwrap_or_default();
        let value = e.get_attribute("value").unwrap_or_default();
        format!(
            "{}|{}|{}",
            e.tag_name(),
            text.split_whitespace().collect::<Vec<_>>().join(" "),
            value
        )
    };
    let Some(target) = path_within(old, &pressed)
        .and_then(|p| follow_path(root, &p))
        .filter(|e| label(e) == label(&pressed) && !e.has_attribute("disabled"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let _ = target.focus();
    // For the tests: what moves after this mark is her click's doing, not the takeover's.
    if let Some(perf) = w.performance() {
        let _ = perf.mark("early-click");
    }
    target.click();
}

/// Child indices from `root` down to `el`, if `el` is inside `root`.
#[cfg(target_arch = "wasm32")]
fn path_within(root: &web_sys::Element, el: &web_sys::Element) -> Option<Vec<u32>> {
    let mut path = Vec::new();
    let mut cur = el.clone();
    while cur != *root {
        let parent = cur.parent_element()?;
        let siblings = parent.children();
        let index = (0..siblings.length()).find(|&i| siblings.item(i).as_ref() == Some(&cur))?;
        path.push(index);
        cur = parent;
    }
    path.reverse();
    Some(path)
}

#[cfg(target_arch = "wasm32")]
fn follow_path(root: &web_sys::Element, path: &[u32]) -> Option<web_sys::Element> {
    path.iter()
        .try_fold(root.clone(), |el, &i| el.children().item(i))
}

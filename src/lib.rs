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
        if let Some(topic) = route_topic() {
            // A failed load is not handled here: the page shows its own message and a retry.
            let _ = content::load(topic).await;
        }
        // A task of its own for the render: the wasm's start-up and the first render are two
        // shorter tasks instead of one long one, so input on the page is not held up as long.
        next_task().await;
        take_over();
    });
}

/// Resolves in a later task (`setTimeout(0)`), letting the browser handle input and paint.
#[cfg(target_arch = "wasm32")]
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let scheduled = window().is_some_and(|w| w.set_timeout_with_callback(&resolve).is_ok());
        if !scheduled {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The topic the current URL is under (`/tema/<id>/…`), whose file the page needs.
#[cfg(target_arch = "wasm32")]
fn route_topic() -> Option<&'static content::Topic> {
    let path = window()?.location().pathname().ok()?;
    let id = path.strip_prefix("/tema/")?.split('/').next()?;
    content::CURRICULUM.topic(id)
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
    match doc.get_element_by_id("app") {
        Some(old) => {
            // Keep the keyboard focus where it was (same markup, same place in the tree).
            let focus_path = doc.active_element().and_then(|a| path_within(&old, &a));
            let _ = old.replace_with_with_node_1(&root);
            if let Some(el) = focus_path
                .and_then(|p| follow_path(&root, &p))
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        }
        None => {
            let _ = body.append_child(&root);
        }
    }
    if let Some(loading) = doc.get_element_by_id("cargando") {
        loading.remove();
    }
    if let Some(perf) = window().and_then(|w| w.performance()) {
        let _ = perf.mark("app-ready");
    }
    let _ = body.set_attribute("data-app-ready", "1");
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

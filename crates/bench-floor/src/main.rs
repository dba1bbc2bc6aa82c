//! The benchmark's interactive floor (`scripts/bench.mjs`, "Interactive floor" row): the smallest
//! Leptos 0.8 client-side app with the router, three routes (a counter, a route parameter, a
//! fallback), built with the workspace's release profile and flags and `wasm-opt -Oz`, exactly as
//! the app is. It sets the same `app-ready` mark as the app once mounted, so the benchmark can
//! time how soon any Leptos app becomes interactive on a slow link: what is left above it is
//! Jornada's own code.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::hooks::use_params_map;
use leptos_router::path;

#[component]
fn Home() -> impl IntoView {
    let (count, set_count) = signal(0);
    view! {
        <h1>"Jornada"</h1>
        <button on:click=move |_| set_count.update(|n| *n += 1)>"Sumar: " {count}</button>
        <A href="/tema/modelo">"Tema"</A>
    }
}

#[component]
fn Topic() -> impl IntoView {
    let params = use_params_map();
    view! { <h1>{move || params.read().get("id").unwrap_or_default()}</h1> }
}

fn main() {
    mount_to_body(|| {
        view! {
            <Router>
                <main>
                    <Routes fallback=|| view! { <p>"No encontrada"</p> }>
                        <Route path=path!("/") view=Home/>
                        <Route path=path!("/tema/:id") view=Topic/>
                    </Routes>
                </main>
            </Router>
        }
    });
    if let Some(window) = web_sys::window() {
        if let Some(perf) = window.performance() {
            let _ = perf.mark("app-ready");
        }
        if let Some(body) = window.document().and_then(|d| d.body()) {
            let _ = body.set_attribute("data-app-ready", "1");
        }
    }
}

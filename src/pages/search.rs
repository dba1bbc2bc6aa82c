use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::components::set_title;
use crate::content::{loaded, CURRICULUM};
use crate::model::search::{search, Hit};
use crate::routes;

/// Offline search over lessons and glossary; the query lives in the URL (`?q=`).
#[component]
pub fn SearchPage() -> impl IntoView {
    set_title("Buscar");
    let query = use_query_map();
    let q = Memo::new(move |_| query.with(|m| m.get("q")).unwrap_or_default());
    let navigate = use_navigate();
    let on_input = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        let url = format!("{}?q={}", routes::SEARCH, js_sys::encode_uri_component(&v));
        navigate(
            &url,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    // Lessons are searched once every topic file is loaded (from the service worker's cache
    // when offline); glossary terms are searchable at once.
    let missing = RwSignal::new(
        CURRICULUM
            .topics
            .iter()
            .filter(|t| loaded(t).is_none())
            .count(),
    );
    let failed = RwSignal::new(None::<String>);
    #[cfg(target_arch = "wasm32")]
    for t in CURRICULUM.topics.iter().filter(|t| loaded(t).is_none()) {
        leptos::task::spawn_local(async move {
            match crate::content::load(t).await {
                Ok(_) => missing.update(|n| *n = n.saturating_sub(1)),
                Err(e) => failed.set(Some(e.message())),
            }
        });
    }
    let results = Memo::new(move |_| {
        missing.track();
        search(&CURRICULUM, &q.get(), 60)
    });
    let list = move || {
        results
            .get()
            .into_iter()
            .map(|h| match h {
                Hit::Term { id, term, snippet } => view! {
                    <li class="resultado-busqueda">
                        <a href=routes::glossary_term(id)>{marked(term, &q.get_untracked())}</a>
                        <span class="tipo">" · Glosario"</span>
                        <p>{marked(&snippet, &q.get_untracked())}</p>
                    </li>
                }
                .into_any(),
                Hit::Section {
                    topic,
                    lesson,
                    lesson_title,
                    section,
                    title,
                    snippet,
                } => view! {
                    <li class="resultado-busqueda">
                        <a href=routes::section(topic, lesson, section)>{marked(title, &q.get_untracked())}</a>
                        <span class="tipo">{format!(" · Lección: {lesson_title}")}</span>
                        <p>{marked(&snippet, &q.get_untracked())}</p>
                    </li>
                }
                .into_any(),
            })
            .collect_view()
    };
    let summary = move || {
        let q = q.get();
        if let Some(e) = failed.get() {
            format!("Solo se buscó en el glosario: {e}")
        } else if missing.get() > 0 {
            "Preparando la búsqueda en las lecciones…".to_string()
        } else if q.trim().is_empty() {
            "Escriba una palabra: la búsqueda no distingue mayúsculas ni acentos.".to_string()
        } else {
            match results.get().len() {
                0 => format!("Sin resultados para «{q}»."),
                1 => format!("1 resultado para «{q}»."),
                n => format!("{n} resultados para «{q}»."),
            }
        }
    };
    view! {
        <div class="pagina buscar">
            <h1>"Buscar en lecciones y glosario"</h1>
            <form role="search" on:submit=|ev: leptos::ev::SubmitEvent| ev.prevent_default()>
                <label for="q">"Palabras a buscar"</label>
                <input id="q" type="search" name="q" autocomplete="off" prop:value=move || q.get() on:input=on_input/>
            </form>
            <p role="status" class="resumen-busqueda">{summary}</p>
            <ul class="lista-resultados-busqueda">{list}</ul>
        </div>
    }
}

/// The text with its matches in `<mark>`.
fn marked(text: &str, query: &str) -> impl IntoView {
    crate::model::search::highlight(text, query)
        .into_iter()
        .map(|(run, hit)| {
            if hit {
                view! { <mark>{run}</mark> }.into_any()
            } else {
                run.into_any()
            }
        })
        .collect_view()
}

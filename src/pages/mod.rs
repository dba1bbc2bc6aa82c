//! One routed screen per file.

mod backup;
mod certificate;
mod glossary;
mod help;
mod home;
mod lesson;
mod not_found;
mod privacy;
mod profile;
mod quiz;
mod result;
mod review;
mod search;
mod topic;
mod welcome;

pub use backup::BackupPage;
pub use certificate::CertificatePage;
pub use glossary::GlossaryPage;
pub use help::HelpPage;
pub use home::HomePage;
pub use lesson::LessonPage;
pub use not_found::NotFoundPage;
pub use privacy::PrivacyPage;
pub use profile::{ProfilePage, Unlock};
pub use quiz::QuizPage;
pub use result::ResultPage;
pub use review::ReviewPage;
pub use search::SearchPage;
pub use topic::TopicPage;
pub use welcome::WelcomePage;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::content::{Topic, TopicBody, CURRICULUM};

/// The topic named by the `:topic` route parameter, if it exists.
pub(crate) fn topic_param() -> Memo<Option<&'static Topic>> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .with(|p| p.get("topic"))
            .and_then(|id| CURRICULUM.topic(&id))
    })
}

/// A route parameter by name.
pub(crate) fn param(name: &'static str) -> Memo<Option<String>> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get(name)))
}

/// Scrolls to and focuses the element named by the URL fragment once the page has rendered,
/// or goes to the top when there is none.
pub(crate) fn focus_fragment() {
    use wasm_bindgen::JsCast;
    if crate::window().is_none() {
        return;
    }
    request_animation_frame(|| {
        let Some(w) = crate::window() else { return };
        let hash = w.location().hash().unwrap_or_default();
        let id = hash.trim_start_matches('#');
        if id.is_empty() {
            w.scroll_to_with_x_and_y(0.0, 0.0);
            return;
        }
        if let Some(el) = w.document().and_then(|d| d.get_element_by_id(id)) {
            el.scroll_into_view();
            if let Ok(h) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        }
    });
}

/// Renders `f` with the topic's lessons and questions once its file is loaded (at once when it
/// already is). Meanwhile a status line says it is loading; if it cannot be loaded the trainee
/// reads why, with a button to try again. Nothing of the trainee's progress depends on it.
pub(crate) fn with_body<V, F>(topic: &'static Topic, f: F) -> impl IntoView
where
    V: IntoView + 'static,
    F: Fn(&'static TopicBody) -> V + Send + Sync + 'static,
{
    use crate::content::LoadError;
    let state = RwSignal::new(crate::content::loaded(topic).map(Ok::<_, LoadError>));
    let load = move || {
        state.set(None);
        #[cfg(target_arch = "wasm32")]
        leptos::task::spawn_local(async move {
            state.set(Some(crate::content::load(topic).await));
        });
    };
    if state.get_untracked().is_none() {
        load();
    }
    move || match state.get() {
        Some(Ok(body)) => untrack(|| f(body)).into_any(),
        Some(Err(e)) => view! {
            <div class="pagina error-carga" role="alert">
                <h1>{topic.short_title}</h1>
                <p>{e.message()}</p>
                <button type="button" class="boton" on:click=move |_| load()>"Reintentar"</button>
                <p><a href=crate::routes::home()>"Volver a los temas"</a></p>
            </div>
        }
        .into_any(),
        None => view! {
            <div class="pagina cargando-tema" role="status">
                <p>{format!("Cargando «{}»…", topic.short_title)}</p>
            </div>
        }
        .into_any(),
    }
}

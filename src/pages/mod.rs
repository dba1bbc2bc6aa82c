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
mod search;
mod topic;

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
pub use search::SearchPage;
pub use topic::TopicPage;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::content::{Topic, CURRICULUM};

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
    request_animation_frame(|| {
        let Some(w) = web_sys::window() else { return };
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

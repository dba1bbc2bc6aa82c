//! Build-time rendering of the pages whose content does not depend on the trainee's data: the
//! same components as the app, rendered to HTML natively (`--features ssr`), so a trainee reads a
//! lesson as soon as the HTML arrives and with JavaScript off. The list of routes is derived from
//! the curriculum's index, never kept by hand.

use leptos::prelude::*;
use leptos_router::location::RequestUrl;

use crate::content::CURRICULUM;
use crate::routes;

/// What a prerendered page is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PageKind {
    /// Complete without the trainee's data: home, topics, lessons, glossary, help, privacy.
    Reading,
    /// Needs the trainee's data or JavaScript to be of use (quiz, review, profiles, backup,
    /// search, constancias): prerendered as a shell that says so when JavaScript is off.
    NeedsScript,
}

/// Every route that gets its own prerendered page, with its kind.
pub fn pages() -> Vec<(String, PageKind)> {
    use PageKind::*;
    let mut out = vec![
        (routes::home(), Reading),
        (routes::GLOSSARY.to_string(), Reading),
        (routes::HELP.to_string(), Reading),
        (routes::PRIVACY.to_string(), Reading),
        (routes::SEARCH.to_string(), NeedsScript),
        (routes::REVIEW.to_string(), NeedsScript),
        (routes::PROFILES.to_string(), NeedsScript),
        (routes::WELCOME.to_string(), NeedsScript),
        (routes::BACKUP.to_string(), NeedsScript),
        (routes::certificate(routes::COURSE), NeedsScript),
    ];
    for t in CURRICULUM.topics {
        out.push((routes::topic(t.id), Reading));
        for l in t.lessons {
            out.push((routes::lesson(t.id, l.id), Reading));
        }
        out.push((routes::quiz(t.id), NeedsScript));
        out.push((routes::certificate(t.id), NeedsScript));
    }
    out
}

/// A route's page: its title (as the app sets it), the app's markup inside `<body>`, and the
/// topic files the app loads before it takes over (`crate::route_topics`), for preload links.
pub struct Rendered {
    pub title: String,
    pub body: String,
    pub topic_files: Vec<&'static str>,
}

/// The app at `path`, as a fresh visitor with no stored data sees it.
pub fn render(path: &str) -> Rendered {
    crate::components::discreet::take_page_title();
    let owner = Owner::new();
    let body = owner.with(|| {
        provide_context(RequestUrl::new(path));
        view! { <crate::app::App/> }.to_html()
    });
    drop(owner);
    Rendered {
        title: crate::components::discreet::take_page_title(),
        body,
        topic_files: crate::route_topics(path).iter().map(|t| t.file).collect(),
    }
}

/// The file a route's page is written to, relative to the site root: `/` is `index.html`, any
/// other route `<route>/index.html`, so plain static hosts serve it without rewrites.
pub fn file_for(path: &str) -> String {
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty() {
        "index.html".into()
    } else {
        format!("{trimmed}/index.html")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_topic_and_lesson_of_the_index_gets_a_page() {
        let all = pages();
        for t in CURRICULUM.topics {
            assert!(all.contains(&(routes::topic(t.id), PageKind::Reading)));
            for l in t.lessons {
                assert!(all.contains(&(routes::lesson(t.id, l.id), PageKind::Reading)));
            }
            assert!(all.contains(&(routes::quiz(t.id), PageKind::NeedsScript)));
        }
        let files: std::collections::HashSet<_> = all.iter().map(|(p, _)| file_for(p)).collect();
        assert_eq!(files.len(), all.len(), "two routes would share a file");
    }

    #[test]
    fn a_lesson_renders_its_title_text_and_plain_links() {
        let t = &CURRICULUM.topics[1];
        let l = &t.lessons[0];
        let page = render(&routes::lesson(t.id, l.id));
        assert_eq!(page.title, format!("{} · Jornada", l.title));
        assert!(page.body.contains(&format!(">{}</h1>", l.title)));
        assert!(page.body.contains("class=\"texto-leccion\""));
        // Links are real links to other prerendered routes.
        assert!(page
            .body
            .contains(&format!("href=\"{}\"", routes::topic(t.id))));
        assert!(
            !page.body.contains("Cargando"),
            "no loading state in a prerendered lesson"
        );
    }

    #[test]
    fn a_fresh_visitor_sees_no_storage_warning_and_no_progress() {
        let page = render("/");
        assert!(
            page.body.contains("0 de 5 temas acreditados"),
            "{}",
            page.body
        );
        assert!(
            !page.body.contains("role=\"alert\""),
            "no banner in a prerendered page"
        );
    }

    #[test]
    fn file_names_work_on_any_static_host() {
        assert_eq!(file_for("/"), "index.html");
        assert_eq!(file_for("/glosario"), "glosario/index.html");
        assert_eq!(file_for("/tema/a/leccion/b"), "tema/a/leccion/b/index.html");
    }
}

//! Writes the prerendered pages into a Trunk build folder (run by `scripts/precache.mjs`):
//!
//!     cargo run --no-default-features --features ssr --bin prerender -- <dir>
//!
//! Reads `<dir>/index.html` (Trunk's page, with the hashed script and style links), keeps it as
//! `<dir>/app.html` (the shell for routes that are not prerendered, such as a result page), and
//! writes each route's page with the app's markup inside `<div id="app">`.

use std::path::PathBuf;

use jornada::prerender::{file_for, pages, render, PageKind, Rendered};

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| {
        eprintln!("uso: prerender <carpeta de la compilación>");
        std::process::exit(2)
    }));
    let template = std::fs::read_to_string(dir.join("index.html")).unwrap_or_else(|e| {
        eprintln!(
            "prerender: no se pudo leer {}/index.html: {e}",
            dir.display()
        );
        std::process::exit(1)
    });
    let shell = if template.contains("<div id=\"app\" data-prerender") {
        // Already prerendered (the hook ran twice on the same folder): start from the shell.
        std::fs::read_to_string(dir.join("app.html"))
            .expect("app.html next to a prerendered index.html")
    } else {
        template
    };
    std::fs::write(dir.join("app.html"), &shell).expect("write app.html");
    let mut count = 0;
    for (path, kind) in pages() {
        let mut rendered = render(&path);
        rendered.body = strip_comments(&rendered.body);
        let html = page(&shell, &rendered, kind);
        if !html.contains("<main") {
            eprintln!("prerender: la ruta {path} no produjo contenido");
            std::process::exit(1);
        }
        let file = dir.join(file_for(&path));
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent).expect("create the route's folder");
        }
        std::fs::write(&file, html).expect("write a prerendered page");
        count += 1;
    }
    println!("prerender: {count} pages");
}

/// The shell with the route's title, and its loading screen replaced by the route's markup.
fn page(shell: &str, page: &Rendered, kind: PageKind) -> String {
    let shell = match (shell.find("<title>"), shell.find("</title>")) {
        (Some(a), Some(b)) if !page.title.is_empty() => {
            format!(
                "{}<title>{}</title>{}",
                &shell[..a],
                escape(&page.title),
                &shell[b + "</title>".len()..]
            )
        }
        _ => shell.to_string(),
    };
    // The topic files the app loads first on this route: fetched at low priority, behind the
    // page's own HTML (the app's `fetch` reuses the response: same URL, mode and credentials).
    let preloads: String = page
        .topic_files
        .iter()
        .map(|file| format!("<link rel=\"preload\" as=\"fetch\" crossorigin href=\"/{file}\" fetchpriority=\"low\">"))
        .collect();
    let shell = match shell.find("</head>") {
        Some(at) => format!("{}{preloads}{}", &shell[..at], &shell[at..]),
        None => shell,
    };
    let start = shell.find("<body>").expect("index.html has <body>") + "<body>".len();
    let end = shell.rfind("</body>").expect("index.html has </body>");
    let notice = match kind {
        PageKind::Reading => "",
        PageKind::NeedsScript => "<noscript><p class=\"sin-js\">Esta página necesita JavaScript: muestra y guarda su avance en este equipo. Las lecciones, el glosario y la ayuda se leen sin JavaScript.</p></noscript>",
    };
    format!(
        "{}{notice}<div id=\"app\" data-prerender=\"1\">{}</div>{}",
        &shell[..start],
        page.body,
        &shell[end..]
    )
}

/// Drops the comment markers Leptos writes for hydration (`<!>`, `<!--…-->`): the app does not
/// hydrate this markup but replaces it, so they are only bytes on a slow link.
fn strip_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!") {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let end = if tail.starts_with("<!--") {
            tail.find("-->").map(|e| e + 3)
        } else {
            tail.find('>').map(|e| e + 1)
        };
        match end {
            Some(e) => rest = &tail[e..],
            None => {
                rest = tail;
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

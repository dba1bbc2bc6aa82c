//! Markdown to safe HTML, at build time: raw HTML, images and unknown link schemes are refused,
//! internal links are checked and rewritten to app routes, and level-2 sections are wrapped so
//! that lessons can be styled and searched.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// What a link in a lesson points to, once resolved.
pub enum LinkTarget {
    /// An app route such as `/glosario#lgamvlv`.
    Internal(String),
    /// An external `http(s)` URL.
    External(String),
}

/// A problem found while rendering, as a byte offset into the Markdown body.
pub struct RenderError {
    pub offset: usize,
    pub message: String,
    pub hint: String,
}

/// Resolves a link destination to a target, or to an error `(message, hint)`.
pub type Resolver<'a> = dyn FnMut(&str) -> Result<LinkTarget, (String, String)> + 'a;

/// The result of rendering one lesson body.
pub struct Rendered {
    pub html: String,
    /// `(anchor, title, plain text)`; the text before the first `##` comes first with an empty anchor.
    pub sections: Vec<(String, String, String)>,
    /// `(offset, anchor)` of every level-2 heading, for duplicate checks.
    pub anchors: Vec<(usize, String)>,
    pub errors: Vec<RenderError>,
}

/// Escapes text for an HTML attribute value or text node.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// True for ids made of lowercase ASCII letters, digits and single inner hyphens.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

/// Renders a lesson body. `resolve` turns a link destination into a target or an error
/// `(message, hint)`; it is called for every link in the text.
pub fn render_markdown(body: &str, resolve: &mut Resolver<'_>) -> Rendered {
    let opts =
        Options::ENABLE_TABLES | Options::ENABLE_HEADING_ATTRIBUTES | Options::ENABLE_STRIKETHROUGH;
    let mut errors = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    let mut sections: Vec<(String, String, String)> =
        vec![(String::new(), String::new(), String::new())];
    let mut anchors = Vec::new();
    let mut in_h2 = false;
    let mut section_open = false;
    let mut link_stack: Vec<bool> = Vec::new();
    let mut image_depth = 0usize;

    for (event, range) in Parser::new_ext(body, opts).into_offset_iter() {
        let offset = range.start;
        match event {
            Event::Html(_) | Event::InlineHtml(_) => {
                errors.push(RenderError {
                    offset,
                    message: "el texto contiene HTML".into(),
                    hint: "quite las etiquetas `<…>` y use Markdown: **negritas**, *cursivas*, listas con `-`".into(),
                });
            }
            Event::Start(Tag::Image { .. }) => {
                image_depth += 1;
                errors.push(RenderError {
                    offset,
                    message: "las lecciones no admiten imágenes".into(),
                    hint: "describa la idea con texto; la app funciona sin conexión y no carga imágenes externas".into(),
                });
            }
            Event::End(TagEnd::Image) => image_depth = image_depth.saturating_sub(1),
            _ if image_depth > 0 => {}
            Event::Start(Tag::Heading { level, id, .. }) => match level {
                HeadingLevel::H1 => errors.push(RenderError {
                    offset,
                    message: "título de nivel 1 (`# …`) dentro de la lección".into(),
                    hint: "el título de la lección va en `titulo` de los datos; use `## …` para las secciones".into(),
                }),
                HeadingLevel::H2 => {
                    let anchor = id.as_deref().unwrap_or("").to_string();
                    if anchor.is_empty() {
                        errors.push(RenderError {
                            offset,
                            message: "la sección no tiene ancla".into(),
                            hint: "agregue al final del título un ancla como `{#plazos}`".into(),
                        });
                    } else if !is_slug(&anchor) {
                        errors.push(RenderError {
                            offset,
                            message: format!("el ancla `{anchor}` no es válida"),
                            hint: "use solo minúsculas sin acentos, números y guiones".into(),
                        });
                    }
                    if section_open {
                        events.push(Event::Html("</section>\n".into()));
                    }
                    let class = if anchor == "para-recordar" {
                        "seccion para-recordar"
                    } else if anchor.starts_with("caso") {
                        "seccion caso"
                    } else {
                        "seccion"
                    };
                    events.push(Event::Html(
                        format!(
                            "<section class=\"{class}\"><h2 id=\"{}\" tabindex=\"-1\">",
                            escape_html(&anchor)
                        )
                        .into(),
                    ));
                    section_open = true;
                    in_h2 = true;
                    anchors.push((offset, anchor.clone()));
                    sections.push((anchor, String::new(), String::new()));
                }
                other => events.push(Event::Start(Tag::Heading {
                    level: other,
                    id: None,
                    classes: vec![],
                    attrs: vec![],
                })),
            },
            Event::End(TagEnd::Heading(level)) => match level {
                HeadingLevel::H1 => {}
                HeadingLevel::H2 => {
                    in_h2 = false;
                    events.push(Event::Html("</h2>\n".into()));
                }
                other => events.push(Event::End(TagEnd::Heading(other))),
            },
            Event::Start(Tag::Link { dest_url, .. }) => match resolve(&dest_url) {
                Ok(LinkTarget::Internal(href)) => {
                    link_stack.push(true);
                    events.push(Event::Html(format!("<a href=\"{}\">", escape_html(&href)).into()));
                }
                Ok(LinkTarget::External(href)) => {
                    link_stack.push(true);
                    events.push(Event::Html(
                        format!(
                            "<a href=\"{}\" class=\"externo\" rel=\"noopener noreferrer\" target=\"_blank\">",
                            escape_html(&href)
                        )
                        .into(),
                    ));
                }
                Err((message, hint)) => {
                    link_stack.push(false);
                    errors.push(RenderError {
                        offset,
                        message,
                        hint,
                    });
                }
            },
            Event::End(TagEnd::Link) => {
                if link_stack.pop() == Some(true) {
                    events.push(Event::Html("</a>".into()));
                }
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                let last = sections.last_mut().expect("intro section exists");
                if in_h2 {
                    last.1.push_str(t);
                } else {
                    last.2.push_str(t);
                }
                events.push(event.clone());
            }
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph | TagEnd::Item) => {
                let last = sections.last_mut().expect("intro section exists");
                if !in_h2 && !last.2.ends_with(' ') {
                    last.2.push(' ');
                }
                events.push(event);
            }
            Event::FootnoteReference(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                events.push(Event::Text(CowStr::from("")));
            }
            other => events.push(other),
        }
    }
    if section_open {
        events.push(Event::Html("</section>\n".into()));
    }
    let mut html = String::with_capacity(body.len() * 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    for s in &mut sections {
        s.2 = s.2.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    if sections[0].2.is_empty() {
        sections.remove(0);
    }
    Rendered {
        html,
        sections,
        anchors,
        errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(md: &str) -> Rendered {
        render_markdown(md, &mut |d| {
            if d.starts_with("https://") {
                Ok(LinkTarget::External(d.to_string()))
            } else if let Some(id) = d.strip_prefix("glosario:") {
                Ok(LinkTarget::Internal(format!("/glosario#{id}")))
            } else {
                Err(("enlace no permitido".into(), "x".into()))
            }
        })
    }

    #[test]
    fn wraps_sections_and_marks_para_recordar() {
        let r = render("Intro.\n\n## Plazos {#plazos}\n\nCuatro horas.\n\n## Para recordar {#para-recordar}\n\n- Uno\n");
        assert!(r.errors.is_empty());
        assert!(r
            .html
            .contains("<section class=\"seccion\"><h2 id=\"plazos\" tabindex=\"-1\">Plazos</h2>"));
        assert!(r.html.contains("<section class=\"seccion para-recordar\">"));
        assert_eq!(
            r.html.matches("<section").count(),
            r.html.matches("</section>").count()
        );
        let ids: Vec<_> = r.sections.iter().map(|s| s.0.as_str()).collect();
        assert_eq!(ids, ["", "plazos", "para-recordar"]);
        assert_eq!(r.sections[1].2, "Cuatro horas.");
    }

    #[test]
    fn escapes_text_and_refuses_html_and_javascript_links() {
        let r =
            render("a < b & \"c\"\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n");
        assert!(r.html.contains("a &lt; b &amp;"));
        assert!(!r.html.contains("onerror"));
        assert!(!r.html.contains("javascript:"));
        assert_eq!(r.errors.len(), 2);
    }

    #[test]
    fn rewrites_glossary_and_external_links() {
        let r = render("Ver [LGAMVLV](glosario:lgamvlv) y [DOF](https://dof.gob.mx).");
        assert!(r.html.contains("<a href=\"/glosario#lgamvlv\">LGAMVLV</a>"));
        assert!(r.html.contains("rel=\"noopener noreferrer\""));
    }

    #[test]
    fn slugs() {
        assert!(is_slug("ordenes-plazos-2"));
        assert!(!is_slug("Órdenes"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug("-a"));
        assert!(!is_slug(""));
    }
}

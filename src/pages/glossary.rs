use leptos::prelude::*;

use crate::components::set_title;
use crate::content::CURRICULUM;
use crate::routes;

/// Every glossary term, alphabetically, each with its anchor and the lesson that introduces it.
#[component]
pub fn GlossaryPage() -> impl IntoView {
    set_title("Glosario");
    let terms = CURRICULUM
        .glossary
        .iter()
        .map(|t| {
            let first = t.first_lesson.and_then(|l| CURRICULUM.lesson(l));
            view! {
                <div class="termino">
                    <dt id=t.id tabindex="-1">{t.term}</dt>
                    <dd>
                        <p>{t.definition}</p>
                        {first.map(|(topic, l)| view! {
                            <p class="meta">"Aparece en: "<a href=routes::lesson(topic.id, l.id)>{l.title}</a></p>
                        })}
                    </dd>
                </div>
            }
        })
        .collect_view();
    crate::pages::focus_fragment();
    view! {
        <div class="pagina glosario">
            <h1>"Glosario"</h1>
            <p>{format!("{} términos de la Jornada, en orden alfabético.", CURRICULUM.glossary.len())}</p>
            <dl class="lista-glosario">{terms}</dl>
        </div>
    }
}

use leptos::prelude::*;

use crate::components::set_title;
use crate::content::CURRICULUM;
use crate::routes;
use crate::state::use_progress;
use leptos_router::hooks::use_location;

/// Every glossary term, alphabetically, each with its anchor and the lesson that introduces it.
#[component]
pub fn GlossaryPage() -> impl IntoView {
    set_title("Glosario");
    // Back to the lesson she came from, as a link: in discreet mode the browser's Back would
    // leave the app (every in-app step replaces the history entry).
    let store = use_progress();
    let lesson = Memo::new(move |_| {
        store.progress.with(|p| {
            p.last_place
                .as_ref()
                .filter(|place| place.path.contains("/leccion/"))
                .map(|place| (place.path.clone(), place.title.clone()))
        })
    });
    let back = move || {
        lesson.get().map(|(path, title)| {
            view! { <p class="volver-leccion"><a href=path>"← Volver a la lección: " {title}</a></p> }
        })
    };
    let hash = use_location().hash;
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
                        {move || (hash.get().trim_start_matches('#') == t.id).then(back)}
                    </dd>
                </div>
            }
        })
        .collect_view();
    crate::pages::focus_fragment();
    view! {
        <div class="pagina glosario">
            <h1>"Glosario"</h1>
            {back}
            <p>{format!("{} términos de la Jornada, en orden alfabético.", CURRICULUM.glossary.len())}</p>
            <dl class="lista-glosario">{terms}</dl>
        </div>
    }
}

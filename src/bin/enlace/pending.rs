//! People who started a topic and have not passed it yet.

use leptos::prelude::*;
use results::{Board, Filter};

use crate::PAGE;

#[component]
pub fn Pending(board: RwSignal<Board>) -> impl IntoView {
    let all = RwSignal::new(false);
    move || {
        let limit = if all.get() { usize::MAX } else { PAGE };
        let (count, list) = board.with(|b| {
            let all = b.started_not_passed(&Filter::default());
            let shown: Vec<String> = all
                .iter()
                .take(limit)
                .map(|(p, t, best)| {
                    format!(
                        "{} ({}): {t}, mejor resultado {best} %",
                        p.name, p.municipality
                    )
                })
                .collect();
            (all.len(), shown)
        });
        view! {
            <section aria-labelledby="pendientes-titulo" class="pendientes">
                <h2 id="pendientes-titulo">{format!("Empezaron pero aún no aprueban ({count})")}</h2>
                <p class="solo-impresion">"La lista con los nombres está en el tablero y en el CSV."</p>
                {if list.is_empty() {
                    view! { <p>"Nadie: cada tema iniciado ya está aprobado."</p> }.into_any()
                } else {
                    view! {
                        <ul class="lista-pendientes">{list.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                        {(count > limit).then(|| view! {
                            <button type="button" class="secundario no-imprimir" on:click=move |_| all.set(true)>{format!("Mostrar las {count}")}</button>
                        })}
                    }.into_any()
                }}
            </section>
        }
    }
}

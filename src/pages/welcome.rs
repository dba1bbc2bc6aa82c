use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::components::discreet::{nav_options, DiscreetSwitch};
use crate::components::next_step::label_and_href;
use crate::components::set_title;
use crate::components::who::WhoForm;
use crate::content::CURRICULUM;
use crate::model::next;
use crate::state::use_progress;

/// The first visit's question page: her name and municipality (so her results and constancias
/// carry them) and, in one sentence, discreet mode. She may skip it; the app asks again before
/// any results file or constancia.
#[component]
pub fn WelcomePage() -> impl IntoView {
    set_title("Antes de empezar");
    let store = use_progress();
    let next_href = move || {
        store
            .progress
            .with_untracked(|p| label_and_href(next::in_course(p, &CURRICULUM), p).1)
    };
    let navigate = use_navigate();
    let on_saved = Callback::new(move |()| navigate(&next_href(), nav_options()));
    view! {
        <div class="pagina bienvenida">
            <h1>"Antes de empezar"</h1>
            <p>"Dos preguntas, para que sus resultados y constancias lleven su nombre. Sus respuestas se guardan solo en este equipo; usted decide cuándo enviar sus resultados a su persona enlace."</p>
            <WhoForm submit="Guardar y empezar" on_saved=on_saved id="bienvenida">
                <div class="oferta-discreto">
                    <p>"Si otra persona podría revisar este teléfono o computadora, active el modo discreto: la pestaña se llamará «Notas» y el botón Atrás no regresará a Jornada."</p>
                    <DiscreetSwitch/>
                </div>
            </WhoForm>
            <p><a href=next_href()>"Prefiero contestar después"</a></p>
        </div>
    }
}

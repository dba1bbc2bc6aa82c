use leptos::prelude::*;

use crate::components::set_title;
use crate::routes;

/// Shown for any URL the app does not know.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    set_title("Página no encontrada");
    view! {
        <div class="pagina no-encontrada">
            <h1>"Página no encontrada"</h1>
            <p>"La dirección no corresponde a ningún tema, lección o página de Jornada. Puede que el enlace esté incompleto o que el contenido haya cambiado."</p>
            <p><a class="boton" href=routes::home()>"Ir al inicio"</a></p>
        </div>
    }
}

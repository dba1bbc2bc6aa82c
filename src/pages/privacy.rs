use leptos::prelude::*;

use crate::components::set_title;

/// What the app keeps, where, and what it never does.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    set_title("Privacidad");
    view! {
        <div class="pagina privacidad">
            <h1>"Privacidad"</h1>
            <ul>
                <li>"Todo tu avance (lecciones leídas y resultados de las autoevaluaciones) se guarda solo en este navegador, en este equipo."</li>
                <li>"Jornada no tiene cuentas, no envía tus datos a ningún servidor y no usa rastreo, publicidad ni analítica."</li>
                <li>"Después de la primera visita funciona sin conexión: no necesita internet para estudiar."</li>
                <li>"Si compartes el equipo, otras personas que usen este navegador pueden ver tu avance. Usa «Salida rápida» (o Esc tres veces) para salir de inmediato a una página neutral."</li>
                <li>"Los enlaces a fuentes externas abren otros sitios solo cuando tú los eliges."</li>
            </ul>
        </div>
    }
}

use leptos::prelude::*;

use crate::components::discreet::DiscreetSwitch;
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
            <section class="discreto" aria-labelledby="discreto-titulo">
                <h2 id="discreto-titulo">"Modo discreto"</h2>
                <p>"Si alguien puede revisar este equipo, el modo discreto ayuda a que tu estudio pase desapercibido: la pestaña se llama «Notas» y lleva un ícono gris, nada del curso aparece en su título, y al moverte dentro de Jornada el botón «Atrás» y el historial de la pestaña guardan una sola entrada. «Salida rápida» (o Esc tres veces) te lleva a una página de recetas. No puede ocultarlo todo: el historial del navegador sigue registrando la dirección de Jornada (y, si tu navegador sincroniza el historial con una cuenta, también en otros equipos), las descargas como respaldos o constancias quedan en la carpeta de descargas, la app instalada conserva su nombre e ícono, y mientras la página carga la pestaña puede mostrar por un instante su título normal. Para no dejar rastro en el historial, usa una ventana privada (ahí tu avance no se guarda al cerrarla) o borra el historial al terminar."</p>
                <DiscreetSwitch/>
            </section>
        </div>
    }
}

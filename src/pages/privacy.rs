use leptos::prelude::*;

use crate::components::discreet::DiscreetSwitch;
use crate::components::set_title;

/// What the app keeps, where, and what it never does; discreet mode first, and how to clear
/// the browser's history (GOV.UK's "Exit this page" guidance).
#[component]
pub fn PrivacyPage() -> impl IntoView {
    set_title("Privacidad");
    view! {
        <div class="pagina privacidad">
            <h1>"Privacidad"</h1>
            <section class="discreto" aria-labelledby="discreto-titulo">
                <h2 id="discreto-titulo">"Modo discreto"</h2>
                <p>"Si alguien puede revisar este equipo, active el modo discreto: la pestaña se llama «Notas», y el botón «Atrás» no regresa a Jornada después de «Salida rápida»."</p>
                <DiscreetSwitch/>
                <p>"Con el modo discreto, la pestaña lleva un ícono gris y nada del curso aparece en su título, y al moverse dentro de Jornada el botón «Atrás» y el historial de la pestaña guardan una sola entrada. «Salida rápida» (o Esc tres veces) la lleva a una página de recetas. No puede ocultarlo todo: el historial del navegador sigue registrando la dirección de Jornada (y, si su navegador sincroniza el historial con una cuenta, también en otros equipos), las descargas como copias o constancias quedan en la carpeta de descargas, la app instalada conserva su nombre e ícono, y mientras la página carga la pestaña puede mostrar por un instante su título normal. Para no dejar rastro en el historial, use una ventana privada (ahí su avance no se guarda al cerrarla) o borre el historial al terminar."</p>
            </section>
            <section aria-labelledby="borrar-historial">
                <h2 id="borrar-historial" tabindex="-1">"Cómo borrar el historial"</h2>
                <ul>
                    <li>"En un teléfono Android con Chrome: toque el menú (⋮), luego «Historial» y «Borrar datos de navegación»; marque «Historial de navegación» y toque «Borrar datos»."</li>
                    <li>"En una computadora con Chrome o Edge: oprima Ctrl y H al mismo tiempo y elija «Borrar datos de navegación»."</li>
                    <li>"Si borrar todo el historial podría llamar la atención, borre solo las entradas de Jornada: en el historial, busque «Jornada» o «Notas» y elimine esas líneas."</li>
                </ul>
            </section>
            <h2>"Lo que Jornada guarda"</h2>
            <ul>
                <li>"Todo su avance (lecciones leídas y resultados de las autoevaluaciones) se guarda solo en este navegador, en este equipo."</li>
                <li>"Jornada no tiene cuentas, no envía sus datos a ningún servidor y no usa rastreo, publicidad ni analítica."</li>
                <li>"Después de la primera visita funciona sin conexión: no necesita internet para estudiar."</li>
                <li>"Si comparte el equipo, otras personas que usen este navegador pueden ver su avance. Use «Salida rápida» (o Esc tres veces) para salir de inmediato a una página neutral."</li>
                <li>"Los enlaces a fuentes externas abren otros sitios solo cuando usted los elige."</li>
            </ul>
        </div>
    }
}

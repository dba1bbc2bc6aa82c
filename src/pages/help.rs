use leptos::prelude::*;

use crate::components::set_title;
use crate::content::CURRICULUM;

/// Help lines and institutions, from the curriculum, with when they were checked and their source.
#[component]
pub fn HelpPage() -> impl IntoView {
    set_title("Líneas de ayuda");
    let lines = CURRICULUM
        .help_lines
        .iter()
        .map(|l| {
            let tel: String = l.number.chars().filter(|c| c.is_ascii_digit()).collect();
            view! {
                <li class="linea-ayuda" id=l.id>
                    <h2>{l.name}</h2>
                    <p class="numero"><a href=format!("tel:{tel}")>{l.number}</a></p>
                    <p>{l.description}</p>
                    {(!l.hours.is_empty()).then(|| view! { <p><strong>"Horario: "</strong>{l.hours}</p> })}
                    <p class="meta">{format!("Revisado: {} · Fuente: {}", l.checked, l.sources.join(", "))}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="pagina ayuda">
            <h1>"Líneas de ayuda"</h1>
            <p class="aviso-emergencia"><strong>"Si alguien está en peligro inmediato, llame al 911."</strong></p>
            <ul class="lista-ayuda">{lines}</ul>
            <p>"Personas enlace municipales: el "<a href=crate::routes::BOARD rel="external">"tablero de la persona enlace"</a>" reúne los resultados que le envían, sin subir datos a ningún servidor."</p>
            <p class="meta">"Los números se verificaron contra la ficha de fuentes del curso en la fecha indicada. Confírmelos con la Secretaría de las Mujeres del Estado antes de difundirlos."</p>
        </div>
    }
}

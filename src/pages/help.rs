use leptos::prelude::*;

use crate::components::set_title;
use crate::content::CURRICULUM;

/// The link to reach a line: WhatsApp for the WhatsApp line (`wa.me`, Mexico's +52), a call
/// for the others, to the number before any ", opción N".
fn contact_link(id: &str, number: &str) -> (String, String) {
    let digits: String = number
        .split(',')
        .next()
        .unwrap_or(number)
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    if id.contains("whatsapp") {
        (
            format!("https://wa.me/52{digits}"),
            format!("Escribir por WhatsApp al {number}"),
        )
    } else {
        (format!("tel:{digits}"), format!("Llamar al {number}"))
    }
}

/// Help lines and institutions, from the curriculum, with when they were checked and their source.
#[component]
pub fn HelpPage() -> impl IntoView {
    set_title("Líneas de ayuda");
    let lines = CURRICULUM
        .help_lines
        .iter()
        .map(|l| {
            let (href, label) = contact_link(l.id, l.number);
            view! {
                <li class="linea-ayuda" id=l.id>
                    <h2>{l.name}</h2>
                    <p class="numero">{l.number}</p>
                    <p><a class="boton boton-llamar" href=href rel="external">{label}</a></p>
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

#[cfg(test)]
mod tests {
    #[test]
    fn whatsapp_opens_whatsapp_and_an_option_is_not_dialled() {
        assert_eq!(
            super::contact_link("whatsapp-mujeres", "473 164 0369").0,
            "https://wa.me/524731640369"
        );
        assert_eq!(super::contact_link("lmf", "079, opción 1").0, "tel:079");
        assert_eq!(super::contact_link("siam", "075").1, "Llamar al 075");
    }
}

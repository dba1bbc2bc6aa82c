//! Pass rates per topic and per municipality: SVG bars, with the same data as a table for screen
//! readers and as a list on paper.

use leptos::prelude::*;
use results::{Board, Rate};

/// A horizontal bar chart drawn as SVG (hidden from screen readers), followed by the same data
/// as a table for them.
fn chart(
    id: &'static str,
    title: &'static str,
    unit: &'static str,
    rates: Vec<Rate>,
) -> impl IntoView {
    const ROW: usize = 34;
    let height = rates.len() * ROW + 4;
    let bars = rates
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let y = i * ROW;
            let w = r.percent() * 2;
            view! {
                <text x="0" y=y + 12 class="etiqueta">{r.label.clone()}</text>
                <rect x="0" y=y + 16 width="200" height="12" class="fondo-barra"/>
                <rect x="0" y=y + 16 width=w height="12" class="barra"/>
                <text x="206" y=y + 27 class="valor">{if r.started == 0 { "sin intentos".to_string() } else { format!("{} % ({}/{})", r.percent(), r.passed, r.started) }}</text>
            }
        })
        .collect_view();
    let printed = rates
        .iter()
        .map(|r| view! { <li><strong>{r.label.clone()}</strong>{format!(": {} % ({}/{})", r.percent(), r.passed, r.started)}</li> })
        .collect_view();
    let rows = rates
        .into_iter()
        .map(|r| view! { <tr><th scope="row">{r.label.clone()}</th><td>{format!("{} %", r.percent())}</td><td>{r.passed}</td><td>{r.started}</td></tr> })
        .collect_view();
    view! {
        <figure class="grafica" aria-labelledby=id>
            <figcaption id=id>{title}</figcaption>
            <svg viewBox=format!("0 0 320 {height}") aria-hidden="true" focusable="false" preserveAspectRatio="xMinYMin meet">{bars}</svg>
            <ul class="solo-impresion tasas-impresas">{printed}</ul>
            <div class="solo-lectores">
                <table>
                    <caption>{title}</caption>
                    <thead><tr><th scope="col">"Nombre"</th><th scope="col">"Porcentaje"</th><th scope="col">"Aprobados"</th><th scope="col">{unit}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </figure>
    }
}

#[component]
pub fn Charts(board: RwSignal<Board>) -> impl IntoView {
    move || {
        let s = board.with(Board::stats);
        view! {
            <section aria-labelledby="graficas-titulo" class="graficas">
                <h2 id="graficas-titulo">"Tasas de aprobación"</h2>
                {chart("grafica-temas", "Por tema: personas que aprobaron de las que lo iniciaron", "Iniciaron", s.per_topic)}
                {chart("grafica-municipios", "Por municipio: temas aprobados de los temas iniciados", "Temas iniciados", s.per_municipality)}
            </section>
        }
    }
}

//! The people × topics table. On a screen at least ~800 px wide, a table whose every topic fits
//! at 1366 px: compact cells ("✓ 90 %", "✗ 50 %", "—"), the name column sticky, and each
//! person's dates, content versions and attempts in a detail row she opens. Narrower, one card
//! per person with a line per topic. A file without a name or municipality is flagged on its row.

use std::collections::BTreeSet;

use leptos::prelude::*;
use results::{Board, Cell, Filter, PersonRow, SortBy, Topic};

use crate::{FIRST_ROWS, PAGE};

#[component]
pub fn PeopleTable(
    board: RwSignal<Board>,
    below: RwSignal<bool>,
    narrow: Signal<bool>,
) -> impl IntoView {
    // People whose detail row (dates, versions, attempts) is open.
    let open = RwSignal::new(BTreeSet::<String>::new());
    let municipality = RwSignal::new(String::new());
    let topic = RwSignal::new(String::new());
    let sort = RwSignal::new(SortBy::Name);
    // Rows drawn at first: a thousand rows at once made the board slow on old phones.
    let shown = RwSignal::new(PAGE);
    let municipalities = move || {
        board
            .with(Board::municipalities)
            .into_iter()
            .map(|m| view! { <option value=m.clone()>{m.clone()}</option> })
            .collect_view()
    };
    let topic_options = move || {
        board
            .with(|b| b.topics().to_vec())
            .into_iter()
            .map(|t| view! { <option value=t.id>{t.title}</option> })
            .collect_view()
    };
    let table = move || {
        let filter = Filter {
            municipality: municipality.get(),
            topic: topic.get(),
        };
        // Right after a load only the rows of a first screen; the rest of the page of rows
        // comes with the pending list and the charts.
        let limit = shown.get();
        let drawn = if below.get() {
            limit
        } else {
            limit.min(FIRST_ROWS)
        };
        let (topics, rows, count) = board.with(|b| {
            let topics: Vec<_> = b
                .topics()
                .iter()
                .filter(|t| filter.topic.is_empty() || t.id == filter.topic)
                .cloned()
                .collect();
            let all = b.table(&filter, sort.get());
            let count = all.len();
            let rows: Vec<PersonRow> = all.into_iter().take(drawn).cloned().collect();
            (topics, rows, count)
        });
        let more = (count > limit).then(|| view! {
            <p class="meta">{format!("Se muestran {limit} de {count} personas.")}</p>
            <button type="button" class="secundario" on:click=move |_| shown.update(|n| *n += PAGE)>{format!("Mostrar {} más", PAGE.min(count - limit))}</button>
            <button type="button" class="secundario" on:click=move |_| shown.set(usize::MAX)>{format!("Mostrar todas ({count})")}</button>
        });
        let people = if narrow.get() {
            cards(&topics, rows).into_any()
        } else {
            wide_table(&topics, rows, open).into_any()
        };
        view! {
            <p class="meta" role="status">{format!("Personas en la tabla: {count}")}</p>
            {people}
            {more}
        }
    };
    view! {
        <section aria-labelledby="tabla-titulo" class="no-imprimir">
            <h2 id="tabla-titulo">"Personas y temas"</h2>
            <p class="meta">"«En repaso»: preguntas que la persona falló y que Jornada le vuelve a hacer en días espaciados hasta que las domine."</p>
            <div class="filtros">
                <label>"Municipio "
                    <select on:change=move |ev| municipality.set(event_target_value(&ev))>
                        <option value="">"Todos"</option>
                        {municipalities}
                    </select>
                </label>
                <label>"Tema "
                    <select on:change=move |ev| topic.set(event_target_value(&ev))>
                        <option value="">"Todos"</option>
                        {topic_options}
                    </select>
                </label>
                <label>"Ordenar por "
                    <select on:change=move |ev| sort.set(match event_target_value(&ev).as_str() {
                        "municipio" => SortBy::Municipality,
                        "avance" => SortBy::Progress,
                        _ => SortBy::Name,
                    })>
                        <option value="nombre">"Nombre"</option>
                        <option value="municipio">"Municipio"</option>
                        <option value="avance">"Avance (mejor primero)"</option>
                    </select>
                </label>
            </div>
            {table}
        </section>
    }
}

/// A topic's cell: "✓ 90 %" (the tick for sighted readers, the words for screen readers).
fn compact(cell: Option<&Cell>) -> impl IntoView {
    match cell {
        None => view! { <span aria-hidden="true">"—"</span><span class="solo-lectores">"sin intentos"</span> }.into_any(),
        Some(c) => view! { <span aria-hidden="true">{c.short()}</span><span class="solo-lectores">{c.spoken()}</span> }.into_any(),
    }
}

fn cell_class(cell: Option<&Cell>) -> &'static str {
    match cell {
        None => "sin-intento",
        Some(c) if c.passed => "aprobado",
        Some(_) => "pendiente",
    }
}

/// The person's name, or a flag when her file has none (or no municipality).
fn name_and_flag(r: &PersonRow) -> impl IntoView {
    let name = r.person.name.trim().to_string();
    let flag = r
        .missing()
        .map(|m| view! { <span class="sin-nombre">{m.message()}</span> });
    view! {
        {(!name.is_empty()).then(|| view! { <span class="nombre">{name}</span> })}
        {flag}
    }
}

fn wide_table(
    topics: &[Topic],
    rows: Vec<PersonRow>,
    open: RwSignal<BTreeSet<String>>,
) -> impl IntoView {
    let columns = 4 + topics.len();
    let head = topics
        .iter()
        .map(|t| view! { <th scope="col" class="tema">{t.title.clone()}</th> })
        .collect_view();
    let body = rows
        .into_iter()
        .map(|r| {
            let id = r.person.id.clone();
            let detail_id = format!("detalle-{id}");
            let controls = detail_id.clone();
            let is_open = {
                let id = id.clone();
                Memo::new(move |_| open.with(|o| o.contains(&id)))
            };
            let toggle = {
                let id = id.clone();
                move |_| open.update(|o| if !o.remove(&id) { o.insert(id.clone()); })
            };
            let cells = topics
                .iter()
                .map(|t| {
                    let c = r.cells.get(&t.id);
                    view! { <td class=format!("tema {}", cell_class(c))>{compact(c)}</td> }
                })
                .collect_view();
            let details: Vec<(String, String)> = topics
                .iter()
                .map(|t| {
                    let text = r.cells.get(&t.id).map_or("sin intentos".to_string(), Cell::detail);
                    (t.title.clone(), text)
                })
                .collect();
            let flagged = r.missing().is_some();
            view! {
                <tr class:sin-datos=flagged>
                    <th scope="row">
                        {name_and_flag(&r)}
                        <button type="button" class="secundario ver-detalle" aria-expanded=move || is_open.get().to_string()
                            aria-controls=move || is_open.get().then(|| controls.clone()) on:click=toggle>
                            {move || if is_open.get() { "Ocultar detalle" } else { "Ver detalle" }}
                        </button>
                    </th>
                    <td>{r.person.municipality.clone()}</td>
                    <td>{r.person.job_title.clone()}</td>
                    <td class="en-repaso">{r.in_review}</td>
                    {cells}
                </tr>
                {move || is_open.get().then(|| view! {
                    <tr class="fila-detalle" id=detail_id.clone()>
                        <td colspan=columns>
                            <ul>{details
                                .iter()
                                .map(|(t, text)| view! { <li><strong>{t.clone()}</strong>": "{text.clone()}</li> })
                                .collect_view()}</ul>
                        </td>
                    </tr>
                })}
            }
        })
        .collect_view();
    view! {
        <div class="tabla-desplazable" tabindex="0" role="region" aria-labelledby="tabla-titulo">
            <table class="tabla-enlace">
                <caption class="solo-lectores">"Preguntas en repaso y mejor resultado por persona y tema (✓ aprobado, ✗ aún no aprobado, — sin intentos). «Ver detalle» muestra la fecha, la versión del contenido y los intentos."</caption>
                <thead><tr><th scope="col">"Nombre"</th><th scope="col">"Municipio"</th><th scope="col">"Cargo"</th><th scope="col">"En repaso"</th>{head}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

/// One card per person, a line per topic with its detail: the table's content for a phone.
fn cards(topics: &[Topic], rows: Vec<PersonRow>) -> impl IntoView {
    let items = rows
        .into_iter()
        .map(|r| {
            let lines = topics
                .iter()
                .map(|t| {
                    let c = r.cells.get(&t.id);
                    view! {
                        <li class=cell_class(c)>
                            <span class="tema-nombre">{t.title.clone()}</span>
                            <span class="tema-resultado">{compact(c)}</span>
                            {c.map(|c| view! { <span class="detalle">{c.detail()}</span> })}
                        </li>
                    }
                })
                .collect_view();
            let place = [r.person.municipality.trim(), r.person.job_title.trim()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
            view! {
                <li class="tarjeta-persona" class:sin-datos=r.missing().is_some()>
                    <h3>{name_and_flag(&r)}</h3>
                    {(!place.is_empty()).then(|| view! { <p class="meta">{place}</p> })}
                    <p class="meta en-repaso">{format!("En repaso: {}", r.in_review)}</p>
                    <ul class="temas-persona">{lines}</ul>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="tarjetas-personas" aria-labelledby="tabla-titulo">{items}</ul> }
}

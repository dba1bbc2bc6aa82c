//! The municipal contact's board (`/enlace/`): a separate wasm app with its own Trunk build
//! (`enlace.html`, `Trunk.enlace.toml`), so none of its code reaches the trainees' download.
//! Loads results files, backups and consolidated files; merges them by ids with `crates/results`;
//! shows the people × topics table, pending people and pass rates; exports a consolidated file,
//! a CSV and a printable summary; checks constancia codes. Nothing leaves the browser, and
//! nothing is stored unless the contact asks for it.

use leptos::prelude::*;
use results::{Board, Filter, Loaded, PersonRow, Rate, Rejection, SortBy};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};

mod session;

/// Rows of the people table, and names of the pending list, drawn before "Mostrar más".
const PAGE: usize = 50;

/// Rows drawn in the first frame after a load (more than a screen holds).
const FIRST_ROWS: usize = 10;

/// Rejected files listed by name; the rest are counted.
const LISTED: usize = 50;

fn now() -> f64 {
    js_sys::Date::now()
}

/// A `performance.mark` for the benchmark (scripts/bench-board.mjs reads them).
fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// The outcome of the last load.
#[derive(Clone, Debug, Default, PartialEq)]
struct LoadSummary {
    accepted: usize,
    new_people: usize,
    new_attempts: usize,
    repeated: usize,
    rejected: Vec<(String, String)>,
}

/// Files read in one go: each batch is joined into one Blob and read with one request (reading
/// 1,000 small files one by one took seconds on a throttled CPU). Small batches keep the pipeline
/// full: while the browser reads one batch, the page parses the one before and looks up the sizes
/// of the next. At most this many files or bytes per batch, so a pile of big consolidated files is
/// not all in memory at once.
const BATCH_FILES: usize = 100;
const BATCH_BYTES: f64 = 20_000_000.0;
/// Batches being read by the browser while the page works on others.
const IN_FLIGHT: usize = 3;

/// A batch whose joined read has started (`read` is None when the Blob could not be made).
struct Reading {
    files: Vec<web_sys::File>,
    read: Option<JsFuture>,
}

/// Starts reading a batch: one joined Blob, one `arrayBuffer()`. The sizes are already known
/// (looked up for the size limit), so joining costs the browser no further look-up.
fn start_read(files: Vec<web_sys::File>) -> Reading {
    let parts: js_sys::Array = files.iter().collect();
    let read = web_sys::Blob::new_with_blob_sequence(&parts)
        .ok()
        .map(|joined| JsFuture::from(joined.array_buffer()));
    Reading { files, read }
}

/// Waits for a batch and validates each file straight from the joined bytes (no copy per file).
async fn finish_read(
    batch: Reading,
    loaded: &mut Vec<Loaded>,
    rejected: &mut Vec<(String, String)>,
) {
    let mut outcome = |f: &web_sys::File, bytes: Option<&[u8]>| match bytes.map(results::parse) {
        None => rejected.push((f.name(), "No se pudo leer el archivo.".into())),
        Some(Ok(l)) => loaded.push(l),
        Some(Err(e)) => rejected.push((f.name(), e.message())),
    };
    if let Some(read) = batch.read {
        if let Ok(buf) = read.await {
            let all = js_sys::Uint8Array::new(&buf).to_vec();
            let mut at = 0;
            for f in &batch.files {
                let end = at + f.size() as usize;
                outcome(f, all.get(at..end));
                at = end;
            }
            return;
        }
    }
    // One unreadable file (removed or changed since it was chosen) fails the joined read: read
    // each on its own so only that one is reported.
    for f in &batch.files {
        let bytes = JsFuture::from(f.array_buffer())
            .await
            .ok()
            .map(|b| js_sys::Uint8Array::new(&b).to_vec());
        outcome(f, bytes.as_deref());
    }
}

/// Reads the files (refusing big ones before reading) and validates them, in the order chosen.
async fn read_files(files: Vec<web_sys::File>) -> (Vec<Loaded>, Vec<(String, String)>) {
    let mut loaded = Vec::with_capacity(files.len());
    let mut rejected = Vec::new();
    let mut reading = std::collections::VecDeque::new();
    let mut batch: Vec<web_sys::File> = Vec::new();
    let mut batch_bytes = 0.0;
    let last = files.len().saturating_sub(1);
    for (i, f) in files.into_iter().enumerate() {
        let size = f.size();
        if size > results::MAX_BYTES as f64 {
            rejected.push((f.name(), Rejection::TooLarge.message()));
        } else {
            batch_bytes += size;
            batch.push(f);
        }
        let full = batch.len() >= BATCH_FILES || batch_bytes >= BATCH_BYTES || i == last;
        if batch.is_empty() || !full {
            continue;
        }
        reading.push_back(start_read(std::mem::take(&mut batch)));
        batch_bytes = 0.0;
        if reading.len() >= IN_FLIGHT {
            if let Some(r) = reading.pop_front() {
                finish_read(r, &mut loaded, &mut rejected).await;
            }
        }
    }
    while let Some(r) = reading.pop_front() {
        finish_read(r, &mut loaded, &mut rejected).await;
    }
    (loaded, rejected)
}

fn file_list(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return vec![] };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

#[component]
fn BoardPage() -> impl IntoView {
    let board = RwSignal::new(Board::new());
    let summary = RwSignal::new(None::<LoadSummary>);
    let busy = RwSignal::new(false);
    let session_note = RwSignal::new(None::<(bool, String)>);
    // The pending list and the charts (about half of the board's elements, below the first
    // screen) are drawn after the first frame of a load is painted, so the totals and the
    // table show sooner.
    let below = RwSignal::new(true);
    if let Some(saved) = session::load() {
        match saved {
            Ok((b, at)) => {
                board.set(b);
                session_note.set(Some((
                    true,
                    format!("Se abrió la sesión guardada en este equipo el {at}."),
                )));
            }
            Err(msg) => session_note.set(Some((false, msg))),
        }
    }
    let load = move |files: Vec<web_sys::File>| {
        if files.is_empty() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            mark("enlace-inicio");
            let (loaded, rejected) = read_files(files).await;
            mark("enlace-leidos");
            let mut s = LoadSummary {
                accepted: loaded.len(),
                rejected,
                ..Default::default()
            };
            below.set(false);
            board.update(|b| {
                for l in loaded {
                    let r = b.add(l);
                    s.new_people += r.new_people;
                    s.new_attempts += r.new_attempts;
                    s.repeated += r.repeated_attempts;
                }
            });
            mark("enlace-combinados");
            summary.set(Some(s));
            busy.set(false);
            // Two frames: the first paints the totals and the table.
            request_animation_frame(move || {
                request_animation_frame(move || below.set(true));
            });
        });
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let files = file_list(input.files());
        input.set_value("");
        load(files);
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        let files = js_sys::Reflect::get(&ev, &JsValue::from_str("dataTransfer"))
            .ok()
            .and_then(|dt| js_sys::Reflect::get(&dt, &JsValue::from_str("files")).ok())
            .and_then(|f| f.dyn_into::<web_sys::FileList>().ok());
        load(file_list(files));
    };
    let has_data = move || board.with(|b| b.people_count() > 0);
    view! {
        <main id="contenido" class="pagina enlace" data-personas=move || board.with(Board::people_count)>
            <h1>"Tablero de la persona enlace"</h1>
            <p class="privacidad-enlace">
                "Privacidad: estos son datos personales de quienes atienden casos de violencia. Los archivos se leen solo en este navegador: nada sale de este equipo ni se envía a ningún servidor. "
                "Si no elige «Guardar en este equipo», nada de lo que cargue se guarda: al cerrar la pestaña desaparece. "
                "«Borrar» elimina la sesión guardada."
            </p>
            <section class="no-imprimir" aria-labelledby="cargar-titulo">
                <h2 id="cargar-titulo">"Cargar archivos"</h2>
                <p>"Resultados de cada persona (JSON o CSV), respaldos de Jornada y archivos consolidados de otros municipios. Elija muchos a la vez o arrástrelos a este recuadro."</p>
                <div class="zona-carga" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
                    <label for="archivos" class="boton">"Elegir archivos"</label>
                    <input id="archivos" class="solo-lectores-input" type="file" multiple accept=".json,.csv,application/json,text/csv" on:change=on_change/>
                    <p class="meta">"o suéltelos aquí"</p>
                </div>
                <p role="status" class="estado-carga">
                    {move || if busy.get() { "Leyendo archivos…".to_string() } else {
                        summary.get().map(|s| format!(
                            "Archivos aceptados: {} de {}. Personas nuevas: {}. Intentos nuevos: {}. Intentos repetidos (contados una sola vez): {}.",
                            s.accepted, s.accepted + s.rejected.len(), s.new_people, s.new_attempts, s.repeated
                        )).unwrap_or_default()
                    }}
                </p>
                {move || summary.get().filter(|s| !s.rejected.is_empty()).map(|s| {
                    let more = s.rejected.len().saturating_sub(LISTED);
                    view! {
                        <div class="rechazados" role="alert">
                            <h3>{format!("Archivos rechazados: {}", s.rejected.len())}</h3>
                            <ul>{s.rejected.into_iter().take(LISTED).map(|(n, why)| view! { <li><strong>{n}</strong>": "{why}</li> }).collect_view()}</ul>
                            {(more > 0).then(|| view! { <p>{format!("… y {more} archivos más con problemas.")}</p> })}
                        </div>
                    }
                })}
                {move || session_note.get().map(|(ok, m)| view! { <p class=if ok { "ok" } else { "error" } role="status">{m}</p> })}
                <Warnings board/>
            </section>
            {move || has_data().then(|| view! {
                <Totals board/>
                <PeopleTable board below/>
                {move || below.get().then(|| view! { <Pending board/><Charts board/> })}
                <Export board/>
            })}
            <Session board session_note/>
            <ConstanciaCheck board/>
        </main>
    }
}

#[component]
fn Warnings(board: RwSignal<Board>) -> impl IntoView {
    move || {
        board.with(|b| {
            let conflicts = b.conflicts();
            let unverified = b.unverified_files;
            view! {
                {(unverified > 0).then(|| view! {
                    <p class="aviso">{format!("{unverified} archivo(s) sin verificación: son de la versión anterior de Jornada, CSV o respaldos, y no traen código de integridad. Sus datos se incluyen, pero no se puede comprobar que no se editaron.")}</p>
                })}
                {(!conflicts.is_empty()).then(|| view! {
                    <div class="aviso" role="region" aria-labelledby="conflictos-titulo">
                        <h3 id="conflictos-titulo">"La misma persona con nombres distintos"</h3>
                        <p>"Estas personas tienen el mismo identificador en varios archivos, con nombres diferentes. Se cuentan una sola vez y se muestra el nombre del archivo más reciente."</p>
                        <ul>{conflicts.into_iter().map(|c| view! {
                            <li>{format!("Se muestra «{}»; también aparece como: {}", c.shown, c.names.iter().filter(|n| **n != c.shown).map(|n| format!("«{n}»")).collect::<Vec<_>>().join(", "))}</li>
                        }).collect_view()}</ul>
                    </div>
                })}
            }
        })
    }
}

#[component]
fn Totals(board: RwSignal<Board>) -> impl IntoView {
    move || {
        let s = board.with(Board::stats);
        let files = board.with(|b| b.files);
        view! {
            <section aria-labelledby="totales-titulo" class="totales">
                <h2 id="totales-titulo">{if s.municipalities > 1 { "Totales del estado" } else { "Totales" }}</h2>
                <dl class="cifras">
                    <div><dt>"Personas"</dt><dd class="total-personas">{s.people}</dd></div>
                    <div><dt>"Municipios"</dt><dd class="total-municipios">{s.municipalities}</dd></div>
                    <div><dt>"Intentos"</dt><dd class="total-intentos">{s.attempts}</dd></div>
                    <div><dt>"Acreditaron todos los temas"</dt><dd class="total-completos">{s.completed}</dd></div>
                </dl>
                <p class="meta">{format!("Con {files} archivo(s) cargado(s). Fecha del resumen: {}.", jornada::components::file_stamp())}</p>
            </section>
        }
    }
}

#[component]
fn PeopleTable(board: RwSignal<Board>, below: RwSignal<bool>) -> impl IntoView {
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
        let head = topics
            .iter()
            .map(|t| view! { <th scope="col">{t.title.clone()}</th> })
            .collect_view();
        let body = rows
            .into_iter()
            .map(|r| {
                let cells = topics
                    .iter()
                    .map(|t| match r.cells.get(&t.id) {
                        None => view! { <td class="sin-intento">"—"</td> }.into_any(),
                        Some(c) => view! {
                            <td class=if c.passed { "aprobado" } else { "pendiente" }>
                                {format!("{} % · {}", c.best, if c.passed { "aprobado" } else { "no aprobado" })}
                                <span class="detalle">{format!("{} · v{} · {} int.", c.date, c.content_version, c.attempts)}</span>
                            </td>
                        }
                        .into_any(),
                    })
                    .collect_view();
                view! {
                    <tr>
                        <th scope="row">{r.person.name}</th>
                        <td>{r.person.municipality}</td>
                        <td>{r.person.job_title}</td>
                        <td class="en-repaso">{r.in_review}</td>
                        {cells}
                    </tr>
                }
            })
            .collect_view();
        view! {
            <p class="meta" role="status">{format!("Personas en la tabla: {count}")}</p>
            <div class="tabla-desplazable" tabindex="0" role="region" aria-labelledby="tabla-titulo">
                <table class="tabla-enlace">
                    <caption class="solo-lectores">"Preguntas en repaso y mejor resultado por persona y tema: porcentaje, si aprobó, fecha, versión del contenido e intentos"</caption>
                    <thead><tr><th scope="col">"Nombre"</th><th scope="col">"Municipio"</th><th scope="col">"Cargo"</th><th scope="col">"En repaso"</th>{head}</tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            {(count > limit).then(|| view! {
                <p class="meta">{format!("Se muestran {limit} de {count} personas.")}</p>
                <button type="button" class="secundario" on:click=move |_| shown.update(|n| *n += PAGE)>{format!("Mostrar {} más", PAGE.min(count - limit))}</button>
                <button type="button" class="secundario" on:click=move |_| shown.set(usize::MAX)>{format!("Mostrar todas ({count})")}</button>
            })}
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

#[component]
fn Pending(board: RwSignal<Board>) -> impl IntoView {
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
fn Charts(board: RwSignal<Board>) -> impl IntoView {
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

#[component]
fn Export(board: RwSignal<Board>) -> impl IntoView {
    let consolidated = move |_| {
        let text = board.with_untracked(|b| b.consolidated(now()).to_text());
        jornada::components::download(
            &format!(
                "jornada-consolidado-{}.json",
                jornada::components::file_stamp()
            ),
            &text,
            "application/json",
        );
    };
    let csv = move |_| {
        let text = board.with_untracked(Board::csv);
        jornada::components::download(
            &format!(
                "jornada-consolidado-{}.csv",
                jornada::components::file_stamp()
            ),
            &text,
            "text/csv;charset=utf-8",
        );
    };
    view! {
        <section aria-labelledby="exportar-titulo" class="no-imprimir">
            <h2 id="exportar-titulo">"Pasar los resultados"</h2>
            <p>"El archivo consolidado tiene el mismo formato que el de cada persona, con un código de integridad: la coordinación estatal puede cargar aquí los de varios municipios. El código detecta ediciones o daños del archivo; no es una firma digital."</p>
            <button type="button" on:click=consolidated>"Descargar archivo consolidado (JSON)"</button>
            <button type="button" class="secundario" on:click=csv>"Descargar CSV para hoja de cálculo"</button>
            <button type="button" class="secundario" on:click=|_| { let _ = web_sys::window().map(|w| w.print()); }>"Imprimir resumen"</button>
        </section>
    }
}

#[component]
fn Session(
    board: RwSignal<Board>,
    session_note: RwSignal<Option<(bool, String)>>,
) -> impl IntoView {
    let save = move |_| {
        let text = board.with_untracked(|b| b.consolidated(now()).to_text());
        session_note.set(Some(match session::save(&text) {
            Ok(()) => (true, "Sesión guardada en este equipo. Se abrirá la próxima vez que entre a esta página, hasta que elija «Borrar».".into()),
            Err(m) => (false, m),
        }));
    };
    let clear = move |_| {
        let removed = session::clear();
        board.set(Board::new());
        session_note.set(Some(if removed {
            (true, "Se borraron los datos de esta página y la sesión guardada en este equipo.".into())
        } else {
            (false, "Se vaciaron los datos de esta página, pero este navegador no permitió borrar la sesión guardada.".into())
        }));
    };
    view! {
        <section aria-labelledby="sesion-titulo" class="no-imprimir">
            <h2 id="sesion-titulo">"Este equipo"</h2>
            <button type="button" class="secundario" on:click=save disabled=move || board.with(|b| b.people_count() == 0)>"Guardar en este equipo"</button>
            <button type="button" class="secundario" on:click=clear>"Borrar"</button>
        </section>
    }
}

#[component]
fn ConstanciaCheck(board: RwSignal<Board>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let municipality = RwSignal::new(String::new());
    let job = RwSignal::new(String::new());
    let which = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let rows = RwSignal::new(std::collections::BTreeMap::<String, (String, String, String)>::new());
    let verdict = RwSignal::new(None::<(bool, String)>);
    let bind = |s: RwSignal<String>| move |ev: leptos::ev::Event| s.set(event_target_value(&ev));
    let topics = move || board.with(|b| b.topics().to_vec());
    let shown = move || {
        let w = which.get();
        topics()
            .into_iter()
            .filter(|t| w == "curso" || t.id == w)
            .collect::<Vec<_>>()
    };
    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let r = rows.get_untracked();
        let mut printed = Vec::new();
        for t in shown() {
            let (d, b, v) = r.get(&t.id).cloned().unwrap_or_default();
            let Ok(best) = b.trim().trim_end_matches('%').trim().parse::<u8>() else {
                verdict.set(Some((
                    false,
                    format!(
                        "Escriba el mejor resultado de «{}» como número (por ejemplo, 90).",
                        t.title
                    ),
                )));
                return;
            };
            printed.push((
                t.id.clone(),
                d.trim().to_string(),
                best,
                v.trim().to_string(),
            ));
        }
        if which.get_untracked().is_empty() || printed.is_empty() {
            verdict.set(Some((false, "Elija de qué es la constancia.".into())));
            return;
        }
        let fields = results::constancia_fields(
            &name.get_untracked(),
            municipality.get_untracked().trim(),
            job.get_untracked().trim(),
            &which.get_untracked(),
            &printed
                .iter()
                .map(|(t, d, b, v)| (t.as_str(), d.as_str(), *b, v.as_str()))
                .collect::<Vec<_>>(),
        );
        let expected =
            results::verification_code(&fields.iter().map(String::as_str).collect::<Vec<_>>());
        let typed = results::normalize_code(&code.get_untracked());
        verdict.set(Some(if typed == expected {
            (true, "Coincide: el código corresponde exactamente a los datos escritos.".into())
        } else {
            (false, "No coincide: el código no corresponde a estos datos. Revise que copió igual cada dato (acentos, fechas, versión); si todo es igual, la constancia o el código se modificaron.".into())
        }));
    };
    view! {
        <section aria-labelledby="constancia-titulo" class="no-imprimir comprobar-constancia">
            <h2 id="constancia-titulo">"Comprobar una constancia"</h2>
            <p>"Escriba el código de verificación y los datos tal como aparecen impresos. Si coinciden, el papel muestra los mismos datos con los que se calculó el código: nadie los cambió a mano. No es una firma digital: no prueba quién emitió la constancia, ni que la autoevaluación se hizo como se dice."</p>
            {move || topics().is_empty().then(|| view! { <p class="meta">"Cargue primero al menos un archivo de resultados: de ahí se toman los temas del curso."</p> })}
            <form on:submit=check>
                <label>"Nombre" <input type="text" on:input=bind(name) autocomplete="off"/></label>
                <label>"Municipio" <input type="text" on:input=bind(municipality) autocomplete="off"/></label>
                <label>"Cargo (si aparece)" <input type="text" on:input=bind(job) autocomplete="off"/></label>
                <label>"Constancia de "
                    <select on:change=move |ev| which.set(event_target_value(&ev))>
                        <option value="">"Elija…"</option>
                        {move || topics().into_iter().map(|t| view! { <option value=t.id>{t.title}</option> }).collect_view()}
                        <option value="curso">"Curso completo"</option>
                    </select>
                </label>
                {move || shown().into_iter().map(|t| {
                    let id = t.id.clone();
                    let set = move |k: usize| {
                        let id = id.clone();
                        move |ev: leptos::ev::Event| {
                            let v = event_target_value(&ev);
                            rows.update(|r| {
                                let e = r.entry(id.clone()).or_default();
                                match k { 0 => e.0 = v, 1 => e.1 = v, _ => e.2 = v }
                            });
                        }
                    };
                    view! {
                        <fieldset>
                            <legend>{t.title.clone()}</legend>
                            <label>"Fecha de acreditación (dd/mm/aaaa) " <input type="text" inputmode="numeric" on:input=set(0)/></label>
                            <label>"Mejor resultado (%) " <input type="text" inputmode="numeric" on:input=set(1)/></label>
                            <label>"Versión del contenido " <input type="text" on:input=set(2)/></label>
                        </fieldset>
                    }
                }).collect_view()}
                <label>"Código de verificación" <input type="text" on:input=bind(code) autocomplete="off" placeholder="XXXX-XXXX-XXXX"/></label>
                <button type="submit">"Comprobar"</button>
            </form>
            {move || verdict.get().map(|(ok, m)| view! { <p class=if ok { "ok veredicto-constancia" } else { "error veredicto-constancia" } role="status">{m}</p> })}
        </section>
    }
}

fn main() {
    console_error_panic_hook::set_once();
    if let Some(loading) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("cargando"))
    {
        loading.remove();
    }
    leptos::mount::mount_to_body(|| {
        view! {
            <header class="cabecera-enlace no-imprimir">
                <p class="marca">"Jornada · Persona enlace"</p>
                <a href="/" rel="external">"Volver al curso"</a>
            </header>
            <BoardPage/>
        }
    });
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.set_attribute("data-app-ready", "1");
    }
}

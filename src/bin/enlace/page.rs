//! The board's one page: loading, warnings, totals, the table, pending people, charts, export,
//! this computer's session and the constancia check, each from its own file.

use leptos::prelude::*;
use results::Board;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::spawn_local;

use crate::charts::Charts;
use crate::constancia_check::ConstanciaCheck;
use crate::load::{file_list, read_files, LoadSummary, Progress};
use crate::pending::Pending;
use crate::table::PeopleTable;
use crate::{mark, now, session};

/// Rejected files listed by name; the rest are counted.
const LISTED: usize = 50;

#[component]
pub fn BoardPage() -> impl IntoView {
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
    let progress = Progress::new();
    let (done, total, cancel) = (progress.done, progress.total, progress.cancelled);
    let load = move |files: Vec<web_sys::File>| {
        if files.is_empty() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            mark("enlace-inicio");
            let Ok((loaded, rejected)) = read_files(files, &progress).await else {
                // Cancelled: nothing of this selection is added; what was loaded stays.
                summary.set(Some(LoadSummary {
                    cancelled: true,
                    ..Default::default()
                }));
                busy.set(false);
                return;
            };
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
    let narrow = narrow_screen();
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
                {move || busy.get().then(|| {
                    view! {
                        <div class="progreso-carga">
                            <label for="progreso-carga">{move || format!("Leyendo archivos: {} de {}", done.get(), total.get())}</label>
                            <progress id="progreso-carga" max=move || total.get().max(1) value=move || done.get()></progress>
                            <button type="button" class="secundario" on:click=move |_| { cancel.set(true); crate::reader::cancel(); }>"Cancelar"</button>
                        </div>
                    }
                })}
                <p role="status" class="estado-carga">
                    {move || if busy.get() { "Leyendo archivos…".to_string() } else {
                        summary.get().map(|s| if s.cancelled {
                            "Lectura cancelada: no se agregó ningún archivo de esta selección.".to_string()
                        } else { format!(
                            "Archivos aceptados: {} de {}. Personas nuevas: {}. Intentos nuevos: {}. Intentos repetidos (contados una sola vez): {}.",
                            s.accepted, s.accepted + s.rejected.len(), s.new_people, s.new_attempts, s.repeated
                        )}).unwrap_or_default()
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
                <PeopleTable board below narrow/>
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
            let missing = b.missing_count();
            view! {
                {(unverified > 0).then(|| view! {
                    <p class="aviso">{format!("{unverified} archivo(s) sin verificación: son de la versión anterior de Jornada, CSV o respaldos, y no traen código de integridad. Sus datos se incluyen, pero no se puede comprobar que no se editaron.")}</p>
                })}
                {(missing > 0).then(|| view! {
                    <p class="aviso">{if missing == 1 {
                        "1 archivo no trae nombre o municipio: está marcado en la tabla. Pida a la persona que complete su perfil en Jornada y le envíe el archivo de nuevo.".to_string()
                    } else {
                        format!("{missing} archivos no traen nombre o municipio: están marcados en la tabla. Pida a cada persona que complete su perfil en Jornada y le envíe el archivo de nuevo.")
                    }}</p>
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

/// Whether the screen is narrower than about 800 px (the table becomes one card per person),
/// following the window as it is resized or the phone turned.
fn narrow_screen() -> Signal<bool> {
    const QUERY: &str = "(max-width: 50rem)";
    let list = web_sys::window().and_then(|w| w.match_media(QUERY).ok().flatten());
    let narrow = RwSignal::new(list.as_ref().is_some_and(web_sys::MediaQueryList::matches));
    if let Some(list) = list {
        let l = list.clone();
        let on_change =
            wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || narrow.set(l.matches()));
        // The board is mounted once: the listener lives as long as the page.
        let _ = list.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        on_change.forget();
    }
    narrow.into()
}

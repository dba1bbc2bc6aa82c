//! "Comprobar una constancia": the printed fields and code, checked against each other.

use leptos::prelude::*;
use results::Board;

#[component]
pub fn ConstanciaCheck(board: RwSignal<Board>) -> impl IntoView {
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

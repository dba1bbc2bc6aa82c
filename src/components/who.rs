//! Who she is: her name and the municipality where she works, asked on the first visit
//! (`/bienvenida`) and again wherever a results file or a constancia needs them. A GOV.UK
//! "question page": the questions are the labels, each error sits at its field and is listed in
//! a summary at the top of the form, and the first field in error gets the focus.

use leptos::prelude::*;

use crate::model::profiles::{MAX_TEXT, MUNICIPALITIES};
use crate::routes;
use crate::state::{now, random_id, use_progress};

/// The name and municipality of the profile in use (created on first use), prefilled with what
/// is stored. `on_saved` runs once both are stored, inside the submit event: a user gesture, so
/// it may open a share sheet or start a download.
#[component]
pub fn WhoForm(
    /// The submit button's words.
    submit: &'static str,
    on_saved: Callback<()>,
    /// Prefix of the fields' ids, so two forms on a page never share one.
    #[prop(default = "quien")]
    id: &'static str,
    /// Shown between the questions and the button (the welcome's offer of discreet mode).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let store = use_progress();
    if store.locked.get_untracked() {
        return view! {
            <p class="aviso-campo">"Este perfil tiene PIN. Escríbalo en "<a href=routes::PROFILES>"Perfil"</a>" para continuar."</p>
        }
        .into_any();
    }
    let stored = store.profile.get_untracked();
    let name = RwSignal::new(stored.as_ref().map(|p| p.name.clone()).unwrap_or_default());
    let municipality = RwSignal::new(stored.map(|p| p.municipality).unwrap_or_default());
    let name_error = RwSignal::new(None::<String>);
    let muni_error = RwSignal::new(None::<String>);
    let name_id = format!("{id}-nombre");
    let muni_id = format!("{id}-municipio");
    let (name_id2, muni_id2) = (name_id.clone(), muni_id.clone());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked().trim().to_string();
        let m = municipality.get_untracked();
        let ne = if n.is_empty() {
            Some("Escriba su nombre.".to_string())
        } else if n.chars().count() > MAX_TEXT {
            Some(format!(
                "Su nombre puede tener hasta {MAX_TEXT} caracteres."
            ))
        } else if n.chars().any(char::is_control) {
            Some("Su nombre tiene caracteres no válidos.".to_string())
        } else {
            None
        };
        let me = (!MUNICIPALITIES.contains(&m.as_str()))
            .then(|| "Elija el municipio donde trabaja.".to_string());
        let first_error = match (&ne, &me) {
            (Some(_), _) => Some(name_id2.clone()),
            (None, Some(_)) => Some(muni_id2.clone()),
            _ => None,
        };
        name_error.set(ne);
        muni_error.set(me);
        if let Some(field) = first_error {
            focus(&field);
            return;
        }
        store.update_profiles(|d| {
            let p = d.ensure_active(|| random_id("perfil-"), now());
            p.name = n;
            p.municipality = m;
            true
        });
        on_saved.run(());
    };
    let selected = municipality.get_untracked();
    let options = MUNICIPALITIES
        .iter()
        .map(|m| view! { <option value=*m selected=selected == *m>{*m}</option> })
        .collect_view();
    let summary = move || {
        let errors: Vec<String> = [name_error.get(), muni_error.get()]
            .into_iter()
            .flatten()
            .collect();
        (!errors.is_empty()).then(|| {
            view! {
                <div class="resumen-errores" role="alert">
                    <p><strong>"Falta un dato"</strong></p>
                    <ul>{errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                </div>
            }
        })
    };
    let name_err_id = format!("{name_id}-error");
    let muni_err_id = format!("{muni_id}-error");
    let (name_err_id2, muni_err_id2) = (name_err_id.clone(), muni_err_id.clone());
    view! {
        <form class="formulario quien" on:submit=save novalidate>
            {summary}
            <div class="campo" class:campo-error=move || name_error.with(Option::is_some)>
                <label for=name_id.clone() class="pregunta-campo">"¿Cómo se llama?"</label>
                <p class="pista">"Así aparecerá en sus resultados y en sus constancias."</p>
                {move || name_error.get().map(|e| view! { <p class="error-campo" id=name_err_id.clone()>{e}</p> })}
                <input id=name_id type="text" maxlength="80" autocomplete="name"
                    aria-invalid=move || name_error.with(Option::is_some).then_some("true")
                    aria-describedby=move || name_error.with(Option::is_some).then(|| name_err_id2.clone())
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
            </div>
            <div class="campo" class:campo-error=move || muni_error.with(Option::is_some)>
                <label for=muni_id.clone() class="pregunta-campo">"¿En qué municipio trabaja?"</label>
                {move || muni_error.get().map(|e| view! { <p class="error-campo" id=muni_err_id.clone()>{e}</p> })}
                <select id=muni_id
                    aria-invalid=move || muni_error.with(Option::is_some).then_some("true")
                    aria-describedby=move || muni_error.with(Option::is_some).then(|| muni_err_id2.clone())
                    on:change=move |ev| municipality.set(event_target_value(&ev))>
                    <option value="" selected=selected.is_empty()>"Elija su municipio"</option>
                    {options}
                </select>
            </div>
            {children.map(|c| c())}
            <button type="submit">{submit}</button>
        </form>
    }
    .into_any()
}

fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = crate::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

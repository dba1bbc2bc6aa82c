use leptos::prelude::*;

use crate::components::{keep_in_place, set_title};
use crate::model::profiles::{check_fields, valid_pin, PinHash, Profile, MUNICIPALITIES};
use crate::routes;
use crate::state::{now, random_id, use_progress, ProgressStore};

/// Profiles on a shared computer: who is studying, switch, create, rename, PIN, delete.
#[component]
pub fn ProfilePage() -> impl IntoView {
    set_title("Perfiles");
    let store = use_progress();
    let others = move || {
        let active = store.data.with(|d| d.active.clone());
        store.data.with(|d| {
            d.profiles
                .iter()
                .filter(|p| Some(&p.id) != active.as_ref())
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="pagina perfiles">
            <h1>"Perfiles de este equipo"</h1>
            <p>"Si varias personas usan este equipo, cada una puede tener su propio perfil: el avance de un perfil no se ve desde otro."</p>
            {move || if store.locked.get() {
                view! { <Unlock/> }.into_any()
            } else {
                view! { <ActiveProfile/> }.into_any()
            }}
            <section aria-labelledby="otros-titulo">
                <h2 id="otros-titulo">"Cambiar de perfil"</h2>
                {move || {
                    let list = others();
                    if list.is_empty() {
                        view! { <p>"No hay otros perfiles en este equipo."</p> }.into_any()
                    } else {
                        view! { <ul class="lista-perfiles">{list.into_iter().map(|p| view! { <OtherProfile profile=p/> }).collect_view()}</ul> }.into_any()
                    }
                }}
            </section>
            <NewProfile/>
        </div>
    }
}

fn municipality_options(selected: String) -> impl IntoView {
    view! {
        <option value="" selected=selected.is_empty()>"Elija su municipio"</option>
        {MUNICIPALITIES.iter().map(|m| view! { <option value=*m selected=selected == *m>{*m}</option> }).collect_view()}
    }
}

/// The profile in use: edit its data, set or remove its PIN, delete it.
#[component]
fn ActiveProfile() -> impl IntoView {
    let store = use_progress();
    let Some(p) = store.profile.get_untracked() else {
        return view! { <p>"Aún no hay un perfil: se crea uno sin nombre en cuanto empieza a estudiar, o cree el suyo abajo."</p> }.into_any();
    };
    let name = RwSignal::new(p.name.clone());
    let municipality = RwSignal::new(p.municipality.clone());
    let job = RwSignal::new(p.job_title.clone());
    let msg = RwSignal::new(None::<(bool, String)>);
    let id = p.id.clone();
    let id2 = id.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match check_fields(
            &name.get_untracked(),
            &municipality.get_untracked(),
            &job.get_untracked(),
        ) {
            Err(e) => msg.set(Some((false, e))),
            Ok(()) => {
                let id = id.clone();
                store.update_profiles(|d| {
                    let Some(p) = d.get_mut(&id) else {
                        return false;
                    };
                    p.name = name.get_untracked().trim().to_string();
                    p.municipality = municipality.get_untracked();
                    p.job_title = job.get_untracked().trim().to_string();
                    true
                });
                msg.set(Some((true, "Datos del perfil guardados.".into())));
            }
        }
    };
    let has_pin = Memo::new(move |_| {
        store
            .profile
            .with(|p| p.as_ref().is_some_and(|p| p.pin.is_some()))
    });
    let pin = RwSignal::new(String::new());
    let pin_again = RwSignal::new(String::new());
    let pin_msg = RwSignal::new(None::<(bool, String)>);
    let id3 = id2.clone();
    let set_pin = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = pin.get_untracked();
        if !valid_pin(&value) {
            pin_msg.set(Some((
                false,
                "El PIN debe tener exactamente 4 números.".into(),
            )));
            return;
        }
        if pin_again.get_untracked() != value {
            pin_msg.set(Some((
                false,
                "Los dos PIN no son iguales. Escríbalo otra vez en los dos campos.".into(),
            )));
            return;
        }
        let id = id3.clone();
        store.update_profiles(|d| {
            let Some(p) = d.get_mut(&id) else {
                return false;
            };
            p.pin = PinHash::new(&value, &random_id("sal-"));
            true
        });
        pin.set(String::new());
        pin_again.set(String::new());
        pin_msg.set(Some((
            true,
            "PIN guardado. Se pedirá al cambiar a este perfil o al abrir Jornada.".into(),
        )));
    };
    let id4 = id2.clone();
    let remove_pin = move |_| {
        let id = id4.clone();
        store.update_profiles(|d| {
            let Some(p) = d.get_mut(&id) else {
                return false;
            };
            p.pin = None;
            true
        });
        pin_msg.set(Some((true, "PIN quitado.".into())));
    };
    let confirming = RwSignal::new(false);
    let id5 = id2.clone();
    let delete = move |_| {
        let id = id5.clone();
        store.delete_profile(&id);
        confirming.set(false);
    };
    let feedback = |m: RwSignal<Option<(bool, String)>>| {
        move || {
            m.get().map(|(ok, text)| view! { <p class=if ok { "ok" } else { "error" } role=if ok { "status" } else { "alert" }>{text}</p> })
        }
    };
    view! {
        <section class="tarjeta" aria-labelledby="activo-titulo">
            <h2 id="activo-titulo">"Perfil en uso: " {move || store.profile.get().map(|p| p.display_name().to_string()).unwrap_or_default()}</h2>
            <form on:submit=save class="formulario">
                <label for="perfil-nombre">"Nombre"</label>
                <input id="perfil-nombre" type="text" maxlength="80" autocomplete="name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                <label for="perfil-municipio">"Municipio"</label>
                <select id="perfil-municipio" on:change=move |ev| municipality.set(event_target_value(&ev))>{municipality_options(p.municipality.clone())}</select>
                <label for="perfil-cargo">"Cargo (opcional)"</label>
                <input id="perfil-cargo" type="text" maxlength="80" prop:value=move || job.get() on:input=move |ev| job.set(event_target_value(&ev))/>
                <button type="submit">"Guardar datos"</button>
                {feedback(msg)}
            </form>
            <h3>"PIN (opcional)"</h3>
            <p class="meta">"El PIN de 4 números evita que otra persona del equipo abra su perfil por descuido. No es una protección fuerte: alguien decidido y con conocimientos podría leer los datos del navegador."</p>
            <p class="meta">"Si olvida su PIN, nadie puede recuperarlo, tampoco su persona enlace. Lo que sí recupera su avance es una copia guardada en «Respaldo»: guarde una después de poner el PIN."</p>
            <form on:submit=set_pin class="formulario fila">
                <label for="perfil-pin">{move || if has_pin.get() { "Nuevo PIN de 4 números" } else { "PIN de 4 números" }}</label>
                <input id="perfil-pin" type="password" inputmode="numeric" maxlength="4" autocomplete="off" prop:value=move || pin.get() on:input=move |ev| pin.set(event_target_value(&ev))/>
                <label for="perfil-pin-otra-vez">"Repita el PIN"</label>
                <input id="perfil-pin-otra-vez" type="password" inputmode="numeric" maxlength="4" autocomplete="off" prop:value=move || pin_again.get() on:input=move |ev| pin_again.set(event_target_value(&ev))/>
                <button type="submit">{move || if has_pin.get() { "Cambiar PIN" } else { "Poner PIN" }}</button>
                {move || has_pin.get().then(|| view! { <button type="button" class="secundario" on:click=remove_pin.clone()>"Quitar PIN"</button> })}
            </form>
            {feedback(pin_msg)}
            <h3>"Borrar mis datos de este equipo"</h3>
            <p class="meta">"Se borran este perfil y todo su avance de este navegador. Si lo quiere conservar, antes "<a href=routes::BACKUP>"guarde una copia"</a>"."</p>
            {move || if confirming.get() {
                view! {
                    <div class="confirmar" role="alertdialog" aria-labelledby="confirmar-texto">
                        <p id="confirmar-texto"><strong>"¿Borrar este perfil y todo su avance? No se puede deshacer."</strong></p>
                        <button type="button" class="peligro" on:click=delete.clone()>"Sí, borrar mis datos"</button>
                        <button type="button" class="secundario" on:click=move |_| confirming.set(false)>"Cancelar"</button>
                    </div>
                }.into_any()
            } else {
                view! { <button type="button" class="peligro" on:click=move |_| confirming.set(true)>"Borrar mis datos de este equipo"</button> }.into_any()
            }}
        </section>
    }
    .into_any()
}

/// The active profile has a PIN and this session has not unlocked it.
#[component]
pub fn Unlock() -> impl IntoView {
    let store = use_progress();
    let pin = RwSignal::new(String::new());
    let error = RwSignal::new(false);
    let name = move || {
        store
            .profile
            .get()
            .map(|p| p.display_name().to_string())
            .unwrap_or_default()
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if store.unlock(&pin.get_untracked()) {
            error.set(false);
        } else {
            error.set(true);
        }
        pin.set(String::new());
    };
    view! {
        <section class="tarjeta" aria-labelledby="bloqueo-titulo">
            <h2 id="bloqueo-titulo">"Perfil con PIN: " {name}</h2>
            <form on:submit=submit class="formulario fila">
                <label for="pin-desbloqueo">"Escriba el PIN para ver su avance"</label>
                <input id="pin-desbloqueo" type="password" inputmode="numeric" maxlength="4" autocomplete="off" prop:value=move || pin.get() on:input=move |ev| pin.set(event_target_value(&ev))/>
                <button type="submit">"Abrir perfil"</button>
            </form>
            {move || error.get().then(|| view! { <p class="error" role="alert">"PIN incorrecto."</p> })}
            <details class="olvido-pin">
                <summary>"¿Olvidó su PIN?"</summary>
                <p>"Nadie puede recuperar un PIN olvidado, tampoco su persona enlace. Si guardó una copia de su avance, cree un perfil nuevo en "<a href=routes::PROFILES>"Perfil"</a>" y recupere la copia en "<a href=routes::BACKUP>"Respaldo"</a>": su avance vuelve completo. Sin una copia, el avance de este perfil no se puede abrir."</p>
            </details>
            <p><a href=routes::PROFILES>"Usar otro perfil"</a></p>
        </section>
    }
}

#[component]
fn OtherProfile(profile: Profile) -> impl IntoView {
    let store = use_progress();
    let has_pin = profile.pin.is_some();
    let asking = RwSignal::new(false);
    let pin = RwSignal::new(String::new());
    let error = RwSignal::new(false);
    let id = profile.id.clone();
    let switch = move |entered: Option<String>| {
        if store.switch_to(&id, entered.as_deref()) {
            asking.set(false);
            error.set(false);
        } else {
            error.set(true);
        }
    };
    let s2 = switch.clone();
    let label = format!(
        "{}{}",
        profile.display_name(),
        if profile.municipality.is_empty() {
            String::new()
        } else {
            format!(" · {}", profile.municipality)
        }
    );
    let pin_id = format!("pin-{}", profile.id);
    let pin_id2 = pin_id.clone();
    view! {
        <li class="perfil-item">
            <span class="perfil-nombre">{label}</span>
            {move || if asking.get() {
                let s3 = s2.clone();
                view! {
                    <form class="formulario fila" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); s3(Some(pin.get_untracked())); pin.set(String::new()); }>
                        <label for=pin_id.clone()>"PIN"</label>
                        <input id=pin_id2.clone() type="password" inputmode="numeric" maxlength="4" autocomplete="off" prop:value=move || pin.get() on:input=move |ev| pin.set(event_target_value(&ev))/>
                        <button type="submit">"Abrir"</button>
                    </form>
                }.into_any()
            } else {
                let s = switch.clone();
                view! { <button type="button" class="secundario" on:click=move |_| if has_pin { asking.set(true) } else { s(None) }>"Usar este perfil"</button> }.into_any()
            }}
            {move || error.get().then(|| view! { <p class="error" role="alert">"PIN incorrecto."</p> })}
        </li>
    }
}

#[component]
fn NewProfile() -> impl IntoView {
    let store = use_progress();
    let name = RwSignal::new(String::new());
    let municipality = RwSignal::new(String::new());
    let job = RwSignal::new(String::new());
    let pin = RwSignal::new(String::new());
    let pin_again = RwSignal::new(String::new());
    let msg = RwSignal::new(None::<(bool, String)>);
    let card = NodeRef::<leptos::html::Section>::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Err(e) = check_fields(
            &name.get_untracked(),
            &municipality.get_untracked(),
            &job.get_untracked(),
        ) {
            msg.set(Some((false, e)));
            return;
        }
        let pin_value = pin.get_untracked();
        if !pin_value.is_empty() && !valid_pin(&pin_value) {
            msg.set(Some((
                false,
                "El PIN debe tener exactamente 4 números, o déjelo vacío.".into(),
            )));
            return;
        }
        if pin_again.get_untracked() != pin_value {
            msg.set(Some((
                false,
                "Los dos PIN no son iguales. Escríbalo otra vez en los dos campos.".into(),
            )));
            return;
        }
        // Her profile's card appears above this form: the form stays where she sees it.
        if let Some(el) = card.get_untracked() {
            keep_in_place(&el);
        }
        create_profile(
            store,
            name.get_untracked(),
            municipality.get_untracked(),
            job.get_untracked(),
            pin_value,
        );
        name.set(String::new());
        job.set(String::new());
        pin.set(String::new());
        pin_again.set(String::new());
        msg.set(Some((true, "Perfil creado y en uso.".into())));
    };
    view! {
        <section class="tarjeta" aria-labelledby="nuevo-titulo" node_ref=card>
            <h2 id="nuevo-titulo">"Crear un perfil"</h2>
            <form on:submit=submit class="formulario">
                <label for="nuevo-nombre">"Nombre"</label>
                <input id="nuevo-nombre" type="text" maxlength="80" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                <label for="nuevo-municipio">"Municipio"</label>
                <select id="nuevo-municipio" on:change=move |ev| municipality.set(event_target_value(&ev))>{municipality_options(String::new())}</select>
                <label for="nuevo-cargo">"Cargo (opcional)"</label>
                <input id="nuevo-cargo" type="text" maxlength="80" prop:value=move || job.get() on:input=move |ev| job.set(event_target_value(&ev))/>
                <label for="nuevo-pin">"PIN de 4 números (opcional)"</label>
                <input id="nuevo-pin" type="password" inputmode="numeric" maxlength="4" autocomplete="off" prop:value=move || pin.get() on:input=move |ev| pin.set(event_target_value(&ev))/>
                <label for="nuevo-pin-otra-vez">"Repita el PIN (si puso uno)"</label>
                <input id="nuevo-pin-otra-vez" type="password" inputmode="numeric" maxlength="4" autocomplete="off" prop:value=move || pin_again.get() on:input=move |ev| pin_again.set(event_target_value(&ev))/>
                <button type="submit">"Crear perfil"</button>
            </form>
            // Its line is kept empty until there is something to say, so the message does not
            // push down what follows (`.mensaje-formulario`).
            <div class="mensaje-formulario">
                {move || msg.get().map(|(ok, text)| view! { <p class=if ok { "ok" } else { "error" } role=if ok { "status" } else { "alert" }>{text}</p> })}
            </div>
        </section>
    }
}

fn create_profile(
    store: ProgressStore,
    name: String,
    municipality: String,
    job: String,
    pin: String,
) {
    let mut p = Profile::new(random_id("perfil-"), now());
    p.name = name.trim().to_string();
    p.municipality = municipality;
    p.job_title = job.trim().to_string();
    if !pin.is_empty() {
        p.pin = PinHash::new(&pin, &random_id("sal-"));
    }
    let id = p.id.clone();
    let id2 = id.clone();
    store.update_profiles(move |d| {
        // An unnamed profile with no progress is replaced rather than kept around.
        d.profiles
            .retain(|x| !x.name.is_empty() || x.has_progress());
        d.profiles.push(p);
        d.active = Some(id);
        true
    });
    store.switch_to(&id2, Some(&pin));
}

//! The app: the progress provider, the layout every page shares, and the router.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::discreet::DiscreetMode;
use crate::components::{Banners, QuickExit, SiteFooter, SiteHeader};
use crate::pages::*;
use crate::state::ProgressStore;

/// The root component.
#[component]
pub fn App() -> impl IntoView {
    ProgressStore::provide();
    crate::pwa::Pwa::provide();
    view! {
        <Router>
            <a class="saltar" href="#contenido">"Saltar al contenido"</a>
            <SiteHeader/>
            <Banners/>
            <main id="contenido" tabindex="-1">
                <Routes fallback=|| view! { <NotFoundPage/> }>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/tema/:topic") view=TopicPage/>
                    <Route path=path!("/tema/:topic/leccion/:lesson") view=LessonPage/>
                    <Route path=path!("/tema/:topic/evaluacion") view=QuizPage/>
                    <Route path=path!("/tema/:topic/evaluacion/:attempt") view=ResultPage/>
                    <Route path=path!("/glosario") view=GlossaryPage/>
                    <Route path=path!("/ayuda") view=HelpPage/>
                    <Route path=path!("/privacidad") view=PrivacyPage/>
                    <Route path=path!("/buscar") view=SearchPage/>
                    <Route path=path!("/repaso") view=ReviewPage/>
                    <Route path=path!("/perfil") view=ProfilePage/>
                    <Route path=path!("/bienvenida") view=WelcomePage/>
                    <Route path=path!("/respaldo") view=BackupPage/>
                    <Route path=path!("/constancia/:topic") view=CertificatePage/>
                </Routes>
            </main>
            <SiteFooter/>
            <QuickExit/>
            <DiscreetMode/>
        </Router>
    }
}

//! The page's side of the board's file reader: a module Web Worker (`public/lector.js`) running
//! this same wasm (`worker.rs`), so that reading and validating thousands of files never blocks
//! the page. The page sends the batches and waits for one answer per batch; `load.rs` decides
//! what to do with each answer.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The worker's script: copied from `public/lector.js` by the board's build (`enlace.html`).
const SCRIPT: &str = "/enlace/lector.js";

/// An answer of the reader.
pub enum Reply {
    /// One message per file of the batch (`results::wire`), in order. With `crashed`, validation
    /// trapped on the file after the last message, and the reader closed itself.
    Read {
        messages: Vec<String>,
        crashed: Option<String>,
    },
    /// The batch's joined read failed (a file removed or changed since it was chosen): the page
    /// reads those files itself, each on its own.
    Unreadable,
    /// The reader could not start or stopped without answering (no module workers in this
    /// browser, its script missing, no memory): the page reads the rest itself.
    Failed(String),
    /// The contact pressed "Cancelar".
    Cancelled,
}

#[derive(Default)]
struct Inbox {
    replies: RefCell<VecDeque<Reply>>,
    wake: RefCell<Option<js_sys::Function>>,
}

impl Inbox {
    fn push(&self, reply: Reply) {
        self.replies.borrow_mut().push_back(reply);
        if let Some(wake) = self.wake.borrow_mut().take() {
            let _ = wake.call0(&JsValue::NULL);
        }
    }

    fn try_next(&self) -> Option<Reply> {
        self.replies.borrow_mut().pop_front()
    }

    async fn next(&self) -> Reply {
        loop {
            if let Some(reply) = self.replies.borrow_mut().pop_front() {
                return reply;
            }
            let wait = js_sys::Promise::new(&mut |resolve, _| {
                *self.wake.borrow_mut() = Some(resolve);
            });
            let _ = JsFuture::from(wait).await;
        }
    }
}

thread_local! {
    /// The inbox of the reader a load is waiting on, so "Cancelar" answers at once.
    static CURRENT: RefCell<Option<Rc<Inbox>>> = const { RefCell::new(None) };
    /// A started reader no load is using: started when the board opens, so the first load does
    /// not wait for it, and kept after each load that ended well.
    static SPARE: RefCell<Option<Reader>> = const { RefCell::new(None) };
}

/// Starts a reader for the next load, unless one is waiting already.
pub fn warm() {
    if SPARE.with(|s| s.borrow().is_none()) {
        let reader = Reader::start();
        SPARE.with(|s| *s.borrow_mut() = reader);
    }
}

/// The reader for a load: the spare one, or a new one. None where this browser cannot run one.
pub fn take() -> Option<Reader> {
    let reader = SPARE
        .with(|s| s.borrow_mut().take())
        .or_else(Reader::start)?;
    CURRENT.with(|c| *c.borrow_mut() = Some(reader.inbox.clone()));
    Some(reader)
}

/// Keeps a reader whose load ended well for the next load.
pub fn keep(reader: Reader) {
    CURRENT.with(|c| *c.borrow_mut() = None);
    reader.inbox.replies.borrow_mut().clear();
    SPARE.with(|s| *s.borrow_mut() = Some(reader));
}

/// "Cancelar": the load waiting on the reader stops now (the reader is then terminated).
pub fn cancel() {
    CURRENT.with(|c| {
        if let Some(inbox) = c.borrow().as_ref() {
            inbox.push(Reply::Cancelled);
        }
    });
}

/// A running reader.
pub struct Reader {
    worker: web_sys::Worker,
    inbox: Rc<Inbox>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// The URL of the board's JavaScript (Trunk's module preload of it in the page's head).
fn glue_url() -> Option<String> {
    let link = web_sys::window()?
        .document()?
        .query_selector("link[rel=modulepreload][href*='/enlace/enlace-']")
        .ok()??;
    link.get_attribute("href")
}

impl Reader {
    /// Starts a reader, or None where this browser cannot (the page then reads the files itself).
    fn start() -> Option<Reader> {
        let glue = glue_url()?;
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        let worker = web_sys::Worker::new_with_options(SCRIPT, &options).ok()?;
        let inbox = Rc::new(Inbox::default());
        let to = inbox.clone();
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                let data = ev.data();
                if let Some(why) = get(&data, "failed").as_string() {
                    to.push(Reply::Failed(why));
                    return;
                }
                if get(&data, "unreadable").is_truthy() {
                    to.push(Reply::Unreadable);
                    return;
                }
                let messages = get(&data, "results")
                    .dyn_into::<js_sys::Array>()
                    .map(|a| {
                        a.iter()
                            .map(|m| m.as_string().unwrap_or_default())
                            .collect()
                    })
                    .unwrap_or_default();
                to.push(Reply::Read {
                    messages,
                    crashed: get(&data, "crashed").as_string(),
                });
            });
        let to = inbox.clone();
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            ev.prevent_default();
            to.push(Reply::Failed(
                "el lector no pudo iniciar o se detuvo".into(),
            ));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // The board's own compiled module: the reader instantiates it without fetching or
        // compiling the wasm again.
        let init = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&init, &"glue".into(), &JsValue::from_str(&glue));
        let _ = js_sys::Reflect::set(&init, &"module".into(), &wasm_bindgen::module());
        worker.post_message(&init).ok()?;
        Some(Reader {
            worker,
            inbox,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Sends a batch: its files joined into one Blob, and their sizes, in order. Handing over one
    /// Blob costs the page nothing per file; handing over the File objects would cost a look-up in
    /// the browser for each, on top of the one for its size.
    pub fn send(&self, joined: &web_sys::Blob, sizes: &[f64]) -> bool {
        let batch = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&batch, &"blob".into(), joined);
        let _ = js_sys::Reflect::set(&batch, &"sizes".into(), &js_sys::Float64Array::from(sizes));
        self.worker.post_message(&batch).is_ok()
    }

    /// The next answer, in the order the batches were sent.
    pub async fn reply(&self) -> Reply {
        self.inbox.next().await
    }

    /// The next answer if it has come already.
    pub fn try_reply(&self) -> Option<Reply> {
        self.inbox.try_next()
    }
}

impl Drop for Reader {
    fn drop(&mut self) {
        self.worker.terminate();
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        CURRENT.with(|c| {
            let mut c = c.borrow_mut();
            if c.as_ref().is_some_and(|i| Rc::ptr_eq(i, &self.inbox)) {
                *c = None;
            }
        });
    }
}

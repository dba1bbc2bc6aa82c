//! Reading the chosen files: refused when too big before reading, read in joined batches, and
//! validated with `crates/results`, in the order chosen. The reading and validating happen in the
//! board's file reader, a Web Worker (`reader.rs`), so the page stays free; where a browser
//! cannot run it, or it fails, the page reads the rest itself in chunks that yield to the browser.

use leptos::prelude::*;
use results::{wire, Loaded, Rejection};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::reader::{self, Reader, Reply};

/// Files validated between two yields to the browser: it paints the progress bar and handles
/// "Cancelar" in between (tens of milliseconds of work at 4x CPU; each yield lets the browser
/// paint, so fewer, larger steps cost less: 25 files per step looked slower on the busy machine).
const YIELD_EVERY: usize = 50;

/// How far a load is, for the progress bar, and the contact's "Cancelar".
#[derive(Clone, Copy)]
pub struct Progress {
    pub done: RwSignal<usize>,
    pub total: RwSignal<usize>,
    pub cancelled: RwSignal<bool>,
}

impl Progress {
    pub fn new() -> Progress {
        Progress {
            done: RwSignal::new(0),
            total: RwSignal::new(0),
            cancelled: RwSignal::new(false),
        }
    }
}

/// The load was cancelled: nothing of it is kept.
pub struct Cancelled;

/// Lets the browser paint and handle input: `scheduler.yield()` where there is one (Chromium 129
/// and later: it resumes ahead of other tasks), else a zero timeout (clamped to 4 ms when nested).
async fn yield_to_browser() {
    let Some(w) = web_sys::window() else { return };
    let scheduler =
        js_sys::Reflect::get(&w, &JsValue::from_str("scheduler")).unwrap_or(JsValue::UNDEFINED);
    let promise = js_sys::Reflect::get(&scheduler, &JsValue::from_str("yield"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(&scheduler).ok())
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
        .unwrap_or_else(|| {
            js_sys::Promise::new(&mut |resolve, _| {
                if w.set_timeout_with_callback(&resolve).is_err() {
                    let _ = resolve.call0(&JsValue::NULL);
                }
            })
        });
    let _ = JsFuture::from(promise).await;
}

/// The outcome of the last load.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LoadSummary {
    pub accepted: usize,
    pub new_people: usize,
    pub new_attempts: usize,
    pub repeated: usize,
    pub rejected: Vec<(String, String)>,
    /// The contact pressed "Cancelar": nothing of this selection was added.
    pub cancelled: bool,
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
    progress: &Progress,
) -> Result<(), Cancelled> {
    let mut outcome = |f: &web_sys::File, bytes: Option<&[u8]>| match bytes.map(results::parse) {
        None => rejected.push((f.name(), wire::UNREADABLE.into())),
        Some(Ok(l)) => loaded.push(l),
        Some(Err(e)) => rejected.push((f.name(), e.message())),
    };
    if let Some(read) = batch.read {
        if let Ok(buf) = read.await {
            let all = js_sys::Uint8Array::new(&buf).to_vec();
            let mut at = 0;
            for (i, f) in batch.files.iter().enumerate() {
                let end = at + f.size() as usize;
                outcome(f, all.get(at..end));
                at = end;
                if (i + 1) % YIELD_EVERY == 0 {
                    progress.done.update(|n| *n += YIELD_EVERY);
                    yield_to_browser().await;
                    if progress.cancelled.get_untracked() {
                        return Err(Cancelled);
                    }
                }
            }
            progress
                .done
                .update(|n| *n += batch.files.len() % YIELD_EVERY);
            return Ok(());
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
        progress.done.update(|n| *n += 1);
        if progress.cancelled.get_untracked() {
            return Err(Cancelled);
        }
    }
    Ok(())
}

/// Files per message to the reader. The page looks up each file's size (a round trip to the
/// browser, about 1.5 ms per file at 4x CPU) and joins the batch into one Blob, which the reader
/// reads with one request: a batch of 25 keeps each step of the page short, and the page yields
/// between batches. At most `BATCH_BYTES` per batch, so big files are not all in memory at once.
const WORKER_BATCH: usize = 25;

/// What a file came to: read and valid, or refused with the reason shown to the contact.
type Outcome = Result<Loaded, String>;

/// Reads the files and validates them, in the order chosen: in the board's file reader (a Web
/// Worker) where it runs, else in the page. Reports its progress, and stops (keeping nothing)
/// when the contact cancels.
pub async fn read_files(
    files: Vec<web_sys::File>,
    progress: &Progress,
) -> Result<(Vec<Loaded>, Vec<(String, String)>), Cancelled> {
    progress.cancelled.set(false);
    progress.total.set(files.len());
    progress.done.set(0);
    let mut outcomes: Vec<Option<Outcome>> = (0..files.len()).map(|_| None).collect();
    let (in_worker, rest) = match reader::take() {
        Some(reader) => {
            let rest = read_in_worker(reader, &files, progress, &mut outcomes).await;
            // A cancelled load ends its reader: the next load gets a new one, started now.
            reader::warm();
            (true, rest?)
        }
        None => (false, (0..files.len()).collect()),
    };
    let mut loaded = Vec::with_capacity(files.len());
    let mut rejected = Vec::new();
    for (f, outcome) in files.iter().zip(outcomes) {
        match outcome {
            Some(Ok(l)) => loaded.push(l),
            Some(Err(why)) => rejected.push((f.name(), why)),
            None => {}
        }
    }
    let in_page = !rest.is_empty();
    if in_page {
        let rest = rest.into_iter().map(|i| files[i].clone()).collect();
        read_here(rest, progress, &mut loaded, &mut rejected).await?;
    }
    // Who read this load, for the tests and for anyone looking at the page in DevTools.
    let who = match (in_worker, in_page) {
        (true, false) => "lector",
        (true, true) => "lector+pagina",
        _ => "pagina",
    };
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.set_attribute("data-lectura", who);
    }
    Ok((loaded, rejected))
}

/// Hands the files to the reader a batch at a time (sizes looked up and the batch joined into one
/// Blob here, refusing big files before reading), yielding in between, and takes its answers in
/// order as they come. A file it stops on is refused by name and a new reader takes the files
/// after it. Returns the files (by index) left for the page to read itself: a batch the reader
/// could not read, or every file not yet answered when the reader fails altogether.
async fn read_in_worker(
    mut reader: Reader,
    files: &[web_sys::File],
    progress: &Progress,
    outcomes: &mut [Option<Outcome>],
) -> Result<Vec<usize>, Cancelled> {
    // Files not yet sent, batches sent to the current reader and not yet answered, and files the
    // page reads itself.
    let mut todo: std::collections::VecDeque<usize> = (0..files.len()).collect();
    let mut waiting: std::collections::VecDeque<Vec<usize>> = Default::default();
    let mut for_page = Vec::new();
    loop {
        let reply = if !todo.is_empty() {
            let (mut batch, mut sizes, mut bytes) = (Vec::new(), Vec::new(), 0.0);
            while batch.len() < WORKER_BATCH && bytes < BATCH_BYTES {
                let Some(i) = todo.pop_front() else { break };
                let size = files[i].size();
                if size > results::MAX_BYTES as f64 {
                    outcomes[i] = Some(Err(Rejection::TooLarge.message()));
                    progress.done.update(|n| *n += 1);
                } else {
                    batch.push(i);
                    sizes.push(size);
                    bytes += size;
                }
            }
            if !batch.is_empty() {
                let parts: js_sys::Array = batch.iter().map(|&i| files[i].clone()).collect();
                let sent = web_sys::Blob::new_with_blob_sequence(&parts)
                    .is_ok_and(|joined| reader.send(&joined, &sizes));
                waiting.push_back(batch);
                if !sent {
                    for_page.extend(waiting.into_iter().flatten().chain(todo));
                    return Ok(for_page);
                }
            }
            yield_to_browser().await;
            match reader.try_reply() {
                Some(r) => r,
                None if progress.cancelled.get_untracked() => return Err(Cancelled),
                None => continue,
            }
        } else if waiting.is_empty() {
            break;
        } else {
            reader.reply().await
        };
        match reply {
            Reply::Cancelled => return Err(Cancelled),
            Reply::Failed(why) => {
                leptos::logging::warn!("lector.js: {why}; the page reads the rest itself");
                for_page.extend(waiting.into_iter().flatten().chain(todo));
                return Ok(for_page);
            }
            Reply::Unreadable => {
                // One file of the batch removed or changed since it was chosen: the page reads
                // each of them on its own, so only that one is refused.
                for_page.extend(waiting.pop_front().unwrap_or_default());
            }
            Reply::Read { messages, crashed } => {
                let batch = waiting.pop_front().unwrap_or_default();
                let answered = messages.len().min(batch.len());
                for (&i, m) in batch.iter().zip(&messages) {
                    outcomes[i] = Some(wire::read_outcome(m));
                }
                progress.done.update(|n| *n += answered);
                if let Some(why) = crashed {
                    leptos::logging::warn!("lector.js stopped on a file: {why}");
                    if let Some(&i) = batch.get(answered) {
                        outcomes[i] = Some(Err(wire::CRASHED.to_string()));
                        progress.done.update(|n| *n += 1);
                    }
                    // The files after it, sent to the reader that stopped, go to a new one.
                    let resend: Vec<usize> = batch
                        .iter()
                        .skip(answered + 1)
                        .copied()
                        .chain(waiting.drain(..).flatten())
                        .collect();
                    for &i in resend.iter().rev() {
                        todo.push_front(i);
                    }
                    drop(reader);
                    reader = match reader::take() {
                        Some(r) => r,
                        None => {
                            for_page.extend(todo);
                            return Ok(for_page);
                        }
                    };
                }
            }
        }
        if progress.cancelled.get_untracked() {
            return Err(Cancelled);
        }
    }
    reader::keep(reader);
    Ok(for_page)
}

/// Reads the files in the page itself (refusing big ones before reading) and validates them, in
/// the order chosen, yielding to the browser between chunks.
async fn read_here(
    files: Vec<web_sys::File>,
    progress: &Progress,
    loaded: &mut Vec<Loaded>,
    rejected: &mut Vec<(String, String)>,
) -> Result<(), Cancelled> {
    let mut reading = std::collections::VecDeque::new();
    let mut batch: Vec<web_sys::File> = Vec::new();
    let mut batch_bytes = 0.0;
    let last = files.len().saturating_sub(1);
    for (i, f) in files.into_iter().enumerate() {
        // Each size is a round trip to the browser process (about a millisecond at 4x CPU):
        // thousands of them without a break would freeze the page.
        if i > 0 && i % YIELD_EVERY == 0 {
            yield_to_browser().await;
            if progress.cancelled.get_untracked() {
                return Err(Cancelled);
            }
        }
        let size = f.size();
        if size > results::MAX_BYTES as f64 {
            rejected.push((f.name(), Rejection::TooLarge.message()));
            progress.done.update(|n| *n += 1);
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
                finish_read(r, loaded, rejected, progress).await?;
            }
        }
    }
    while let Some(r) = reading.pop_front() {
        finish_read(r, loaded, rejected, progress).await?;
    }
    Ok(())
}

pub fn file_list(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return vec![] };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

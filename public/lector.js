// The contact's board's file reader: a module Web Worker that runs the board's own wasm
// (src/bin/enlace/worker.rs, with crates/results), so that reading and validating thousands of
// files never blocks the page. Copied to /enlace/lector.js by the board's build (enlace.html) and
// precached by the board's service worker with the rest of its files.
//
// Messages (the page's side is src/bin/enlace/reader.rs):
// - first, from the page: { glue, module }: the URL of the board's JavaScript and its compiled
//   WebAssembly.Module, instantiated here without fetching or compiling it again;
//   if that fails: { failed: "why" }, and the page reads the files itself;
// - then, from the page, batches: { blob, sizes }, the batch's files joined into one Blob and
//   each file's size; for each, in order, an answer { results: [one message per file
//   (results::wire)] }, or { unreadable: true } when the Blob cannot be read (a file removed or
//   changed since it was chosen: the page reads those files itself). When validation traps on a file (too
//   little memory for a very big one, or a bug): { results: [the messages before it],
//   crashed: "why" }, and this reader closes; the page refuses that file by name and sends the
//   files after it to a new reader.
let read = null;
let started;
const ready = new Promise((resolve) => { started = resolve; });

self.onmessage = async ({ data }) => {
  if (data.glue) {
    try {
      const board = await import(data.glue);
      await board.default({ module_or_path: data.module });
      read = board.lector_leer;
    } catch (e) {
      self.postMessage({ failed: String((e && e.message) || e) });
      self.close();
      return;
    }
    started();
    return;
  }
  await ready;
  const results = [];
  try {
    if (!read(data.blob, data.sizes, results)) {
      self.postMessage({ unreadable: true });
      return;
    }
  } catch (e) {
    self.postMessage({ results, crashed: String((e && e.message) || e) });
    self.close();
    return;
  }
  self.postMessage({ results });
};

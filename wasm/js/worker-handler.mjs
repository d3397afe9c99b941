// The worker side of the CaciWorker protocol, independent of how messages travel (browser worker,
// Blob worker, node worker_threads, or a direct call in tests).
// Request:  { id, op, args }
// Replies:  { id, ok: true, result } | { id, ok: false, error: {name, status, statusName, message, offset?} }
// Progress: { id, progress: { done, total, file, bytes } }   (addFiles only, one per file)
// Ops: addFiles, search, complete, related, get, remove, size, save, load, clear, configure,
// setAuthorAliases, personKey, version.

export function createWorkerHandler(Caci, post) {
  let index = null;
  let indexOptions = undefined;
  let authorAliases = ''; // kept across clear/configure/load: it describes people, not an index
  let pendingDoc = null;   // pages of an addFiles({ more: true }) sequence, parsed, not yet added
  // Times of the stages of a start and an index load (epoch milliseconds, so a page can place
  // them on its own timeline): load's reply carries them as `timings`.
  const now = () => (typeof performance !== 'undefined' ? performance.timeOrigin + performance.now() : Date.now());
  const started = now();
  let initialized = 0;
  const ready = Caci.init().then(() => { initialized = now(); });

  const currentIndex = () => {
    if (!index) replaceIndex(new Caci.Index(indexOptions));
    return index;
  };
  const replaceIndex = (next) => {
    pendingDoc?.free();
    pendingDoc = null;
    index?.free();
    index = next;
    if (authorAliases) index.setAuthorAliases(authorAliases);
  };

  const ops = {
    configure({ options }) {
      indexOptions = options;
      replaceIndex(new Caci.Index(indexOptions));
      return { size: 0 };
    },
    // { files, more, done, total }: with more: true the files are parsed into a document kept for
    // the next call (so a big folder can arrive in several messages and still be one document,
    // duplicates merged across all of it), and the reply is { parsed }; the call without more adds
    // the document to the index. done/total number the progress events across such calls.
    // A file's bytes may also be a Blob (a browser File): the worker reads it, so the page never
    // holds the pages' bytes.
    // inputBytes (optional): the bytes of all the pages of the sequence, for Document.reserve.
    async addFiles({ files, more = false, done = 0, total, inputBytes = 0 }, id) {
      let doc = pendingDoc;
      pendingDoc = null;
      if (!doc) {
        doc = new Caci.Document();
        if (inputBytes > 0) doc.reserve(inputBytes);
      }
      let keep = false;
      try {
        for (const [i, file] of files.entries()) {
          const bytes = isBlob(file.bytes) ? new Uint8Array(await file.bytes.arrayBuffer()) : file.bytes;
          doc.parse(bytes, { file: file.name });
          post({ id, progress: { done: done + i + 1, total: total ?? done + files.length, file: file.name, bytes: bytes.byteLength ?? bytes.length } });
        }
        if (more) {
          pendingDoc = doc;
          keep = true;
          return { parsed: files.length };
        }
        const target = currentIndex();
        const added = target.add(doc);
        return { added, size: target.size, diagnostics: doc.diagnostics(), stats: doc.stats() };
      } finally {
        if (!keep) doc.free();
      }
    },
    search({ query, options }) {
      return currentIndex().search(query, options);
    },
    setAuthorAliases({ text }) {
      currentIndex().setAuthorAliases(text); // throws (and keeps the old table) on a bad line
      authorAliases = text;
      return null;
    },
    personKey({ name }) {
      return currentIndex().personKey(name);
    },
    get({ id }) {
      return currentIndex().get(id);
    },
    complete({ prefix, n }) {
      return currentIndex().complete(prefix, n);
    },
    related({ id, n }) {
      return currentIndex().related(id, n);
    },
    remove({ id }) {
      return currentIndex().remove(id);
    },
    size() {
      return currentIndex().size;
    },
    // { blob: true }: the bytes as a Blob made here, so a page can store or download a 100 MB
    // index without copying it on its main thread.
    save({ text, blob = false } = {}) {
      const bytes = currentIndex().save({ text });
      if (blob && typeof Blob !== 'undefined') return new Blob([bytes], { type: 'application/octet-stream' });
      return { value: bytes, transfer: [bytes.buffer] };
    },
    // bytes may be a Blob (a browser File, a cached Blob): read here.
    // A Blob's reading started when the message came (see handle), beside the module's start.
    // timings: true adds the stages' times (epoch ms) to the reply, for a page's performance marks.
    async load({ bytes, opening, timings = false }) {
      const loadStart = now();
      replaceIndex(opening ? await opening : Caci.Index.load(bytes));
      if (!timings) return { size: index.size };
      return { size: index.size, timings: { workerStart: started, initialized, received: opening?.received, loadStart, opened: now() } };
    },
    clear() {
      replaceIndex(new Caci.Index(indexOptions));
      return null;
    },
    version() {
      return { version: Caci.version(), unicodeVersion: Caci.unicodeVersion() };
    },
  };

  // One request at a time, in the order they came (addFiles awaits reading Blobs: a search sent
  // after it must not run in between).
  let queue = Promise.resolve();
  return function handle(message) {
    // An index in a Blob (a reopened cache, a picked file) is read at once, beside whatever runs
    // before it; the index it opens replaces the current one when the load's turn comes.
    const source = message?.op === 'load' ? message.args?.bytes : null;
    if (isBlob(source) || typeof source?.opfs === 'string') {
      const opening = isBlob(source) ? Caci.Index.loadBlob(source) : openPrivateFile(Caci, source.opfs);
      opening.received = now();
      opening.catch(() => {}); // reported when the load's turn comes
      message = { ...message, args: { ...message.args, opening } };
    }
    queue = queue.then(() => run(message));
    return queue;
  };

  async function run(message) {
    const { id, op, args } = message ?? {};
    try {
      await ready;
      const fn = Object.prototype.hasOwnProperty.call(ops, op) ? ops[op] : null;
      if (!fn) throw new Caci.CaciError(-1, 'CACI_EINVAL', `unknown operation ${JSON.stringify(op)}`);
      const result = await fn(args ?? {}, id);
      if (result && typeof result === 'object' && 'transfer' in result && 'value' in result) {
        post({ id, ok: true, result: result.value }, result.transfer);
      } else {
        post({ id, ok: true, result });
      }
    } catch (error) {
      post({ id, ok: false, error: serialiseError(error) });
    }
  }
}

const isBlob = (x) => typeof Blob !== 'undefined' && x instanceof Blob;

// load({ bytes: { opfs: name } }): the index file `name` of the origin private file system, read
// in place through a synchronous access handle (each read straight into the wasm heap); when
// another page holds that handle, through the file's Blob instead.
async function openPrivateFile(Caci, name) {
  const file = await (await navigator.storage.getDirectory()).getFileHandle(name);
  let handle = null;
  try {
    handle = await file.createSyncAccessHandle();
  } catch {
    return Caci.Index.loadBlob(await file.getFile());
  }
  return Caci.Index.loadBlob(handle);
}

function serialiseError(error) {
  if (error && typeof error.toJSON === 'function' && error.name === 'CaciError') return error.toJSON();
  return { name: error?.name ?? 'Error', message: String(error?.message ?? error) };
}

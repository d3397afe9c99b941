// The worker side of the CaciWorker protocol, independent of how messages travel (browser worker,
// Blob worker, node worker_threads, or a direct call in tests).
// Request:  { id, op, args }
// Replies:  { id, ok: true, result } | { id, ok: false, error: {name, status, statusName, message, offset?} }
// Progress: { id, progress: { done, total, file, bytes } }   (addFiles only, one per file)

export function createWorkerHandler(Caci, post) {
  let index = null;
  let indexOptions = undefined;
  let authorAliases = ''; // kept across clear/configure/load: it describes people, not an index
  const ready = Caci.init();

  const currentIndex = () => {
    if (!index) replaceIndex(new Caci.Index(indexOptions));
    return index;
  };
  const replaceIndex = (next) => {
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
    addFiles({ files }, id) {
      const doc = new Caci.Document();
      try {
        files.forEach((file, i) => {
          doc.parse(file.bytes, { file: file.name });
          post({ id, progress: { done: i + 1, total: files.length, file: file.name, bytes: file.bytes.byteLength ?? file.bytes.length } });
        });
        const target = currentIndex();
        const added = target.add(doc);
        return { added, size: target.size, diagnostics: doc.diagnostics(), stats: doc.stats() };
      } finally {
        doc.free();
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
    remove({ id }) {
      return currentIndex().remove(id);
    },
    size() {
      return currentIndex().size;
    },
    save({ text } = {}) {
      const bytes = currentIndex().save({ text });
      return { value: bytes, transfer: [bytes.buffer] };
    },
    load({ bytes }) {
      replaceIndex(Caci.Index.load(bytes));
      return { size: index.size };
    },
    clear() {
      replaceIndex(new Caci.Index(indexOptions));
      return null;
    },
    version() {
      return { version: Caci.version(), unicodeVersion: Caci.unicodeVersion() };
    },
  };

  return async function handle(message) {
    const { id, op, args } = message ?? {};
    try {
      await ready;
      const fn = Object.prototype.hasOwnProperty.call(ops, op) ? ops[op] : null;
      if (!fn) throw new Caci.CaciError(-1, 'CACI_EINVAL', `unknown operation ${JSON.stringify(op)}`);
      const result = fn(args ?? {}, id);
      if (result && typeof result === 'object' && 'transfer' in result && 'value' in result) {
        post({ id, ok: true, result: result.value }, result.transfer);
      } else {
        post({ id, ok: true, result });
      }
    } catch (error) {
      post({ id, ok: false, error: serialiseError(error) });
    }
  };
}

function serialiseError(error) {
  if (error && typeof error.toJSON === 'function' && error.name === 'CaciError') return error.toJSON();
  return { name: error?.name ?? 'Error', message: String(error?.message ?? error) };
}

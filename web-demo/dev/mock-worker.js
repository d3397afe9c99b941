// DEVELOPMENT ONLY: a crude stand-in for wasm/dist/caci-worker.bundle.js so the UI can be worked on
// before the wasm build exists (`CACI_DEMO_MOCK=1 web-demo/build.sh`). Never shipped otherwise.
// It speaks the same worker protocol as engine.js; its "parser" and "search" are toys.
'use strict';
let articles = new Map();
const MONTHS = { January: 1, February: 2, March: 3, April: 4, May: 5, June: 6, July: 7, August: 8, September: 9, October: 10, November: 11, December: 12 };

function hash(s) {
  let h1 = 0x811c9dc5, h2 = 0x1234567;
  for (let i = 0; i < s.length; i++) { h1 = Math.imul(h1 ^ s.charCodeAt(i), 16777619); h2 = Math.imul(h2 ^ s.charCodeAt(i), 2246822519); }
  return ((h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0'));
}

function parse(name, bytes) {
  const diagnostics = [];
  const lines = new TextDecoder().decode(bytes).split(/\r?\n/);
  lines.forEach((l, i) => { const c = l.indexOf('\ufffd'); if (c >= 0) diagnostics.push({ file: name, line: i + 1, column: c + 1, severity: 'warning', code: 'invalid_utf8', message: 'invalid UTF-8 replaced by U+FFFD' }); });
  const out = [];
  let cur = null, category = null;
  lines.forEach((line, i) => {
    const t = line.trim();
    if (!t) return;
    if (/^Published in /.test(t)) { category = t.slice(13); return; }
    if (/^The Central Asia-Caucasus Analyst is/.test(t) || /^Sign up for/.test(t)) { cur = null; return; }
    const by = /^By (.+?)(?: \((?:the )?(\d+)\/(\d+)\/(\d{4}) issue.*\))?$/.exec(t);
    if (by) {
      cur = { kind: 'article', category, title: null, authors: by[1].split(/ and |, /).map((n) => ({ name: n.replace(/^Dr\. /, ''), honorifics: /^Dr\./.test(n) ? ['Dr.'] : [], affiliation: null })), date: by[4] ? `${by[4]}-${by[2].padStart(2, '0')}-${by[3].padStart(2, '0')}` : null, date_partial: null, lead: [], photo_credit: null, sections: [], bio: [], links: [], flags: [], source: { file: name, line: i + 1, byte_start: 0, byte_end: 0 }, duplicates: [] };
      category = null; out.push(cur); return;
    }
    if (!cur) { diagnostics.push({ file: name, line: i + 1, column: 1, severity: 'warning', code: 'unclassified', message: 'text outside any article' }); return; }
    const d = /^(\w+) (\d+), (\d{4})$/.exec(t);
    if (d && MONTHS[d[1]]) { cur.date = `${d[3]}-${String(MONTHS[d[1]]).padStart(2, '0')}-${d[2].padStart(2, '0')}`; return; }
    const sec = /^(BACKGROUND|IMPLICATIONS|CONCLUSIONS?):\s*/.exec(t);
    if (sec) { cur.sections.push({ kind: sec[1].toLowerCase().replace(/n$/, 'ns'), heading: sec[1], paragraphs: [t] }); return; }
    if (/^AUTHOR.{0,3} BIO:/.test(t)) { cur.bio.push(t); cur.inBio = true; return; }
    if (/^Photo by /.test(t)) { cur.photo_credit = t; return; }
    const pdf = /^Read (.+) \(PDF\)$/.exec(t);
    if (pdf) { cur.links.push({ kind: 'pdf', title: pdf[1] }); cur.kind = 'teaser'; return; }
    if (cur.inBio) cur.bio.push(t); else if (cur.sections.length) cur.sections[cur.sections.length - 1].paragraphs.push(t); else cur.lead.push(t);
  });
  for (const a of out) {
    delete a.inBio;
    const paras = [a.title, ...a.lead, ...a.sections.flatMap((s) => s.paragraphs), ...a.bio].filter(Boolean);
    a.text = paras.map((p) => p + '\n').join('');
    a.id = hash(a.text);
  }
  return { articles: out, diagnostics };
}

function tokenize(q) {
  const terms = [], filters = [];
  const re = /(\w+):"([^"]*)"|(\w+):(\S+)|"([^"]*)"|(\S+)/g;
  let m;
  while ((m = re.exec(q))) {
    if (m[1] || m[3]) filters.push({ field: m[1] || m[3], value: (m[2] || m[4]).toLowerCase() });
    else { const t = (m[5] || m[6]).replace(/[()]/g, ''); if (t && t !== 'AND' && t !== 'OR') terms.push(t.toLowerCase()); }
  }
  return { terms, filters };
}

function matches(a, { terms, filters }) {
  const text = a.text.toLowerCase();
  for (const f of filters) {
    if (f.field === 'author' && !a.authors.some((x) => x.name.toLowerCase().includes(f.value))) return false;
    if (f.field === 'year' && !(a.date || '').startsWith(f.value)) return false;
    if (f.field === 'kind' && a.kind !== f.value) return false;
    if (f.field === 'category' && (a.category || '').toLowerCase() !== f.value) return false;
  }
  return terms.every((t) => t.startsWith('-') ? !text.includes(t.slice(1)) : text.includes(t.replace(/\*$/, '')));
}

function search(query, opts) {
  if ((query.match(/\(/g) || []).length !== (query.match(/\)/g) || []).length) throw Object.assign(new Error('unbalanced parenthesis'), { statusName: 'CACI_EQUERY', status: -7, offset: query.indexOf('(') });
  const q = tokenize(query);
  let all = [...articles.values()].filter((a) => matches(a, q));
  if (opts.sort === 'date_desc') all.sort((a, b) => (b.date || '').localeCompare(a.date || ''));
  if (opts.sort === 'date_asc') all.sort((a, b) => (a.date || '').localeCompare(b.date || ''));
  const facet = (fn) => { const m = new Map(); for (const a of all) for (const v of fn(a)) if (v) m.set(v, (m.get(v) || 0) + 1); return [...m].map(([value, count]) => ({ value, count })).sort((x, y) => y.count - x.count); };
  const hits = all.slice(opts.offset || 0, (opts.offset || 0) + (opts.limit || 10)).map((a) => {
    const lower = a.text.toLowerCase();
    const highlights = [];
    for (const t of q.terms) { if (t.startsWith('-')) continue; const w = t.replace(/\*$/, ''); let i = -1; while ((i = lower.indexOf(w, i + 1)) >= 0) highlights.push({ start: i, end: i + w.length }); }
    highlights.sort((x, y) => x.start - y.start);
    const start = highlights.length ? Math.max(0, highlights[0].start - 60) : 0;
    const end = Math.min(a.text.length, start + 240);
    return { id: a.id, score: 1, article: a, snippet: { text: a.text.slice(start, end), start, end }, highlights };
  });
  return { total: all.length, hits, facets: opts.facets ? { author: facet((a) => a.authors.map((x) => x.name)), year: facet((a) => [a.date && a.date.slice(0, 4)]), kind: facet((a) => [a.kind]), category: facet((a) => [a.category]) } : undefined };
}

let currentId = 0;
const ops = {
  addFiles({ files }) {
    const diagnostics = []; let added = 0;
    files.forEach((f, i) => {
      const r = parse(f.name, f.bytes);
      diagnostics.push(...r.diagnostics);
      for (const a of r.articles) { if (articles.has(a.id)) articles.get(a.id).duplicates.push({ file: f.name, line: a.source.line, byte_start: 0 }); else { articles.set(a.id, a); added++; } }
      postMessage({ id: currentId, progress: { done: i + 1, total: files.length, file: f.name, bytes: f.bytes.length } });
    });
    return { added, size: articles.size, diagnostics, stats: {} };
  },
  search: ({ query, options }) => search(query, options),
  version: () => ({ version: 'mock', unicodeVersion: '-' }),
  get: ({ id }) => articles.get(id) || null,
  remove: ({ id }) => articles.delete(id),
  save: () => new TextEncoder().encode('MOCKCACI' + JSON.stringify([...articles.values()])),
  load({ bytes }) {
    const s = new TextDecoder().decode(bytes);
    if (!s.startsWith('MOCKCACI')) throw Object.assign(new Error('not an index'), { statusName: 'CACI_ECORRUPT', status: -5 });
    articles = new Map(JSON.parse(s.slice(8)).map((a) => [a.id, a]));
    return { size: articles.size };
  },
  clear() { articles = new Map(); },
};

self.onmessage = (e) => {
  const { id, op, args } = e.data;
  currentId = id;
  try { postMessage({ id, ok: true, result: ops[op](args) }); } catch (err) {
    postMessage({ id, ok: false, error: { message: err.message, status: err.status, statusName: err.statusName, offset: err.offset } });
  }
};

// The JavaScript API over made-up pages: init, parse, articles, diagnostics, stats, Document.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadCaci, page, FOOTER } from './helpers.mjs';

let Caci, CaciError, Document;
before(async () => {
  ({ Caci, CaciError, Document } = await loadCaci());
});

test('init is idempotent and reports versions', async () => {
  await Caci.init();
  await Promise.all([Caci.init(), Caci.init()]);
  assert.ok(Caci.ready);
  assert.match(Caci.version(), /^\d+\.\d+\.\d+$/);
  assert.match(Caci.unicodeVersion(), /^\d+\.\d+(\.\d+)?$/);
});

test('parse returns articles with the JSON contract fields and the text', () => {
  const input = page({ author: 'Jane Doe' }) + page({ author: 'John Roe', lead: 'Another lead on Georgian ports.' }) + FOOTER;
  const { articles, diagnostics, stats } = Caci.parse(input, { file: 'made-up.txt' });
  assert.equal(articles.length, 2);
  const [first, second] = articles;
  for (const field of ['id', 'kind', 'category', 'title', 'authors', 'date', 'date_partial', 'lead', 'photo_credit',
    'sections', 'bio', 'links', 'flags', 'source', 'duplicates', 'text']) {
    assert.ok(field in first, `missing ${field}`);
  }
  assert.match(first.id, /^[0-9a-f]{16}$/);
  assert.equal(first.kind, 'article');
  assert.equal(first.authors[0].name, 'Jane Doe');
  assert.equal(first.date, '2025-01-29');
  assert.deepEqual(first.lead, ['A lead paragraph about Caspian pipelines.']);
  assert.deepEqual(first.sections.map((s) => s.kind), ['background', 'implications', 'conclusions']);
  assert.equal(first.source.file, 'made-up.txt');
  assert.equal(first.source.line, 1);
  assert.equal(second.authors[0].name, 'John Roe');
  assert.equal(second.source.line, 8);
  assert.ok(first.text.includes('A lead paragraph about Caspian pipelines.\n'));
  assert.ok(first.text.endsWith('\n'));
  assert.ok(Array.isArray(diagnostics));
  assert.equal(stats.articles, 2);
  assert.equal(stats.bytes, new TextEncoder().encode(input).length);
  assert.equal(stats.bytes, stats.bytes_articles + stats.bytes_boilerplate + stats.bytes_unclassified);
});

test('strings and bytes give the same result; non-ASCII survives the round trip', () => {
  const input = page({ author: 'Niklas Swanstr\u00f6m', background: 'Caf\u00e9s in Tbilisi \u2014 \u201cquoted\u201d \u{1F600}.' });
  const fromString = Caci.parse(input, { file: 'a.txt' });
  const fromBytes = Caci.parse(new TextEncoder().encode(input), { file: 'a.txt' });
  assert.deepEqual(fromBytes, fromString);
  assert.equal(fromString.articles[0].authors[0].name, 'Niklas Swanstr\u00f6m');
  assert.ok(fromString.articles[0].text.includes('\u{1F600}'));
});

test('invalid UTF-8 gives a diagnostic with file, line and column; strict mode throws CACI_EUTF8', () => {
  const text = page();
  const bytes = new TextEncoder().encode(text);
  const bad = new Uint8Array(bytes.length + 1);
  const at = text.indexOf('\n') + 1 + 3; // line 2, 4th byte
  bad.set(bytes.subarray(0, at));
  bad[at] = 0xff; // never valid in UTF-8 (a lone 0x92 would be decoded as Windows-1252)
  bad.set(bytes.subarray(at), at + 1);
  const { articles, diagnostics } = Caci.parse(bad, { file: 'bad.txt' });
  const d = diagnostics.find((x) => x.code === 'invalid_utf8');
  assert.ok(d, JSON.stringify(diagnostics));
  assert.equal(d.file, 'bad.txt');
  assert.equal(d.line, 2);
  assert.equal(d.column, 4);
  assert.equal(d.severity, 'warning');
  assert.equal(d.byte_start, at);
  assert.ok(articles[0].flags.includes('invalid_utf8'));
  assert.throws(() => Caci.parse(bad, { file: 'bad.txt', strict: true }),
    (e) => e instanceof CaciError && e.statusName === 'CACI_EUTF8' && e.status === -4);
});

test('unclassified bytes are reported, and counted in stats', () => {
  const input = 'Some stray line that is not an article.\n' + page();
  const { diagnostics, stats } = Caci.parse(input, { file: 'x.txt' });
  const d = diagnostics.find((x) => x.code === 'unclassified');
  assert.ok(d, JSON.stringify(diagnostics));
  assert.equal(d.line, 1);
  assert.equal(d.column, 1);
  assert.ok(stats.bytes_unclassified > 0);
});

test('Document merges duplicates across files and lists them', () => {
  const shared = page({ author: 'Shared Author' });
  const doc = new Document();
  try {
    doc.parse(page({ author: 'Only First' }) + shared + FOOTER, { file: 'p1.txt' });
    doc.parse(shared + page({ author: 'Only Second' }) + FOOTER, { file: 'p2.txt' });
    assert.equal(doc.articleCount, 3);
    const articles = doc.articles();
    const merged = articles.find((a) => a.authors[0]?.name === 'Shared Author');
    assert.equal(merged.source.file, 'p1.txt');
    assert.equal(merged.duplicates.length, 1);
    assert.equal(merged.duplicates[0].file, 'p2.txt');
    assert.equal(merged.duplicates[0].line, 1);
    assert.equal(doc.stats().duplicates, 1);
    const json = doc.toJSON();
    assert.equal(json.schema, 'caci-archive/1');
    assert.deepEqual(json.articles.map((a) => a.id), articles.map((a) => a.id));
    assert.ok(!('text' in json.articles[0]));
  } finally {
    doc.free();
  }
});

test('diagnostics() agree with the JSON document', () => {
  const doc = new Document();
  try {
    doc.parse('stray words\n' + page(), { file: 'd.txt' });
    doc.addIoError('missing.txt', 'No such file or directory');
    const fromJson = doc.toJSON().diagnostics;
    const fromGetters = doc.diagnostics();
    assert.equal(fromGetters.length, fromJson.length);
    fromGetters.forEach((d, i) => {
      for (const key of ['file', 'line', 'column', 'severity', 'code', 'message']) assert.deepEqual(d[key], fromJson[i][key], key);
    });
    assert.ok(fromGetters.some((d) => d.code === 'io_error' && d.file === 'missing.txt' && d.severity === 'error'));
  } finally {
    doc.free();
  }
});

test('foldQuotes folds typographic quotes', () => {
  const input = page({ background: 'The \u201cnew\u201d corridor\u2019s route.' });
  const folded = Caci.parse(input, { foldQuotes: true }).articles[0];
  const kept = Caci.parse(input).articles[0];
  assert.ok(folded.text.includes('The "new" corridor\'s route.'), folded.text);
  assert.ok(kept.text.includes('\u201cnew\u201d'));
  assert.ok(folded.flags.includes('quotes_folded'));
});

test('freed handles throw CaciError instead of touching freed memory', () => {
  const doc = new Document();
  doc.free();
  doc.free(); // idempotent
  assert.throws(() => doc.parse('x'), (e) => e instanceof CaciError && e.statusName === 'CACI_EINVAL');
  assert.throws(() => doc.articles(), CaciError);
});

test('Symbol.dispose frees a handle', () => {
  const before = Caci.memoryStats().liveHandles;
  {
    const doc = new Document();
    doc[Symbol.dispose]();
  }
  assert.equal(Caci.memoryStats().liveHandles, before);
});

test('bad arguments are reported, not crashed on', () => {
  assert.throws(() => new Document().parse(42), TypeError);
  const empty = Caci.parse('');
  assert.deepEqual(empty.articles, []);
  assert.equal(empty.stats.bytes, 0);
});

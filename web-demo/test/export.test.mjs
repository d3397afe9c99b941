// Unit tests of web-demo/js/export.js in node (no browser): the demo's CSV, BibTeX, RIS and CSL-JSON
// for the sample pages, parsed by the wasm build as the demo's worker parses them, are compared
// with `caci export` on the same pages (build/cli/caci; skipped without it, a failure under
// CI=true), record by record and then as whole files; plus the format rules on made-up articles.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { demoDir, rootDir } from '../testlib/harness.mjs';
import { skipUnlessCI } from '../../wasm/test/helpers.mjs';

// export.js is a classic script for the page: run it in a context with a `window`.
function loadExport() {
  const context = { window: {}, TextEncoder, TextDecoder };
  vm.createContext(context);
  vm.runInContext(readFileSync(join(demoDir, 'js', 'export.js'), 'utf8'), context, { filename: 'export.js' });
  return context.window.CaciDemo.export;
}
const X = loadExport();

const cli = join(rootDir, 'build', 'cli', 'caci');
const wasmModule = join(rootDir, 'wasm', 'dist', 'caci.mjs');
const samplesDir = join(rootDir, 'samples');
const missing = !existsSync(cli) ? `the CLI is not built (${cli})` : !existsSync(wasmModule) ? 'wasm/dist is not built' : false;

// ---------------------------------------------------------------------------- CSV parsing
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', i = 0, quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"') { quoted = true; i++; continue; }
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 2; continue; }
    assert.notEqual(c, '\n', `a bare LF outside quotes at ${i}`);
    field += c; i++;
  }
  assert.equal(field, '', 'the file ends with CRLF');
  return rows;
}

const bibEntries = (text) => text.split(/\n(?=@article\{)/).map((e) => e.replace(/\n+$/, ''));
const risRecords = (text) => text.split(/(?<=ER {2}- \r\n)/).filter(Boolean);

describe('export formats against `caci export` on the sample pages', { skip: skipUnlessCI(missing) }, () => {
  let articles, dir;
  const cliOut = {};

  before(async () => {
    const { default: Caci, Document, Index } = await import(wasmModule);
    await Caci.init();
    // As the demo's worker adds a batch of pages: one document (duplicates across pages merged).
    const doc = new Document();
    const pages = readdirSync(samplesDir).filter((f) => f.endsWith('.txt')).sort();
    for (const f of pages) doc.parse(readFileSync(join(samplesDir, f)), { file: f });
    const index = new Index();
    index.add(doc);
    doc.free();
    const byId = new Map(index.search('', { limit: 100000, snippetBytes: 0 }).hits.map((h) => [h.id, h.article]));
    index.free();
    dir = mkdtempSync(join(tmpdir(), 'caci-export-'));
    for (const format of ['csv', 'bibtex', 'ris', 'csljson']) {
      const out = join(dir, `out.${format}`);
      // Relative page names, as the demo knows them (the CLI writes the names it is given).
      execFileSync(cli, ['export', '--quiet', '--format', format, '-o', out, ...pages], { cwd: samplesDir, stdio: ['ignore', 'ignore', 'pipe'] });
      cliOut[format] = readFileSync(out, 'utf8');
    }
    rmSync(dir, { recursive: true, force: true });
    // The CLI's order (keys get their a/b/c suffixes in export order).
    const ids = parseCsv(cliOut.csv).slice(1).map((r) => r[0]);
    assert.equal(ids.length, byId.size, 'the CLI and the wasm build see the same articles');
    articles = ids.map((id) => byId.get(id));
    assert.ok(articles.every(Boolean), 'every CLI article is in the wasm index');
  });

  it('CSV: the same header, the same row for every article, the same file', () => {
    const mine = X.csv(articles);
    const theirs = parseCsv(cliOut.csv), ours = parseCsv(mine);
    assert.deepEqual(ours[0], theirs[0]);
    assert.deepEqual(ours[0], [...X.CSV_COLUMNS]);
    for (let i = 1; i < theirs.length; i++) {
      const diff = theirs[0].filter((col, c) => ours[i][c] !== theirs[i][c]);
      assert.deepEqual(diff, [], `row ${i} (${theirs[i][0]}) differs in ${diff.join(', ')}`);
    }
    assert.equal(mine, cliOut.csv);
  });

  it('BibTeX: the same entry (key, title, authors, year, month, date, abstract, note) for every article', () => {
    const mine = X.bibtex(articles);
    const theirs = bibEntries(cliOut.bibtex), ours = bibEntries(mine);
    assert.equal(ours.length, theirs.length);
    for (let i = 0; i < theirs.length; i++) assert.equal(ours[i], theirs[i], `entry ${i}`);
    assert.equal(mine, cliOut.bibtex);
    assert.match(mine, /journal = \{Central Asia-Caucasus Analyst\}/);
  });

  it('RIS: the same record for every article, CRLF lines, TY first and ER last', () => {
    const mine = X.ris(articles);
    const theirs = risRecords(cliOut.ris), ours = risRecords(mine);
    assert.equal(ours.length, theirs.length);
    for (let i = 0; i < theirs.length; i++) {
      assert.equal(ours[i], theirs[i], `record ${i}`);
      assert.match(ours[i], /^TY {2}- JOUR\r\n[\s\S]*ER {2}- \r\n$/);
    }
    assert.equal(mine, cliOut.ris);
  });

  it('CSL-JSON: the same items (id, type, title, author, issued, abstract, note), the same file', () => {
    const mine = X.csljson(articles);
    const theirs = JSON.parse(cliOut.csljson), ours = JSON.parse(mine);
    assert.equal(ours.length, theirs.length);
    for (let i = 0; i < theirs.length; i++) assert.deepEqual(ours[i], theirs[i], `item ${i}`);
    assert.equal(mine, cliOut.csljson);
    const undated = ours.find((item) => item.issued && item.issued.literal);
    assert.ok(undated, 'the samples have a date without a year: a CSL literal');
    assert.ok(!('date-parts' in undated.issued));
  });

  it('keys are unique, and shared bases get a/b/c suffixes as the CLI gives them', () => {
    const keys = [...X.citationKeys(articles)];
    assert.equal(new Set(keys).size, keys.length);
    assert.deepEqual(keys, JSON.parse(cliOut.csljson).map((item) => item.id));
  });
});

// ------------------------------------------------------------------------- the rules alone
const base = (over) => Object.assign({
  id: '00000000000000aa', kind: 'article', category: 'Field Reports', title: 'Oil, Gas & "Pipelines"',
  authors: [{ name: 'Svante E. Cornell' }], date: '2003-03-17', date_partial: null,
  date_parts: { year: 2003, month: 3, day: 17 }, date_source: 'byline', lead: [], sections: [], bio: [],
  source: { file: 'page.txt', line: 4, byte_start: 10, byte_end: 99 }, duplicates: [],
  text: 'Oil, Gas & "Pipelines"\nLine two.\n',
}, over);

describe('export format rules on made-up articles', () => {
  it('CSV: RFC 4180 quoting (commas, quotes, newlines), CRLF record ends, empty fields for unknowns', () => {
    const out = X.csv([base({ category: null, date: null, date_partial: '2024-03', date_parts: { year: 2024, month: 3, day: 0 } })]);
    const lines = out.split('\r\n');
    assert.equal(lines[0], X.CSV_COLUMNS.join(','));
    assert.ok(out.endsWith('\r\n'));
    assert.match(out, /,article,,"Oil, Gas & ""Pipelines""",Svante E\. Cornell,,2024,2024-03,byline,,"Oil, Gas & ""Pipelines""\nLine two\.",page\.txt,4,10,99,0\r\n$/);
    assert.equal(X.csvField('plain'), 'plain');
    assert.equal(X.csvField('a\rb'), '"a\rb"');
  });

  it('BibTeX: LaTeX escapes, month as a number, no invented parts, provenance note', () => {
    const month = X.bibtex([base({ date: null, date_parts: { year: 2024, month: 3, day: 0 }, title: '50% of $ & #1_x' })]);
    assert.match(month, /^@article\{cornell2024\d*/);
    assert.match(month, /title = \{50\\% of \\\$ \\& \\#1\\_x\}/);
    assert.match(month, /year = \{2024\},\n {2}month = \{3\},\n {2}date = \{2024-03\},/);
    assert.doesNotMatch(month, /day|2024-03-/);
    assert.match(month, /note = \{Source: page\.txt, line 4, bytes 10-99; caci content id 00000000000000aa\}/);
    const noYear = X.bibtex([base({ date: null, date_partial: '--12-02', date_parts: { year: 0, month: 12, day: 2 } })]);
    assert.doesNotMatch(noYear, /year =|date =/);
    assert.match(noYear, /month = \{12\}/);
    assert.match(noYear, /dated December 2, without a year/);
    assert.match(noYear, /@article\{cornellndoil,/);
    const none = X.bibtex([base({ date: null, date_parts: null, authors: [] })]);
    assert.doesNotMatch(none, /year =|month =|date =|author =/);
    assert.match(none, /@article\{cacindoil,/);
  });

  it('keys: family name + year + first title word (stop words skipped), a/b/c when shared', () => {
    const arts = [base({ title: 'The Oil Deal' }), base({ title: 'Oil again' }), base({ title: 'Gas' }), base({ title: 'Oil once more' })];
    assert.deepEqual([...X.citationKeys(arts)], ['cornell2003oila', 'cornell2003oilb', 'cornell2003gas', 'cornell2003oilc']);
    assert.deepEqual([...X.citationKeys([base({ authors: [{ name: 'Ağdam Şuşalı' }], title: 'Türkiye’s Turn' })])], ['susali2003turkiyes']);
  });

  it('RIS and CSL-JSON: partial dates keep only the known parts; a year-less date is a literal', () => {
    const month = base({ date: null, date_parts: { year: 2024, month: 3, day: 0 } });
    const noYear = base({ date: null, date_partial: '--12-02', date_parts: { year: 0, month: 12, day: 2 } });
    const r = X.ris([month, noYear]);
    assert.match(r, /PY {2}- 2024\r\nDA {2}- 2024\/03\/\/\r\n/);
    assert.match(r, /DA {2}- \/12\/02\/\r\n/);
    assert.equal((r.match(/^PY/gm) || []).length, 1);
    assert.equal((r.match(/^TY {2}- JOUR\r$/gm) || []).length, 2);
    const items = JSON.parse(X.csljson([month, noYear]));
    assert.deepEqual(items[0].issued, { 'date-parts': [[2024, 3]] });
    assert.deepEqual(items[1].issued, { literal: 'December 2' });
    assert.equal(items[0].type, 'article-journal');
    assert.equal(items[0]['container-title'], 'Central Asia-Caucasus Analyst');
    assert.equal(X.csljson([]), '[]\n');
  });

  it('untitled entries are "[Untitled] " + the first words of the lead', () => {
    const a = base({ title: null, lead: ['One two three four five six seven eight nine ten.'] });
    assert.equal(X.exportTitle(a), '[Untitled] One two three four five six seven eight …');
    assert.match(X.provenance(a), /untitled in the archive/);
  });
});

// The export formats of the demo (CSV, BibTeX, RIS, CSL-JSON): pure functions of caci-archive/1
// article objects (as the worker returns them), written to give the same records as
// `caci export --format csv|bibtex|ris|csljson` (cli/export_csv.cpp, cli/export_citations.cpp;
// documented in README.md "caci export"). web-demo/test/export.test.mjs compares them with the
// CLI's files on the sample pages.
//
// - CSV: RFC 4180, CRLF record ends, a header row, the CLI's stable columns.
// - Citations name the journal "Central Asia-Caucasus Analyst"; dates are never invented (only the
//   known parts; a date without a year is a CSL literal); provenance (source page, line, bytes,
//   content id) is in BibTeX note, RIS N1 and CSL note; untitled entries are "[Untitled] " + the
//   first words of the lead.
// - Keys: first author's family name + year ("nd" without) + first title word, lowercase ASCII,
//   "caci" without an author; keys shared by several articles get a, b, c... in export order.
//
// A classic script (the page works from file://): it hangs off window.CaciDemo.export, and node
// loads it in a vm context with a `window` object (no DOM is used).
'use strict';
(function (ns) {
  const JOURNAL = 'Central Asia-Caucasus Analyst';
  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
    'September', 'October', 'November', 'December'];
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();

  // -------------------------------------------------------------------------------- fields
  // { year, month, day } with 0 for an unknown part (date_parts when present, else the strings).
  function dateOf(a) {
    const p = a.date_parts;
    if (p && typeof p === 'object') return { year: p.year || 0, month: p.month || 0, day: p.day || 0 };
    let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(a.date || '');
    if (m) return { year: +m[1], month: +m[2], day: +m[3] };
    const part = a.date_partial || '';
    if ((m = /^(\d{4})-(\d{2})$/.exec(part))) return { year: +m[1], month: +m[2], day: 0 };
    if ((m = /^--(\d{2})-(\d{2})$/.exec(part))) return { year: 0, month: +m[1], day: +m[2] };
    if ((m = /^--(\d{2})$/.exec(part))) return { year: 0, month: +m[1], day: 0 };
    if ((m = /^(\d{4})$/.exec(part))) return { year: +m[1], month: 0, day: 0 };
    return { year: 0, month: 0, day: 0 };
  }

  const pad = (v, n = 2) => String(v).padStart(n, '0');
  const validMonth = (d) => d.month >= 1 && d.month <= 12;

  function completeDate(d) {
    return d.year && d.month && d.day ? `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}` : '';
  }

  function partialDate(d) {
    if (!d.month || (d.year && d.day)) return '';
    if (d.year) return `${pad(d.year, 4)}-${pad(d.month)}`;
    if (d.day) return `--${pad(d.month)}-${pad(d.day)}`;
    return `--${pad(d.month)}`;
  }

  function literalDate(d) {
    if (!validMonth(d)) return '';
    return MONTHS[d.month - 1] + (d.day ? ` ${d.day}` : '');
  }

  const authorNames = (a) => (a.authors || []).map((x) => x.name || '');
  const joinedLead = (a, sep) => (a.lead || []).join(sep);
  const articleText = (a) => String(a.text || '').replace(/\n+$/, '');
  const source = (a) => a.source || {};

  // The CLI's display title: the title, else "[Untitled] " + the first eight words (at most about
  // 80 bytes) of the first lead paragraph (else of the first line of the text), with an ellipsis
  // when cut. Measured in UTF-8 bytes, as the CLI does.
  function exportTitle(a) {
    if (a.title) return a.title;
    let src = (a.lead && a.lead[0]) || '';
    if (!src) src = articleText(a).split('\n')[0];
    if (!src) return '[Untitled]';
    const bytes = encoder.encode(src);
    const WORDS = 8, LIMIT = 80;
    let end = 0, words = 0;
    while (end < bytes.length && words < WORDS) {
      let next = bytes.indexOf(0x20, end);
      if (next < 0) next = bytes.length;
      if (next > LIMIT && words > 0) break;
      end = next;
      ++words;
      if (end < bytes.length) ++end;
    }
    let stop = end;
    while (stop > 0 && bytes[stop - 1] === 0x20) --stop;
    const cut = stop < bytes.length;
    return '[Untitled] ' + decoder.decode(bytes.subarray(0, stop)) + (cut ? ' …' : '');
  }

  // "Firstname Middle Lastname" -> { family: "Lastname", given: "Firstname Middle" }.
  function splitName(name) {
    const n = String(name || '').replace(/ +$/, '');
    const space = n.lastIndexOf(' ');
    if (space < 0) return { family: n, given: '' };
    return { family: n.slice(space + 1), given: n.slice(0, space).replace(/ +$/, '') };
  }

  // ------------------------------------------------------------------------ citation keys
  // The CLI's canonical_author_key folding (cli/article_fields.cpp): lowercase, Latin diacritics
  // removed, typographic apostrophes and hyphens made ASCII; then words, without initials and
  // honorifics. Only what key_part keeps (a-z, 0-9) matters here, but the word rules must match.
  const LATIN1 = ['a', 'a', 'a', 'a', 'a', 'a', 'ae', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
    'd', 'n', 'o', 'o', 'o', 'o', 'o', '', 'o', 'u', 'u', 'u', 'u', 'y', 'th', 'ss',
    'a', 'a', 'a', 'a', 'a', 'a', 'ae', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
    'd', 'n', 'o', 'o', 'o', 'o', 'o', '', 'o', 'u', 'u', 'u', 'u', 'y', 'th', 'y'];
  const LATIN_EXT_A = [[0x105, 'a'], [0x10D, 'c'], [0x111, 'd'], [0x11B, 'e'], [0x123, 'g'], [0x127, 'h'],
    [0x131, 'i'], [0x133, 'ij'], [0x135, 'j'], [0x138, 'k'], [0x142, 'l'], [0x14B, 'n'], [0x151, 'o'],
    [0x153, 'oe'], [0x159, 'r'], [0x161, 's'], [0x167, 't'], [0x173, 'u'], [0x175, 'w'], [0x178, 'y'],
    [0x17E, 'z'], [0x17F, 's']];
  const HONORIFICS = new Set(['dr', 'prof', 'professor', 'mr', 'mrs', 'ms', 'mme', 'sir', 'amb', 'ambassador',
    'gen', 'col', 'maj', 'capt', 'lt', 'hon', 'rev', 'phd', 'dphil', 'md']);

  function foldCodePoint(cp) {
    if (cp < 0x80) return cp >= 0x41 && cp <= 0x5A ? String.fromCharCode(cp + 32) : String.fromCharCode(cp);
    if (cp >= 0xC0 && cp <= 0xFF) return LATIN1[cp - 0xC0];
    if (cp >= 0x100 && cp <= 0x17F) return LATIN_EXT_A.find(([last]) => cp <= last)[1];
    if (cp === 0x18F || cp === 0x259) return 'e';
    if (cp >= 0x218 && cp <= 0x21B) return cp < 0x21A ? 's' : 't';
    if (cp >= 0x300 && cp <= 0x36F) return '';
    if (cp >= 0x410 && cp <= 0x42F) return String.fromCodePoint(cp + 0x20);
    if (cp >= 0x400 && cp <= 0x40F) return String.fromCodePoint(cp + 0x50);
    if (cp === 0x2019 || cp === 0x2018 || cp === 0x2BC) return "'";
    if (cp === 0x2010 || cp === 0x2011 || cp === 0x2013) return '-';
    if (cp === 0xA0) return ' ';
    return String.fromCodePoint(cp);
  }

  function canonicalKey(name) {
    let folded = '';
    for (const ch of String(name)) folded += foldCodePoint(ch.codePointAt(0));
    const words = [];
    let word = '';
    const flush = () => {
      const w = word.replace(/^['-]+|['-]+$/g, '');
      if (w) words.push(w);
      word = '';
    };
    for (const ch of folded) {
      if (/[a-z0-9'-]/.test(ch) || ch.codePointAt(0) >= 0x80) word += ch;
      else flush();
    }
    flush();
    // An initial is one byte long ("S." lost its dot); a non-ASCII letter is longer in UTF-8.
    return words.filter((w) => !(w.length === 1 && w.charCodeAt(0) < 0x80) && !HONORIFICS.has(w)).join(' ');
  }

  const keyPart = (s) => canonicalKey(s).replace(/[^a-z0-9]/g, '');
  const SKIP_WORDS = new Set(['a', 'an', 'the', 'on', 'of', 'in', 'and']);

  function firstTitleWord(a) {
    let title = a.title || '';
    if (!title) title = exportTitle(a).replace(/^\[Untitled\] /, '');
    for (const piece of title.split(/[ :]/)) {
      const word = keyPart(piece);
      if (word && !SKIP_WORDS.has(word)) return word;
    }
    return '';
  }

  function baseKey(a) {
    const names = authorNames(a);
    let key = names.length ? keyPart(splitName(names[0]).family) : '';
    if (!key) key = 'caci';
    const d = dateOf(a);
    return key + (d.year ? String(d.year) : 'nd') + firstTitleWord(a);
  }

  // Unique keys for the articles, in export order (a, b, ..., z, aa, ... when shared).
  function citationKeys(articles) {
    const keys = articles.map(baseKey);
    const uses = new Map();
    for (const k of keys) uses.set(k, (uses.get(k) || 0) + 1);
    const taken = new Set([...uses].filter(([, n]) => n === 1).map(([k]) => k));
    const nextSuffix = new Map();
    return keys.map((key) => {
      if (uses.get(key) === 1) return key;
      let candidate;
      do {
        let n = nextSuffix.get(key) || 0;
        nextSuffix.set(key, n + 1);
        let suffix = '';
        do {
          suffix = String.fromCharCode(97 + (n % 26)) + suffix;
          n = Math.floor(n / 26);
        } while (n-- > 0);
        candidate = key + suffix;
      } while (taken.has(candidate));
      taken.add(candidate);
      return candidate;
    });
  }

  // The provenance note shared by the three citation formats.
  function provenance(a) {
    const src = source(a);
    let note = `Source: ${src.file || ''}, line ${src.line || 0}, bytes ${src.byte_start || 0}-${src.byte_end || 0}; caci content id ${a.id || ''}`;
    if (a.kind && a.kind !== 'article') note += `; kind: ${a.kind}`;
    const d = dateOf(a);
    if (d.month && !d.year) note += `; dated ${literalDate(d)}, without a year`;
    if (!a.title) note += '; untitled in the archive';
    return note;
  }

  // ------------------------------------------------------------------------------------ CSV
  const CSV_COLUMNS = ['id', 'kind', 'category', 'title', 'authors', 'date', 'year', 'date_partial',
    'date_source', 'lead', 'text', 'source_file', 'source_line', 'byte_start', 'byte_end', 'duplicates'];

  // One RFC 4180 field: quoted when it holds a comma, a quote, CR or LF; quotes doubled.
  function csvField(value) {
    const s = value === null || value === undefined ? '' : String(value);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }

  const csvRow = (fields) => fields.map(csvField).join(',') + '\r\n';

  function csv(articles) {
    let out = csvRow(CSV_COLUMNS);
    for (const a of articles) {
      const d = dateOf(a);
      const src = source(a);
      out += csvRow([a.id, a.kind || '', a.category || '', a.title || '', authorNames(a).join('; '),
        completeDate(d), d.year ? d.year : '', partialDate(d), a.date_source || '', joinedLead(a, '\n\n'),
        articleText(a), src.file || '', src.line || 0, src.byte_start || 0, src.byte_end || 0,
        (a.duplicates || []).length]);
    }
    return out;
  }

  // --------------------------------------------------------------------------------- BibTeX
  const LATEX = { '\\': '\\textbackslash{}', '{': '\\{', '}': '\\}', '&': '\\&', '%': '\\%', '$': '\\$',
    '#': '\\#', _: '\\_', '~': '\\textasciitilde{}', '^': '\\textasciicircum{}', '\n': ' ', '\r': ' ', '\t': ' ' };
  const latex = (s) => String(s).replace(/[\\{}&%$#_~^\n\r\t]/g, (c) => LATEX[c]);
  const bibField = (name, value) => `  ${name} = {${value}},\n`;

  function bibtexEntry(a, key) {
    let out = `@article{${key},\n`;
    out += bibField('title', latex(exportTitle(a)));
    const names = authorNames(a);
    if (names.length) {
      out += bibField('author', names.map((name) => {
        const n = splitName(name);
        let given = latex(n.given);
        if (given.includes(' and ')) given = `{${given}}`;
        return given ? `${latex(n.family)}, ${given}` : latex(n.family);
      }).join(' and '));
    }
    out += bibField('journal', JOURNAL);
    const d = dateOf(a);
    if (d.year) out += bibField('year', String(d.year));
    if (validMonth(d)) out += bibField('month', String(d.month));
    if (d.year && d.month) out += bibField('date', completeDate(d) || partialDate(d));
    const lead = joinedLead(a, ' ');
    if (lead) out += bibField('abstract', latex(lead));
    out += bibField('note', latex(provenance(a)));
    return out + '}\n';
  }

  function bibtex(articles) {
    const keys = citationKeys(articles);
    return articles.map((a, i) => bibtexEntry(a, keys[i])).join('\n');
  }

  // ------------------------------------------------------------------------------------ RIS
  const risLine = (tag, value) => `${tag}  - ${String(value).replace(/[\r\n]/g, ' ')}\r\n`;

  function ris(articles) {
    const keys = citationKeys(articles);
    let out = '';
    articles.forEach((a, k) => {
      out += risLine('TY', 'JOUR') + risLine('ID', keys[k]) + risLine('TI', exportTitle(a));
      for (const name of authorNames(a)) {
        const n = splitName(name);
        out += risLine('AU', n.given ? `${n.family}, ${n.given}` : n.family);
      }
      out += risLine('T2', JOURNAL) + risLine('JF', JOURNAL);
      const d = dateOf(a);
      if (d.year) out += risLine('PY', String(d.year));
      if (validMonth(d)) out += risLine('DA', `${d.year ? d.year : ''}/${pad(d.month)}/${d.day ? pad(d.day) : ''}/`);
      const lead = joinedLead(a, ' ');
      if (lead) out += risLine('AB', lead);
      out += risLine('N1', provenance(a)) + risLine('ER', '');
    });
    return out;
  }

  // ------------------------------------------------------------------------------- CSL-JSON
  // JSON strings as the CLI writes them: UTF-8 kept, \" \\ \n \r \t, other controls and DEL as
  // \u00XX, U+2028/U+2029 escaped.
  function jsonString(s) {
    return '"' + String(s).replace(/[\u0000-\u001f"\\\u007f\u2028\u2029]/g, (c) => {
      if (c === '"') return '\\"';
      if (c === '\\') return '\\\\';
      if (c === '\n') return '\\n';
      if (c === '\r') return '\\r';
      if (c === '\t') return '\\t';
      return '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
    }).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd') + '"';
  }

  function cslItem(a, key) {
    let out = `{"id": ${jsonString(key)}, "type": "article-journal", "title": ${jsonString(exportTitle(a))}`;
    const names = authorNames(a);
    if (names.length) {
      out += ', "author": [' + names.map((name) => {
        const n = splitName(name);
        return `{"family": ${jsonString(n.family)}` + (n.given ? `, "given": ${jsonString(n.given)}` : '') + '}';
      }).join(', ') + ']';
    }
    out += `, "container-title": ${jsonString(JOURNAL)}`;
    const d = dateOf(a);
    if (d.year && validMonth(d)) {
      out += `, "issued": {"date-parts": [[${d.year}, ${d.month}${d.day ? ', ' + d.day : ''}]]}`;
    } else if (validMonth(d)) {
      out += `, "issued": {"literal": ${jsonString(literalDate(d))}}`;
    }
    const lead = joinedLead(a, '\n\n');
    if (lead) out += `, "abstract": ${jsonString(lead)}`;
    return out + `, "note": ${jsonString(provenance(a))}}`;
  }

  function csljson(articles) {
    const keys = citationKeys(articles);
    if (!articles.length) return '[]\n';
    return '[' + articles.map((a, k) => '\n  ' + cslItem(a, keys[k])).join(',') + '\n]\n';
  }

  // ---------------------------------------------------------------------------- the formats
  const FORMATS = {
    csv: { label: 'CSV', ext: 'csv', type: 'text/csv;charset=utf-8', render: csv },
    bibtex: { label: 'BibTeX', ext: 'bib', type: 'application/x-bibtex;charset=utf-8', render: bibtex },
    ris: { label: 'RIS', ext: 'ris', type: 'application/x-research-info-systems;charset=utf-8', render: ris },
    csljson: { label: 'CSL-JSON', ext: 'json', type: 'application/vnd.citationstyles.csl+json;charset=utf-8', render: csljson },
  };

  function render(format, articles) {
    const f = FORMATS[format];
    if (!f) throw new Error(`unknown export format ${format}`);
    return f.render(articles);
  }

  ns.export = { FORMATS, render, csv, bibtex, ris, csljson, bibtexEntry, citationKeys, exportTitle,
    provenance, dateOf, csvField, canonicalKey, JOURNAL, CSV_COLUMNS };
})(typeof window !== 'undefined' ? (window.CaciDemo = window.CaciDemo || {}) : globalThis);

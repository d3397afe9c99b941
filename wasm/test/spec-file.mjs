// Reads the spec files (tests/spec/*.md) with the rules of tests/spec/spec_file.hpp: examples
// between 32-backtick fences, input before a line holding ".", expectations after it; "→" is a tab,
// "⟨XX⟩" a byte, "⟨EOF⟩" ends an input without a final newline.
const FENCE = '`'.repeat(32);

export function unescapeInput(line) {
  const bytes = [];
  const enc = new TextEncoder();
  for (let i = 0; i < line.length;) {
    if (line[i] === '\u2192') {
      bytes.push(9);
      i += 1;
    } else if (line[i] === '\u27E8') {
      const close = line.indexOf('\u27E9', i + 1);
      const inner = close < 0 ? '' : line.slice(i + 1, close);
      if (/^[0-9A-Fa-f]{2}$/.test(inner)) {
        bytes.push(parseInt(inner, 16));
        i = close + 1;
      } else {
        bytes.push(...enc.encode(line[i]));
        i += 1;
      }
    } else {
      const cp = line.codePointAt(i);
      const ch = String.fromCodePoint(cp);
      bytes.push(...enc.encode(ch));
      i += ch.length;
    }
  }
  return bytes;
}

export function readSpec(text) {
  const lines = text.split('\n');
  const examples = [];
  let section = '';
  for (let i = 0; i < lines.length; ++i) {
    const l = lines[i];
    if (l.startsWith('## ')) section = l.slice(3);
    if (!l.startsWith(`${FENCE} example`)) continue;
    const ex = { number: examples.length + 1, line: i + 1, section, input: [], expectations: [],
      strict: l.includes(' strict'), foldQuotes: l.includes(' fold_quotes') };
    let inInput = true;
    for (++i; i < lines.length && lines[i] !== FENCE; ++i) {
      if (inInput && lines[i] === '.') {
        inInput = false;
        continue;
      }
      if (inInput) {
        const eof = '\u27E8EOF\u27E9';
        if (lines[i].endsWith(eof)) ex.input.push(...unescapeInput(lines[i].slice(0, -eof.length)));
        else ex.input.push(...unescapeInput(lines[i]), 10);
      } else if (lines[i] !== '') {
        ex.expectations.push(lines[i]);
      }
    }
    ex.input = Uint8Array.from(ex.input);
    examples.push(ex);
  }
  return examples;
}


// Shared by the wasm tests: where the build output, fixtures and the native CLI are.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { test } from 'node:test';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const distDir = process.env.CACI_WASM_DIST ? resolve(process.env.CACI_WASM_DIST) : join(repoRoot, 'wasm', 'dist');

/** True when the CI environment variable is `true` or `1`. */
export const underCI = /^(true|1)$/i.test(process.env.CI ?? '');

/**
 * The `skip` option of tests that need something this machine may lack. `missing` says what is
 * missing (or is false). Outside CI they are skipped with that reason. Under CI=true a gate must
 * not skip, so a test named after the missing prerequisite fails in their place: a green CI cannot
 * hide tests that did not run.
 */
export function skipUnlessCI(missing) {
  if (!missing || !underCI) return missing;
  test(`prerequisite: ${missing}`, () => {
    assert.fail(`${missing}; under CI=true this gate must run, not skip (scripts/setup.sh installs what it needs)`);
  });
  return `${missing} (a failure under CI=true)`;
}

export async function loadCaci() {
  const mod = await import(join(distDir, 'caci.mjs'));
  await mod.Caci.init();
  return mod;
}

/** A made-up archive page in the 2025 layout (FORMAT.md section 1). */
export function page({ author = 'Jane Doe', date = 'January 29, 2025', lead = 'A lead paragraph about Caspian pipelines.',
  background = 'Background text on energy corridors across the region.', implications = 'Implications for Kazakhstan and Azerbaijan.',
  conclusion = 'A conclusion about regional trade.', bio = `${author} is a researcher.` } = {}) {
  return `By ${author}\n${date}\n${lead}\nBACKGROUND: ${background}\nIMPLICATIONS: ${implications}\nCONCLUSION: ${conclusion}\nAUTHOR BIO: ${bio}\n`;
}

export const FOOTER = 'The Central Asia-Caucasus Analyst is a biweekly publication of the Central Asia-Caucasus Institute.\n' +
  'Sign up for upcoming events, latest news and articles from the CACI Analyst';

function filesUnder(dir, filter) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, filter));
    else if (filter(name)) out.push(path);
  }
  return out;
}

/** Archive pages to compare with the native build: samples/, tests/data/fixtures/, the corpus. */
export function parityFixtures() {
  const txt = (name) => name.endsWith('.txt');
  const corpus = process.env.CACI_CORPUS_DIR ?? join(repoRoot, '..', 'shared', 'corpus');
  return [
    ...filesUnder(join(repoRoot, 'samples'), txt),
    ...filesUnder(join(repoRoot, 'tests', 'data', 'fixtures'), txt),
    ...filesUnder(corpus, txt),
  ];
}

/** The native CLI: $CACI_NATIVE_CLI, else build(-name)/cli/caci (newest first); null when absent. */
export function nativeCli() {
  if (process.env.CACI_NATIVE_CLI) return existsSync(process.env.CACI_NATIVE_CLI) ? process.env.CACI_NATIVE_CLI : null;
  const preferred = join(repoRoot, 'build', 'cli', 'caci');
  if (existsSync(preferred)) return preferred;
  const candidates = readdirSync(repoRoot)
    .filter((d) => d.startsWith('build'))
    .map((d) => join(repoRoot, d, 'cli', 'caci'))
    .filter((p) => existsSync(p))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return candidates[0] ?? null;
}

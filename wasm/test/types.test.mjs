// caci.d.ts type-checks, and describes code written against it (tsc from devDependencies).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, skipUnlessCI } from './helpers.mjs';

const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
const skip = skipUnlessCI(!existsSync(tsc) && 'typescript is not installed (npm install)');

const usage = `
import Caci, { CaciError, Document, Index, type Article, type SearchResults } from './caci.mjs';
import { createCaciWorker, CaciWorker } from './caci-worker-client.mjs';

export async function main(): Promise<number> {
  await Caci.init();
  const version: string = Caci.version();
  const parsed = Caci.parse('By A. Author', { file: 'x.txt', strict: true });
  const first: Article | undefined = parsed.articles[0];
  const doc = new Document({ foldQuotes: true });
  doc.parse(new Uint8Array([66, 121]), { file: 'y.txt' });
  const index = new Index({ k1: 1.2, fieldWeights: [3, 2, 1.5, 1, 0.5] });
  const added: number = index.add(doc);
  doc.free();
  let results: SearchResults;
  try {
    results = index.search('caspian', { limit: 5, sort: 'date_desc', facets: true });
  } catch (e) {
    if (e instanceof CaciError && e.statusName === 'CACI_EQUERY') return e.offset ?? -1;
    throw e;
  }
  const spans = results.hits.map((h) => h.article.text.slice(h.snippet.start, h.snippet.end));
  const years = results.facets?.year.map((v) => v.value) ?? [];
  const saved: Uint8Array = index.save();
  index[Symbol.dispose]();
  const loaded = Index.load(saved);
  const worker: CaciWorker = createCaciWorker();
  worker.addEventListener('progress', (event) => console.log(event.detail.done, event.detail.total));
  const { added: n } = await worker.addFiles([{ name: 'a.txt', bytes: saved }]);
  return version.length + added + spans.length + years.length + loaded.size + n + (first ? 1 : 0);
}
`;

test('caci.d.ts and caci-worker-client.d.ts compile under tsc --strict', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'caci-dts-'));
  try {
    copyFileSync(join(repoRoot, 'wasm', 'js', 'caci.d.ts'), join(dir, 'caci.d.mts'));
    copyFileSync(join(repoRoot, 'wasm', 'js', 'caci-worker-client.d.ts'), join(dir, 'caci-worker-client.d.mts'));
    writeFileSync(join(dir, 'usage.mts'), usage);
    const args = ['--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext',
      '--lib', 'es2022,dom,esnext.disposable', join(dir, 'usage.mts')];
    try {
      execFileSync(process.execPath, [tsc, ...args], { encoding: 'utf8', cwd: dir });
    } catch (e) {
      assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

#!/usr/bin/env node
// The measurements of web-demo/test/perf.test.mjs on a big archive, by hand (not part of the test
// suite: it takes minutes). Prints the figures web-demo/README.md reports.
//   build/tests/caci_gen_archive --articles 20000 --seed 1 --out /tmp/caci-20k
//   web-demo/build.sh && node web-demo/perf-20k.mjs /tmp/caci-20k
import { distDir, launch, serve } from './testlib/harness.mjs';
import { LONG_TASK_LIMIT_MS, SHOWN_LIMIT_MS, installProbes, interactions, loadArchive } from './testlib/perf.mjs';

const dir = process.argv[2];
if (!dir) { console.error('usage: node web-demo/perf-20k.mjs ARCHIVE_DIR'); process.exit(2); }
const server = await serve(distDir);
const browser = await launch();
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(30 * 60000);
  await installProbes(page);
  await page.goto(server.url);
  const load = await loadArchive(page, dir);
  const longest = Math.max(0, ...load.longTasks.map((t) => t.duration));
  console.log(`archive: ${load.articles} articles from ${load.files} pages`);
  console.log(`ready after ${(load.readyMs / 1000).toFixed(1)} s, cached after ${(load.cachedMs / 1000).toFixed(1)} s`);
  console.log(`main-thread tasks over 50 ms while loading: ${load.longTasks.length}; longest ${longest.toFixed(0)} ms (limit ${LONG_TASK_LIMIT_MS})`);
  failed = longest > LONG_TASK_LIMIT_MS;
  const ms = await interactions(page);
  for (const [name, t] of Object.entries(ms)) {
    console.log(`${name}: ${t.toFixed(0)} ms from the engine's answer to the frame showing it (limit ${SHOWN_LIMIT_MS})`);
    failed ||= t > SHOWN_LIMIT_MS;
  }
} finally {
  await browser.close();
  await server.close();
}
process.exit(failed ? 1 : 0);

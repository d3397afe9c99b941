// Responsiveness of the demo on a generated archive (issue 16, "Measured"), shared by the CI test
// (web-demo/test/perf.test.mjs, a small archive) and the opt-in 20,000-article run
// (web-demo/perf-20k.mjs). Two measures, both taken inside the page:
//   - main-thread long tasks (PerformanceObserver 'longtask') from the moment the picked folder
//     reaches the page while its pages are parsed,
//     searched and cached: none may exceed LONG_TASK_LIMIT_MS;
//   - for each interaction, the time from the engine's last answer (the worker's reply to a search)
//     to the first frame that shows the result: at most SHOWN_LIMIT_MS. An interaction that needs
//     no engine call (KWIC sort) is timed from the input itself.
import { readdirSync } from 'node:fs';
import { TIMEOUT, waitReady } from './page.mjs';

export const LONG_TASK_LIMIT_MS = 50;
export const SHOWN_LIMIT_MS = 100;

// Before the page's scripts run: collect long tasks from the start.
export async function installProbes(page) {
  await page.addInitScript(() => {
    window.__longTasks = [];
    // The picked files reach the page here. The task that hands them over (Chromium making File
    // objects for a whole folder, for setInputFiles as for a file chooser) is the browser's, not
    // the demo's: tasks are counted from this moment on.
    document.addEventListener('change', (e) => { if (e.target.id === 'add-folder') window.__pickedAt = performance.now(); }, true);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

// Wraps the engine's calls so the page records when the worker last answered.
async function wrapEngine(page) {
  await page.evaluate(() => {
    const engine = window.CaciDemo.app.state.engine;
    if (engine.__wrapped) return;
    engine.__wrapped = true;
    for (const name of ['search', 'get']) {
      const call = engine[name].bind(engine);
      engine[name] = async (...args) => {
        try { return await call(...args); } finally { window.__engineReturned = performance.now(); }
      };
    }
  });
}

// Adds every page of `dir` through the folder picker; resolves once the archive is ready and
// cached. Returns the article count, the wall time, and the long tasks seen meanwhile.
export async function loadArchive(page, dir) {
  await waitReady(page);
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).length;
  await page.evaluate(() => { window.__pickedAt = Infinity; });
  const t0 = Date.now();
  await page.setInputFiles('#add-folder', dir);
  await page.waitForFunction((n) => {
    const s = window.CaciDemo.app.state;
    return s.pages === n && !document.body.classList.contains('busy') && /^ready: /.test(document.getElementById('status').textContent);
  }, files, { timeout: 30 * 60000, polling: 250 });
  const ready = Date.now() - t0;
  // The cache is written in the background after "ready": wait for it too.
  await page.waitForFunction(() => !window.CaciDemo.app.state.cachePending, null, { timeout: 30 * 60000, polling: 250 });
  const cached = Date.now() - t0;
  const tasks = await page.evaluate(() => window.__longTasks.filter((e) => e.start >= window.__pickedAt));
  const { articles } = await waitReady(page);
  await wrapEngine(page);
  return { files, articles, readyMs: ready, cachedMs: cached, longTasks: tasks };
}

// Runs `action`, then waits for `shown` (a page function, true once the result is on screen) on
// animation frames; returns the milliseconds from the engine's last answer (or from the action,
// fromAction) to that frame.
export async function timeInteraction(page, action, shown, { fromAction = false, arg = null } = {}) {
  await page.evaluate(() => {
    window.__engineReturned = 0;
    window.__actionAt = 0;
    // The interaction starts when the page receives the user's input, not when the test sent it.
    const mark = () => { if (!window.__actionAt) window.__actionAt = performance.now(); };
    for (const type of ['input', 'change', 'click']) document.addEventListener(type, mark, { capture: true, once: true });
  });
  await action();
  const handle = await page.waitForFunction(([src, a]) => {
    if (!(0, eval)(src)(a)) return false;
    return { at: performance.now(), engine: window.__engineReturned, action: window.__actionAt };
  }, [shown.toString(), arg], { timeout: 5 * 60000, polling: 'raf' });
  const t = await handle.jsonValue();
  const from = fromAction || !t.engine ? t.action : t.engine;
  return Math.max(0, t.at - from);
}

const resultsShown = (query) => {
  const s = window.CaciDemo.app.state;
  return s.userQuery === query && document.getElementById('results').getAttribute('aria-busy') !== 'true' &&
    !/Searching/.test(document.getElementById('hit-count').textContent);
};

// The four interactions of the issue. Returns { name: ms }.
export async function interactions(page) {
  const out = {};
  await page.fill('#q', '');
  await page.waitForFunction(() => window.CaciDemo.app.state.userQuery === '' &&
    document.getElementById('results').getAttribute('aria-busy') !== 'true', null, { timeout: TIMEOUT });
  out.typing = await timeInteraction(page, () => page.fill('#q', 'pipeline'), resultsShown, { arg: 'pipeline' });
  const chips = () => document.querySelectorAll('#chips .chip').length === 1 &&
    document.getElementById('results').getAttribute('aria-busy') !== 'true' && !document.body.classList.contains('busy');
  out.facet = await timeInteraction(page, () => page.click('.facet[data-field="year"] .facet-item >> nth=0'), chips);
  await page.click('#clear-filters');
  await page.waitForFunction(() => document.querySelectorAll('#chips .chip').length === 0 &&
    document.getElementById('results').getAttribute('aria-busy') !== 'true', null, { timeout: TIMEOUT });
  // Trends: five queries.
  await page.click('#tab-trends');
  const drawn = () => document.getElementById('trends').getAttribute('aria-busy') !== 'true' &&
    !/Counting/.test(document.getElementById('trend-status').textContent);
  await page.waitForFunction(drawn, null, { timeout: 5 * 60000 });
  const words = ['pipeline', 'gas', 'border', 'election', 'water'];
  for (let i = await page.locator('#trend-rows input').count(); i < words.length; i++) await page.click('#trend-add');
  for (let i = 0; i < words.length; i++) await page.fill(`#trend-rows input >> nth=${i}`, words[i]);
  // The series drawn before are marked; the new chart draws five unmarked ones.
  await page.evaluate(() => { for (const p of document.querySelectorAll('#trend-chart path.series')) p.dataset.perfOld = '1'; });
  const fiveSeries = () => document.getElementById('trends').getAttribute('aria-busy') !== 'true' &&
    !/Counting/.test(document.getElementById('trend-status').textContent) &&
    document.querySelectorAll('#trend-chart path.series:not([data-perf-old])').length === 5;
  out.trends = await timeInteraction(page, () => page.click('#trend-draw'), fiveSeries);
  // KWIC, then sorting its rows by the left word (no engine call: timed from the input).
  await page.click('#tab-kwic');
  const settled = () => {
    const k = document.getElementById('kwic');
    return !k.hidden && k.getAttribute('aria-busy') !== 'true' && !/Collecting/.test(document.getElementById('kwic-count').textContent);
  };
  await page.waitForFunction(settled, null, { timeout: 5 * 60000 });
  await page.selectOption('#kwic-sort', 'hits');   // a repeated run starts from the hit order
  // The rows drawn before are marked; the sorted page is drawn anew.
  await page.evaluate(() => { for (const r of document.querySelectorAll('#kwic-rows tr')) r.dataset.perfOld = '1'; });
  const sortedLeft = () => {
    const row = document.querySelector('#kwic-rows tr');
    return document.getElementById('kwic').getAttribute('aria-busy') !== 'true' && row && !row.dataset.perfOld;
  };
  out.kwicSort = await timeInteraction(page, () => page.selectOption('#kwic-sort', 'left'), sortedLeft, { fromAction: true });
  await page.click('#tab-results');
  return out;
}


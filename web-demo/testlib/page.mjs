// Page helpers shared by the browser tests of the web demo.
import assert from 'node:assert/strict';

export const TIMEOUT = 30000;

// ----------------------------------------------------------------------------------- helpers
export async function waitReady(page) {
  // After a reopen the page says ready with its first hits, before their facets: wait for those too.
  await page.waitForFunction(() => /^ready: /.test(document.getElementById('status').textContent) &&
    !document.body.classList.contains('busy'), null, { timeout: TIMEOUT });
  const text = await page.textContent('#status');
  const m = /^ready: ([\d,]+) (?:sample )?articles?(?: from ([\d,]+) (?:sample )?pages?)?/.exec(text);
  assert.ok(m, `status line: ${text}`);
  return { text, articles: Number(m[1].replace(/,/g, '')), pages: m[2] ? Number(m[2].replace(/,/g, '')) : null };
}

// Types a query and waits until the hit count reflects it.
export async function searchFor(page, query, opts) {
  await typeQuery(page, query, opts);
  return hitCount(page);
}

// enter: false relies on search-as-you-type alone (the text must differ from the box's).
export async function typeQuery(page, query, { enter = true } = {}) {
  const before = await page.evaluate(() => window.CaciDemo.app.state.seq);
  await page.fill('#q', query);
  if (enter) await page.press('#q', 'Enter');   // searches at once, even when the text is unchanged
  await page.waitForFunction((n) => {
    const s = window.CaciDemo.app.state;
    return s.seq > n && !document.body.classList.contains('busy') &&
      document.getElementById('results').getAttribute('aria-busy') !== 'true';
  }, before, { timeout: TIMEOUT });
  await page.waitForTimeout(50);
}

export async function hitCount(page) {
  const text = (await page.textContent('#hit-count')).trim();
  const m = /^([\d,]+) (?:hits?|articles?)/.exec(text);
  if (/^No hits/.test(text)) return 0;
  assert.ok(m, `hit count text: ${text}`);
  return Number(m[1].replace(/,/g, ''));
}

export async function settle(page, fn) {
  const before = await page.evaluate(() => window.CaciDemo.app.state.seq);
  await fn();
  await page.waitForFunction((n) => window.CaciDemo.app.state.seq > n && !document.body.classList.contains('busy') &&
    document.getElementById('results').getAttribute('aria-busy') !== 'true', before, { timeout: TIMEOUT });
  await page.waitForTimeout(50);
}


// Waits until the status line says ready with an article count for which accept(count, arg) is true
// (accept runs in the page: no closures).
export async function waitArticles(page, accept, arg = null) {
  await page.waitForFunction(([src, want]) => {
    const m = /^ready: ([\d,]+)/.exec(document.getElementById('status').textContent);
    return m && !document.body.classList.contains('busy') && (0, eval)(src)(Number(m[1].replace(/,/g, '')), want);
  }, [accept.toString(), arg], { timeout: TIMEOUT });
  return waitReady(page);
}

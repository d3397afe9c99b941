// Versions through the JS API: article objects carry `versions` (id and kind of the other versions)
// and search({ collapseVersions: true }) gives one hit for a teaser and the full article it opens.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadCaci } from './helpers.mjs';

let Index;
before(async () => {
  ({ Index } = await loadCaci());
});

const OPENING = "Kazakhstan's new nuclear power plant will be built by an international consortium led by a " +
  'state company, the government announced in March after two years of talks.';
const FULL = `By Farida Akhmetova\n${OPENING}\nThe decision ends a long debate about which partner would supply the reactors.\n`;
const TEASERS = `By Farida Akhmetova\nMarch 12, 2025\n${OPENING}\nRead Atoms and Alliances: Kazakhstan's Nuclear Choice (PDF)\n` +
  'By Farida Akhmetova\nMarch 12, 2025\nWater shortages in the lower reaches of the rivers have become a political ' +
  'issue between upstream and downstream states this year.\nRead Rivers Without Borders (PDF)\n';

test('a teaser and its full article list each other; collapseVersions gives one hit', () => {
  const index = new Index();
  try {
    assert.equal(index.add(TEASERS, { file: 'teasers.txt' }), 2);
    assert.equal(index.add(FULL, { file: 'full.txt' }), 1);
    const all = index.search('nuclear consortium', { limit: 10 });
    assert.equal(all.total, 2);
    const teaser = all.hits.find((h) => h.article.kind === 'teaser').article;
    const full = all.hits.find((h) => h.article.kind === 'article').article;
    assert.deepEqual(teaser.versions, [{ id: full.id, kind: 'article' }]);
    assert.deepEqual(full.versions, [{ id: teaser.id, kind: 'teaser' }]);
    assert.deepEqual(index.get(full.id).versions, full.versions);
    const other = index.search('"water shortages"', { limit: 10 });
    assert.deepEqual(other.hits[0].article.versions, []);
    const one = index.search('nuclear consortium', { limit: 10, collapseVersions: true, facets: true });
    assert.equal(one.total, 1);
    assert.equal(one.hits.length, 1);
    assert.equal(one.facets.kind.reduce((n, v) => n + v.count, 0), 1);
  } finally {
    index.free();
  }
});

// Search v2 through the JS API: completions, "did you mean" suggestions, related articles.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadCaci, page, FOOTER } from './helpers.mjs';

let CaciError, Index;
before(async () => {
  ({ CaciError, Index } = await loadCaci());
});

const pages = () => [
  page({ author: 'Jane Doe', date: 'January 29, 2025', lead: 'Pipelines across the Caspian Sea carry oil.', background: 'Kazakhstan ships oil through the Caspian pipelines.' }),
  page({ author: 'John Roe', date: 'March 5, 2024', lead: 'Georgian ports and the Middle Corridor.', background: 'Poti and Anaklia compete for Caspian trade.' }),
  page({ author: 'Ann Poe', date: 'May 1, 2023', lead: 'A pipeline from Baku to the Caspian coast of Turkmenistan.', background: 'Oil and gas pipelines again.' }),
].join('') + FOOTER;

function withIndex(fn) {
  const index = new Index();
  try {
    assert.equal(index.add(pages(), { file: 'made-up.txt' }), 3);
    fn(index);
  } finally {
    index.free();
  }
}

test('complete() lists the indexed terms of a prefix, most frequent first, with article counts', () => withIndex((index) => {
  const got = index.complete('pip', 5);
  assert.ok(got.length >= 1, JSON.stringify(got));
  assert.ok(got.every((c) => c.term.startsWith('pip') && c.articles >= 1));
  for (let i = 1; i < got.length; i++) assert.ok(got[i - 1].articles >= got[i].articles);
  const total = index.search(got[0].term).total;
  assert.equal(got[0].articles, total, 'the count is the number of articles a search finds');
  assert.deepEqual(index.complete('', 5), []);
  assert.deepEqual(index.complete('pip', 0), []);
  assert.deepEqual(index.complete('x'.repeat(5000), 5), []);
}));

test('search({ suggest: true }) offers a corrected query with its total for a misspelled word', () => withIndex((index) => {
  const r = index.search('pipelnes', { suggest: true });
  assert.equal(r.total, 0);
  assert.ok(r.suggestions.length >= 1, JSON.stringify(r));
  assert.equal(r.suggestions[0].query, 'pipelines');
  assert.equal(r.suggestions[0].total, index.search('pipelines').total);
  assert.equal(index.search('pipelines').suggestions, undefined, 'only when asked');
}));

test('related() finds articles sharing an article\'s terms, never the article itself', () => {
  // Related reads the rarer terms: a dozen articles on two topics.
  const index = new Index();
  try {
    const topics = [
      ['Pipelines carry Caspian oil to refineries.', 'The pipeline consortium and oil tariffs.'],
      ['Parliamentary elections and ballots in Tbilisi.', 'Voters, ballots and the electoral commission.'],
    ];
    const names = ['Ann Poe', 'Bob Lee', 'Cy Dunn', 'Di Holt', 'Ed Moss', 'Fay Ruiz'];
    let text = '';
    for (let i = 0; i < 12; i++) {
      const [lead, background] = topics[i % 2];
      text += page({ author: names[i % 6], date: `May ${i + 1}, 2023`, lead: `${lead} Report ${i}.`, background });
    }
    assert.equal(index.add(text + FOOTER, { file: 'made-up.txt' }), 12);
    const first = index.search('pipeline').hits[0];
    const r = index.related(first.id, 5);
    assert.ok(r.hits.length >= 1, JSON.stringify(r));
    assert.ok(r.hits.every((h) => h.id !== first.id));
    assert.ok(r.hits.every((h) => /pipeline/i.test(h.article.text)), 'the related articles share its topic');
    assert.throws(() => index.related('0000000000001234'), (e) => e instanceof CaciError && e.statusName === 'CACI_ENOTFOUND');
    assert.throws(() => index.related('nope'), (e) => e instanceof CaciError && e.statusName === 'CACI_EINVAL');
  } finally {
    index.free();
  }
});

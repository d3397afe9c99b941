// People and countries through wasm: the author facet counts people, author:"Name" matches every
// spelling, the alias table (and its errors), personKey, the country facet and country: filter,
// and the worker keeping the alias table across clear().
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadCaci, page, FOOTER } from './helpers.mjs';
import { createWorkerHandler } from '../../wasm/js/worker-handler.mjs';

let Caci, CaciError, Index;
before(async () => {
  ({ Caci, CaciError, Index } = await loadCaci());
});

const neutral = { implications: 'Implications for trade.', conclusion: 'A conclusion.', background: 'Background on monetary policy.' };
const pages = () => [
  page({ ...neutral, author: 'S. Frederick Starr', date: 'January 29, 2025', lead: 'Pipelines from Baku.' }),
  page({ ...neutral, author: 'Frederick Starr', date: 'March 5, 2024', lead: 'Tbilisi and the Georgian ports. Georgia votes.' }),
  page({ ...neutral, author: 'Slavom\u00edr Hor\u00e1k', date: 'May 1, 2023', lead: 'Ashgabat and the Turkmen gas.' }),
  page({ ...neutral, author: 'Erkin Akhmadov', date: 'May 2, 2023', lead: 'Tashkent reforms.' }),
  page({ ...neutral, author: 'Erkin Ahmadov', date: 'May 3, 2023', lead: 'Uzbek cotton and Samarkand.' }),
].join('') + FOOTER;

function withIndex(fn) {
  const index = new Index();
  try {
    assert.equal(index.add(pages(), { file: 'people.txt' }), 5);
    fn(index);
  } finally {
    index.free();
  }
}

const facet = (index, query, name) => index.search(query, { facets: true, limit: 0 }).facets[name];
const ids = (index, query) => index.search(query, { limit: 50 }).hits.map((h) => h.article.authors[0].name).sort();

test('the author facet counts people, and author:"Name" finds every spelling', () => {
  withIndex((index) => {
    const authors = facet(index, '', 'author');
    const starr = authors.filter((v) => /Starr/.test(v.value));
    assert.deepEqual(starr, [{ value: 'Frederick Starr', count: 2 }]);
    assert.deepEqual(ids(index, 'author:"Frederick Starr"'), ['Frederick Starr', 'S. Frederick Starr']);
    assert.deepEqual(ids(index, 'author:"slavomir horak"'), ['Slavom\u00edr Hor\u00e1k']);
    assert.equal(index.personKey('Dr. S. Frederick Starr'), 'frederick starr');
    assert.equal(index.personKey('Slavom\u00edr Hor\u00e1k'), 'slavomir horak');
  });
});

test('an alias table merges people; a malformed one throws with its line and changes nothing', () => {
  withIndex((index) => {
    assert.deepEqual(ids(index, 'author:"Erkin Akhmadov"'), ['Erkin Akhmadov']);
    index.setAuthorAliases('# one person\nErkin Akhmadov = Erkin Ahmadov\n');
    assert.equal(index.authorAliases, '# one person\nErkin Akhmadov = Erkin Ahmadov\n');
    assert.deepEqual(ids(index, 'author:"Erkin Akhmadov"'), ['Erkin Ahmadov', 'Erkin Akhmadov']);
    assert.equal(index.personKey('Erkin Ahmadov'), index.personKey('Erkin Akhmadov'));
    assert.equal(facet(index, '', 'author').filter((v) => /Erkin/.test(v.value))[0].count, 2);
    assert.throws(() => index.setAuthorAliases('A B = C D\nno equals sign here\n'), (err) => {
      assert.ok(err instanceof CaciError);
      assert.equal(err.statusName, 'CACI_EINVAL');
      assert.match(err.message, /aliases line 2/);
      return true;
    });
    assert.deepEqual(ids(index, 'author:"Erkin Akhmadov"'), ['Erkin Ahmadov', 'Erkin Akhmadov']);
    assert.throws(() => index.setAuthorAliases(42), TypeError);
    assert.throws(() => index.personKey(null), TypeError);
  });
});

test('country facet and country: filter, variants accepted, an unknown country is a query error', () => {
  withIndex((index) => {
    const countries = Object.fromEntries(facet(index, '', 'country').map((v) => [v.value, v.count]));
    assert.equal(countries.Georgia, 1);
    assert.equal(countries.Uzbekistan, 2);
    assert.equal(countries.Turkmenistan, 1);
    assert.equal(index.search('country:uzbekistan').total, 2);
    assert.equal(index.search('country:T\u00fcrkiye').total, 0);
    assert.equal(index.search('country:GEORGIA').total, 1);
    assert.throws(() => index.search('country:atlantis'), (err) => {
      assert.equal(err.statusName, 'CACI_EQUERY');
      assert.match(err.message, /unknown country/);
      assert.equal(err.offset, 8);
      return true;
    });
  });
});

test('the worker keeps the alias table across clear() and reports a bad one', async () => {
  const replies = [];
  const handle = createWorkerHandler(Caci, (m) => replies.push(m));
  const call = async (id, op, args) => {
    await handle({ id, op, args });
    return replies.find((r) => r.id === id && 'ok' in r); // addFiles also posts progress
  };
  assert.equal((await call(1, 'setAuthorAliases', { text: 'Erkin Akhmadov = Erkin Ahmadov\n' })).ok, true);
  assert.equal((await call(2, 'clear', {})).ok, true);
  assert.equal((await call(3, 'addFiles', { files: [{ name: 'p.txt', bytes: new TextEncoder().encode(pages()) }] })).ok, true);
  const r = await call(4, 'search', { query: 'author:"Erkin Ahmadov"', options: { limit: 10 } });
  assert.equal(r.result.total, 2);
  const bad = await call(5, 'setAuthorAliases', { text: 'nonsense\n' });
  assert.equal(bad.ok, false);
  assert.match(bad.error.message, /aliases line 1/);
  assert.equal((await call(6, 'personKey', { name: 'Erkin Ahmadov' })).result, 'erkin akhmadov');
});

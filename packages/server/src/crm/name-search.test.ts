import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, type TestStore } from '../store/testing';
import { searchCustomers } from './customers';

// Names from a few characters, so that parts of them recur across names, in both scripts and cases.
const alphabet = ['张', '三', '丰', '李', '四', 'a', 'B', 'b', 'c', ' '];
const text = (min: number, max: number) => fc.array(fc.constantFrom(...alphabet), { minLength: min, maxLength: max }).map((cs) => cs.join('').trim());

describe.each(backends)('customer search by part of a name ($name)', (backend) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await backend.open();
  });
  afterAll(() => t.cleanup());

  it('finds exactly the names that contain the text, in any case, whatever its length', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(
          text(1, 8).filter((n) => n !== ''),
          { minLength: 1, maxLength: 30 },
        ),
        text(1, 4),
        async (names, part) => {
          fc.pre(part !== '' && !/^[\d+]/.test(part));
          await t.store.exec('DELETE FROM customers');
          await t.store.query(`INSERT INTO customers (name) SELECT unnest($1::text[])`, [names]);
          const found = await searchCustomers(t.store, null, { q: part, limit: 200, offset: 0 });
          const expected = names.filter((n) => n.toLowerCase().includes(part.toLowerCase()));
          // Latin letters are also read as pinyin initials: those matches are the initials', not the name's.
          const byName = found.customers.map((c) => c.name).filter((n) => n.toLowerCase().includes(part.toLowerCase()));
          expect(byName.sort()).toEqual(expected.sort());
        },
      ),
      { numRuns: 40 },
    );
  });

  it('reads the index, not every name', async () => {
    await t.store.query(`INSERT INTO customers (name) SELECT '客户' || i FROM generate_series(1, 2000) i`);
    await t.store.exec('ANALYZE customers');
    const plan = await t.store.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT id FROM customers WHERE search_grams(name, true) @> coalesce(nullif(search_grams($1, false), '{}'), search_grams($1, true))`,
      ['户12'],
    );
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain('customers_name_grams');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, pendingMigrations } from './index';
import { backends, type TestStore } from './testing';

describe.each(backends)('store ($name)', (backend) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await backend.open();
  });
  afterAll(() => t.cleanup());

  it('has every migration applied, and migrating again changes nothing', async () => {
    expect(await pendingMigrations(t.store)).toEqual([]);
    expect((await migrate(t.store)).applied).toEqual([]);
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await t.store.exec('CREATE TABLE tx_probe (n integer PRIMARY KEY)');
    await t.store.transaction((tx) => tx.query('INSERT INTO tx_probe VALUES (1)'));
    await expect(
      t.store.transaction(async (tx) => {
        await tx.query('INSERT INTO tx_probe VALUES (2)');
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await t.store.query('SELECT n FROM tx_probe ORDER BY n')).toEqual([{ n: 1 }]);
  });

  it('returns bigint and numeric columns as numbers, jsonb as objects', async () => {
    const [row] = await t.store.query('SELECT 9007199254740::int8 AS big, 0.8::numeric AS ratio, $1::jsonb AS doc', [JSON.stringify({ 班组: 1 })]);
    expect(row).toEqual({ big: 9007199254740, ratio: 0.8, doc: { 班组: 1 } });
  });
});

describe.each(backends)('store ($name) beside the server', (backend) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await backend.open();
  });
  afterAll(() => t.cleanup());

  it('lets the process answer while a long statement runs', async () => {
    const order: string[] = [];
    const statement = t.store.query('SELECT count(*) FROM generate_series(1, 2000000)').then(() => order.push('statement'));
    // What a request or the live floor's timer waits for: the loop's next turn.
    await new Promise((resolve) => setTimeout(resolve, 0));
    order.push('timer');
    await statement;
    expect(order).toEqual(['timer', 'statement']);
  });

  it('tells a refused statement by its PostgreSQL code and constraint', async () => {
    await t.store.exec('CREATE TABLE refusal_probe (n integer CONSTRAINT refusal_probe_key PRIMARY KEY)');
    await t.store.query('INSERT INTO refusal_probe VALUES (1)');
    await expect(t.store.query('INSERT INTO refusal_probe VALUES (1)')).rejects.toMatchObject({ code: '23505', constraint: 'refusal_probe_key' });
  });
});

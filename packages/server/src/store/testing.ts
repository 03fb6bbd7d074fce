import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import { migrate, openEmbeddedStore, openServerStore, type Store } from './index';

/** The real PostgreSQL server of the machine; tests isolate themselves in their own schema. */
export const testDatabaseUrl = process.env.BANZU_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestStore {
  store: Store;
  /** Opens another connection (pool) to the same database: a second process, as far as it knows. */
  reopen(): Promise<Store>;
  cleanup(): Promise<void>;
}

export interface Backend {
  name: 'embedded' | 'postgres';
  /** A migrated, empty store of its own. */
  open(): Promise<TestStore>;
}

async function openEmbedded(): Promise<TestStore> {
  const template = new Blob([await readFile(inject('pgliteTemplate'))]);
  const store = await openEmbeddedStore({ loadDataDir: template });
  return {
    store,
    reopen: async () => store,
    cleanup: () => store.close(),
  };
}

async function openPostgres(): Promise<TestStore> {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const admin = await openServerStore({ url: testDatabaseUrl, maxConnections: 1 });
  await admin.exec(`CREATE SCHEMA ${schema}`);
  const opened: Store[] = [];
  const open = async () => {
    const s = await openServerStore({ url: testDatabaseUrl, schema });
    opened.push(s);
    return s;
  };
  const store = await open();
  await migrate(store);
  return {
    store,
    reopen: open,
    async cleanup() {
      await Promise.all(opened.map((s) => s.close()));
      await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  };
}

/** Both storage backends, for `describe.each(backends)`. */
export const backends: Backend[] = [
  { name: 'embedded', open: openEmbedded },
  { name: 'postgres', open: openPostgres },
];

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

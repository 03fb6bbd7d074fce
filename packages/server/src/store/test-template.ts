import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrate, openEmbeddedStore } from './index';

/**
 * Vitest global setup: initialises embedded PostgreSQL once and migrates it, so each test
 * file loads a prepared data directory in under a second instead of initialising for seconds.
 */
export default async function setup(project: TestProject) {
  const store = await openEmbeddedStore();
  await migrate(store);
  const file = join(tmpdir(), `banzu-pglite-template-${process.pid}.tar`);
  await writeFile(file, Buffer.from(await (await store.dump()).arrayBuffer()));
  await store.close();
  project.provide('pgliteTemplate', file);
  return () => rm(file, { force: true });
}

import { loadConfig } from '../config/index';
import { hasEmbeddedStore, openConfiguredStore, storeName } from '../bootstrap/index';
import { migrate } from '../store/index';
import { parseFlags, said, UsageError, type Command } from './command';
import { storeContents } from './existing';

export const migrateCommand: Command = {
  name: 'migrate',
  summary:
    'Apply pending database migrations to an existing store (the server also does this at start). Where there is no Banzu database yet it refuses, naming the place, unless --create asks for a new, empty one (banzu start creates the center and administrator).',
  usage: 'banzu migrate [--create] [--data-dir <dir>]',
  async run(argv) {
    const { values } = parseFlags(argv, { create: { type: 'boolean' }, 'data-dir': { type: 'string' } });
    const config = loadConfig({ overrides: { dataDir: values['data-dir'] } });
    const where = storeName(config);
    // A mistyped --data-dir must not become a new store: the directory is looked at before it is opened.
    if (!values.create && !config.databaseUrl && !hasEmbeddedStore(config.dataDir)) throw new UsageError(said('cli.migrate.nothing_there', { store: where }));
    const { store, release } = await openConfiguredStore(config);
    try {
      const existed = (await storeContents(store)) !== 'nothing';
      if (!existed && !values.create) throw new UsageError(said('cli.migrate.nothing_there', { store: where }));
      const { applied } = await migrate(store);
      if (!existed) console.log(said('cli.migrate.created', { store: where, count: applied.length, applied: `${applied[0]} … ${applied.at(-1)}` }));
      else console.log(applied.length > 0 ? said('cli.migrate.applied', { store: where, applied: applied.join(', ') }) : said('cli.migrate.up_to_date', { store: where }));
      return 0;
    } finally {
      await store.close();
      release();
    }
  },
};

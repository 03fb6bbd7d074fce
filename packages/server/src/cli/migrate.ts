import { loadConfig } from '../config/index';
import { openConfiguredStore } from '../bootstrap/index';
import { migrate } from '../store/index';
import { parseFlags, type Command } from './command';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply pending database migrations (the server also does this at start).',
  usage: 'banzu migrate [--data-dir <dir>]',
  async run(argv) {
    const { values } = parseFlags(argv, { 'data-dir': { type: 'string' } });
    const config = loadConfig({ overrides: { dataDir: values['data-dir'] } });
    const { store, release } = await openConfiguredStore(config);
    try {
      const { applied } = await migrate(store);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
      return 0;
    } finally {
      await store.close();
      release();
    }
  },
};

import { loadConfig, type Config } from '../config/index';
import { createLogger, startServer } from '../bootstrap/index';
import { demoCenter } from '../demo/index';
import { numberFlag, parseFlags, type Command } from './command';

export const startCommand: Command = {
  name: 'start',
  summary: 'Start the Banzu server: API, console and (unless --no-sim, or with --switch sip) the simulated center.',
  usage: 'banzu start [--port <n>] [--host <addr>] [--data-dir <dir>] [--switch simulated|sip|none] [--no-demo] [--no-sim] [--speed <x>]',
  async run(argv) {
    const { values } = parseFlags(argv, {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      switch: { type: 'string' },
      'no-demo': { type: 'boolean' },
      'no-sim': { type: 'boolean' },
      speed: { type: 'string' },
    });
    const config = loadConfig({
      overrides: {
        port: numberFlag('port', values.port, { min: 0, max: 65535, integer: true }),
        host: values.host,
        dataDir: values['data-dir'],
        // Checked with the rest of the configuration, which names the flag when the value is not a switch.
        switch: values.switch as Config['switch'] | undefined,
        demo: values['no-demo'] ? false : undefined,
        sim: values['no-sim'] ? false : undefined,
        simSpeed: numberFlag('speed', values.speed, { min: 0.1, max: 100 }),
      },
    });
    const logger = createLogger(config);
    // The demo is start-up's guest: the product never imports it.
    const guest = config.demo || config.sim ? demoCenter(config, { onError: (err) => logger.error({ err }, 'the demo failed') }) : undefined;
    const server = await startServer(config, { print: (line) => console.log(line), logger, ...(guest ? { guest } : {}) });
    console.log(`Banzu is running: ${server.url}  (API docs: ${server.url}/api/docs)`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    return 0;
  },
};

import type { Clock, Timer } from '@banzu/core';
import { randomPassword } from '../auth/password';
import type { Guest } from '../bootstrap/index';
import type { Config } from '../config/index';
import { recordingsDir } from '../recordings/index';
import type { Store } from '../store/index';
import { seedDemoCenter } from './seed';
import { startDemoTelemarketers } from './telemarketers';
import { DemoTraffic } from './traffic';

export { seedDemoCenter, demoTeamSizes, firstDemoEmployeeNo, type DemoSummary } from './seed';
export { DemoTelemarketers, startDemoTelemarketers } from './telemarketers';
export { DemoTraffic, type DemoSwitch, type DemoTrafficOptions } from './traffic';

/**
 * The demo center, a guest of the product that only start-up brings (`banzu start`): on the first
 * start it seeds four teams, their customers and a running campaign (`config.demo`); with
 * `config.sim` a simulated switch brings callers by a real center's day, simulated agents answer,
 * and simulated telemarketers work the campaign. Nothing in the product imports this folder.
 *
 * @example
 * const server = await startServer(config, { guest: demoCenter(config, { onError: logger.error }) });
 */
export function demoCenter(config: Config, options: { onError: (err: unknown) => void; clock?: Clock & { timer: Timer } }): Guest {
  const traffic = config.sim ? new DemoTraffic({ speed: config.simSpeed, load: config.simLoad, seed: 1, recordingsDir: recordingsDir(config), ...options }) : null;
  return {
    ...(config.demo ? { seed: (store) => seedWithLogins(store, config) } : {}),
    ...(traffic
      ? {
          connect: (store, resume) => traffic.connect(store, resume),
          async start({ app, floor, store }) {
            if (!floor || !app.campaignDesk) return async () => {};
            const stopTraffic = traffic.start(floor);
            const telemarketers = await startDemoTelemarketers(store, app.campaignDesk, floor, traffic.switch);
            return async () => {
              telemarketers.stop();
              await stopTraffic();
            };
          },
        }
      : {}),
  };
}

/** Seeds the demo center and says how to log in, once. */
async function seedWithLogins(store: Store, config: Config): Promise<string[]> {
  const password = config.demoPassword ?? randomPassword();
  const demo = await seedDemoCenter(store, password);
  return [
    `demo center: ${demo.teams} teams, ${demo.agents} agents`,
    `demo logins: manager, qa1, trainer1, leader1..leader${demo.teams}, agents ${demo.logins.find((l) => /^\d+$/.test(l))}..${demo.logins.at(-1)} (工号)`,
    config.demoPassword ? 'demo password: BANZU_DEMO_PASSWORD' : `demo password: ${password}`,
  ];
}

/**
 * The live floor: the router in real time over the switch it drives, its events to the log, the
 * live feed for the console, and the desktop's and the team leader's commands over HTTP.
 *
 * @example
 * const floor = await startFloor({ store, log, clock }, { connect: () => ({ switch: sip }), onError: log.error });
 * await app.register(floorPlugin(floor));
 */
export { startFloor, type Floor, type FloorConnection, type FloorOptions, type FloorResume } from './start';
export { FloorEngine, type FloorSwitch } from './engine';
export { FloorFeed } from './feed';
export { floorPlugin, floorRoutes } from './routes';
export type { FloorOrg } from './config';
export type { SnapshotMeta } from './journal';

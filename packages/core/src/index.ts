export * from './time/index';
export * from './random/index';
export * from './org/index';
export * from './sim/index';
export * from './metrics/index';

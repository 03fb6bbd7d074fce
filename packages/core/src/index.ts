export * from './time/index';
export * from './random/index';

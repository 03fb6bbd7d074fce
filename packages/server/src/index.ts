export { loadConfig, ConfigError, envNames, type Config } from './config/index';
export { openStore, openEmbeddedStore, openServerStore, migrate, type Store, type Queryable } from './store/index';
export { EventLog, type StoredEvent } from './events/index';
export { ProjectionRunner, type Projection } from './projections/index';
export { buildApp, type AppContext } from './http/app';
export { openBanzu, startServer, type Banzu, type RunningServer } from './bootstrap/index';

/** What both backends offer inside and outside a transaction. */
export interface Queryable {
  /** One statement with $1, $2 … parameters; returns the rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** A database: embedded PostgreSQL or a server, opened by `openStore` and used the same way. */
export interface Store extends Queryable {
  readonly kind: 'embedded' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Calls `onNotify` for each NOTIFY on `channel`, from any process sharing the database. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  /** What keeps it from working right now (a connection reconnecting), for `/ready`; empty when all is well. */
  problems(): string[];
  close(): Promise<void>;
}

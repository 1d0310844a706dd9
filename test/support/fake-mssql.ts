import { Readable } from 'node:stream';

/**
 * A stand-in for an `mssql` ConnectionPool and the few things of SQL Server that sluice's runner
 * and driver touch, for tests on a machine without SQL Server. It records every request (its SQL,
 * parameters and types, and on which connection it ran) so tests assert the text sluice sends, and
 * it keeps tracking tables and the app lock in memory so the runner's paths play out. A statement
 * it does not know is recorded and succeeds, unless it contains `fail!`, which fails like a server
 * error (number 50000); anything the runner sends must be known, so tests compare the full list.
 */

export interface SentRequest {
  /** `pool`, or `pinned#<n>` for a pool made from this one (the run lock's connection). */
  on: string;
  /** `query` (sp_executesql when parameters exist), `batch`, or a transaction event. */
  kind: 'query' | 'batch' | 'begin' | 'commit' | 'rollback';
  sql: string;
  params: unknown[];
  /** The declared type of each parameter (`nvarchar(max)`, `int`, ...); `inferred` when mssql is left to choose. */
  types: string[];
  isolationLevel?: number | undefined;
  arrayRowMode?: boolean;
}

interface Table {
  columns: string[];
  rows: Record<string, unknown>[];
  /** Columns declared `text` (drizzle's table), which T-SQL cannot compare. */
  textColumns?: string[];
}

/** `[t]` -> `t`, `[s].[t]` -> `s.t`: how `tables` is keyed (the default schema's tables by name alone). */
const keyOf = (name: string) => name.replace(/\]\.\[/g, '.').slice(1, -1);

/** A server error as tedious reports it: a message and SQL Server's error number. */
export class FakeServerError extends Error {
  constructor(
    message: string,
    readonly number: number,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

const typeName = (type: { type?: { declaration?: string }; length?: number; scale?: number }): string => {
  const name = type.type?.declaration ?? 'unknown';
  if (type.length !== undefined) return `${name}(${type.length === 65535 ? 'max' : type.length})`;
  if (type.scale !== undefined) return `${name}(${type.scale})`;
  return name;
};

export class FakeMssqlServer {
  readonly sent: SentRequest[] = [];
  readonly tables = new Map<string, Table>();
  readonly schemas = new Set<string>(['dbo']);
  /** Who holds the app lock: a connection name, `someone else`, or nobody. */
  lockHolder: string | undefined;
  /** Rows answered to any select the fake does not know, as arrays or objects per the request's mode. */
  selectRows: Record<string, unknown>[] = [];
  connects = 0;
  /** A statement that fails once, the next time it is sent. */
  failNext: string | undefined;
  /** Requests cancelled while streaming (an `.iterator()` loop left early). */
  cancels = 0;
  private pinnedCount = 0;

  /** A ConnectionPool class bound to this server, as `mssql` exports one. */
  readonly Pool: new (
    config?: Record<string, unknown>,
  ) => FakePool;

  constructor() {
    const server = this;
    this.Pool = class extends FakePool {
      constructor(config: Record<string, unknown> = {}) {
        super(server, config, (config.pool as { max?: number } | undefined)?.max === 1 ? `pinned#${++server.pinnedCount}` : 'pool');
      }
    };
  }

  /** Statements sent, as text, in order; transaction events as `begin transaction`, `commit`, `rollback`. */
  texts(): string[] {
    return this.sent.map((r) => (r.kind === 'begin' ? 'begin transaction' : r.kind === 'commit' || r.kind === 'rollback' ? r.kind : r.sql));
  }

  run(on: string, sql: string, params: unknown[], arrayRowMode: boolean): { recordset: unknown[] | undefined; rowsAffected: number[] } {
    const one = sql.replace(/\s+/g, ' ').trim();
    let m: RegExpExecArray | null;
    if (one.includes('fail!')) throw new FakeServerError(`Statement failed: ${one}`, 50000);
    if (this.failNext !== undefined && one === this.failNext) {
      this.failNext = undefined;
      throw new FakeServerError(`Statement failed: ${one}`, 50000);
    }
    if ((m = /^select column_name as name from information_schema\.columns where table_schema = (schema_name\(\)|N'(.+)') and table_name = N'(.+)'$/.exec(one))) {
      const key = m[2] === undefined ? m[3]! : `${m[2]}.${m[3]}`;
      const t = this.tables.get(key.replace(/''/g, "'"));
      return this.rows(
        (t?.columns ?? []).map((name) => ({ name })),
        arrayRowMode,
      );
    }
    if ((m = /^if schema_id\(N'(.+?)'\) is null exec\(N'create schema \[(.+?)\]'\)$/.exec(one))) {
      this.schemas.add(m[2]!);
      return { recordset: undefined, rowsAffected: [] };
    }
    if ((m = /^if object_id\(N'(.+?)', N'U'\) is null create table ((?:\[[^\]]+\]\.)?\[[^\]]+\]) \((.*)\)$/.exec(one))) {
      const key = keyOf(m[2]!);
      if (key.includes('.') && !this.schemas.has(key.split('.')[0]!)) throw new FakeServerError(`The specified schema name "${key.split('.')[0]}" either does not exist or you do not have permission to use it.`, 2760);
      if (!this.tables.has(key)) this.tables.set(key, { columns: [...m[3]!.matchAll(/(?:^|, )\[(\w+)\] /g)].map((c) => c[1]!), rows: [] });
      return { recordset: undefined, rowsAffected: [] };
    }
    if ((m = /^alter table ((?:\[[^\]]+\]\.)?\[[^\]]+\]) add \[(\w+)\] /.exec(one))) {
      this.table(keyOf(m[1]!)).columns.push(m[2]!);
      return { recordset: undefined, rowsAffected: [] };
    }
    if ((m = /^select (.+) from ((?:\[[^\]]+\]\.)?\[[^\]]+\]) order by (\w+)$/.exec(one))) {
      const cols = m[1]!.split(', ');
      const rows = this.table(keyOf(m[2]!)).rows.map((r) => Object.fromEntries(cols.map((c) => [c, r[c] ?? null])));
      return this.rows(rows, arrayRowMode);
    }
    if ((m = /^insert into ((?:\[[^\]]+\]\.)?\[[^\]]+\]) \((.+)\) values \((.+)\)$/.exec(one))) {
      const t = this.table(keyOf(m[1]!));
      const cols = m[2]!.split(', ').map((c) => c.slice(1, -1));
      const row: Record<string, unknown> = { id: t.rows.length + 1 };
      cols.forEach((c, i) => {
        row[c] = params[i];
      });
      t.rows.push(row);
      return { recordset: undefined, rowsAffected: [1] };
    }
    if ((m = /^update ((?:\[[^\]]+\]\.)?\[[^\]]+\]) set (.+) where (\[name\]|cast\(\[name\] as nvarchar\(max\)\)) = @p(\d+)$/.exec(one))) {
      const t = this.table(keyOf(m[1]!));
      this.assertComparable(t, m[3]);
      const row = t.rows.find((r) => r.name === params[Number(m![4]) - 1]);
      for (const set of m[2]!.split(', ')) {
        const [, col, p] = /^\[(\w+)\] = @p(\d+)$/.exec(set)!;
        if (row) row[col!] = params[Number(p) - 1];
      }
      return { recordset: undefined, rowsAffected: [row ? 1 : 0] };
    }
    if ((m = /^delete from ((?:\[[^\]]+\]\.)?\[[^\]]+\]) where (\[name\]|cast\(\[name\] as nvarchar\(max\)\)) = @p1$/.exec(one))) {
      const t = this.table(keyOf(m[1]!));
      this.assertComparable(t, m[2]);
      const before = t.rows.length;
      t.rows = t.rows.filter((r) => r.name !== params[0]);
      return { recordset: undefined, rowsAffected: [before - t.rows.length] };
    }
    if (one.startsWith('exec sp_getapplock ')) {
      if (this.lockHolder === undefined) this.lockHolder = on;
      return { recordset: undefined, rowsAffected: [] };
    }
    if (one.startsWith('select applock_mode(')) return this.rows([{ mode: this.lockHolder === on ? 'Exclusive' : 'NoLock' }], arrayRowMode);
    if (one.startsWith('exec sp_releaseapplock ')) {
      if (this.lockHolder === on) this.lockHolder = undefined;
      return { recordset: undefined, rowsAffected: [] };
    }
    if (/^select /i.test(one)) return this.rows(this.selectRows, arrayRowMode);
    return { recordset: undefined, rowsAffected: [0] };
  }

  /** T-SQL cannot compare a `text` column: a where clause on one must cast it. */
  private assertComparable(t: Table, column: string | undefined): void {
    if (t.textColumns?.includes('name') && column === '[name]') throw new FakeServerError('The data types text and nvarchar are incompatible in the equal to operator.', 402);
  }

  private table(name: string): Table {
    const t = this.tables.get(name);
    if (!t) throw new FakeServerError(`Invalid object name '${name}'.`, 208);
    return t;
  }

  private rows(rows: Record<string, unknown>[], arrayRowMode: boolean) {
    return { recordset: arrayRowMode ? rows.map((r) => Object.values(r)) : rows, rowsAffected: [rows.length] };
  }

  /** A copy of the tables, restored when a transaction rolls back. */
  snapshot(): Map<string, Table> {
    return new Map([...this.tables].map(([k, t]) => [k, { ...t, columns: [...t.columns], rows: t.rows.map((r) => ({ ...r })) }]));
  }
  restore(copy: Map<string, Table>): void {
    this.tables.clear();
    for (const [k, t] of copy) this.tables.set(k, t);
  }
}

export class FakeRequest {
  arrayRowMode = false;
  stream = false;
  private readable: Readable | undefined;
  private canceled = false;
  private readonly params: { name: string; type: string; value: unknown }[] = [];
  constructor(
    private readonly server: FakeMssqlServer,
    private readonly on: string,
    private readonly open: () => boolean,
    /** The transaction's connection, which takes one request at a time as mssql's does. */
    private readonly holder?: { active: boolean },
  ) {}
  input(name: string, ...rest: [value: unknown] | [type: unknown, value: unknown]): this {
    if (rest.length === 1) this.params.push({ name, type: 'inferred', value: rest[0] });
    else this.params.push({ name, type: typeName(rest[0] as never), value: rest[1] });
    return this;
  }
  private async send(kind: 'query' | 'batch', sql: string) {
    this.server.sent.push({ on: this.on, kind, sql, params: this.params.map((p) => p.value), types: this.params.map((p) => p.type), arrayRowMode: this.arrayRowMode });
    if (!this.open()) throw Object.assign(new Error('Connection is closed.'), { code: 'ECONNCLOSED' });
    for (const [i, p] of this.params.entries()) if (p.name !== `p${i + 1}`) throw new Error(`parameter ${i + 1} is named ${p.name}`);
    const holder = this.holder;
    if (holder?.active) throw Object.assign(new Error("Can't acquire connection for the request. There is another request in progress."), { code: 'EREQINPROG' });
    if (holder) holder.active = true;
    try {
      // A round trip: other work may start meanwhile, as it would against a server.
      await new Promise((resolve) => setImmediate(resolve));
      return this.server.run(
        this.on,
        sql,
        this.params.map((p) => p.value),
        this.arrayRowMode,
      );
    } finally {
      if (holder && !this.readable) holder.active = false;
    }
  }
  query(sql: string) {
    const readable = this.readable;
    if (!readable) return this.send('query', sql);
    // Stream mode: rows go to the readable one by one, and the promise settles when all are sent.
    return this.send('query', sql).then(
      async (res) => {
        for (const row of res.recordset ?? []) {
          if (this.canceled) break;
          readable.push(row);
          await new Promise((resolve) => setImmediate(resolve));
        }
        readable.push(null);
        if (this.holder) this.holder.active = false;
        return { rowsAffected: res.rowsAffected };
      },
      (e: unknown) => {
        if (this.holder) this.holder.active = false;
        readable.destroy(e as Error);
        return { rowsAffected: [] };
      },
    );
  }
  toReadableStream(_options?: { highWaterMark?: number }): Readable {
    this.stream = true;
    this.readable = new Readable({ objectMode: true, read() {} });
    return this.readable;
  }
  cancel() {
    this.canceled = true;
    this.server.cancels++;
    return true;
  }
  resume() {
    return true;
  }
  batch(sql: string) {
    return this.send('batch', sql);
  }
}

export class FakeTransaction {
  private copy: ReturnType<FakeMssqlServer['snapshot']> | undefined;
  private readonly holder = { active: false };
  constructor(
    private readonly server: FakeMssqlServer,
    private readonly on: string,
    private readonly open: () => boolean,
  ) {}
  async begin(isolationLevel?: number) {
    this.server.sent.push({ on: this.on, kind: 'begin', sql: '', params: [], types: [], isolationLevel });
    this.copy = this.server.snapshot();
    return this;
  }
  request() {
    return new FakeRequest(this.server, this.on, this.open, this.holder);
  }
  async commit() {
    this.server.sent.push({ on: this.on, kind: 'commit', sql: '', params: [], types: [] });
    this.copy = undefined;
  }
  async rollback() {
    this.server.sent.push({ on: this.on, kind: 'rollback', sql: '', params: [], types: [] });
    if (this.copy) this.server.restore(this.copy);
    this.copy = undefined;
  }
}

export class FakePool {
  connected = false;
  connecting = false;
  closed = false;
  constructor(
    private readonly server: FakeMssqlServer,
    readonly config: Record<string, unknown>,
    readonly name: string,
  ) {}
  async connect() {
    if (this.connected) return this;
    this.connecting = true;
    this.server.connects++;
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.connecting = false;
    this.connected = true;
    this.closed = false;
    return this;
  }
  async close() {
    this.connected = false;
    this.closed = true;
    // A closed connection gives up the locks its session held.
    if (this.server.lockHolder === this.name) this.server.lockHolder = undefined;
    return this;
  }
  request() {
    return new FakeRequest(this.server, this.name, () => this.connected);
  }
  transaction() {
    return new FakeTransaction(this.server, this.name, () => this.connected);
  }
}

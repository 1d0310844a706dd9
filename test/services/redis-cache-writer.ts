/**
 * Run by test/services/redis-cache.test.ts as a process of its own: opens its own database handle
 * and redisCache() on the same PostgreSQL database and Redis prefix, inserts one row, and exits.
 * Usage: tsx --conditions=sluice-src redis-cache-writer.ts <postgres url> <redis prefix> <id> <name>
 */
import pg from 'pg';
import { redisCache } from 'sluice/cache/redis';
import { drizzle } from 'sluice/node-postgres';
import { bigint, integer, pgTable, text } from 'sluice/pg-core';

const [url, prefix, id, name] = process.argv.slice(2);
const people = pgTable('people', { id: integer('id').primaryKey(), name: text('name').notNull(), balance: bigint('balance', { mode: 'bigint' }) });
const pool = new pg.Pool({ connectionString: url, max: 1 });
const cache = redisCache({ url: 'redis://127.0.0.1:6379', prefix, global: true });
const db = drizzle({ client: pool, cache });
await db.insert(people).values({ id: Number(id), name: name!, balance: 1n });
await cache.disconnect();
await pool.end();

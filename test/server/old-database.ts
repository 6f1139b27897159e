// Databases as an older server version left them, for migration tests: the migrations up
// to a given version, then rows written with that version's tables.

import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { runMigrations } from '../../server/storage/migrations.ts';
import { runPostgresMigrations } from '../../server/storage/pg-migrations.ts';

/** Runs one SQL statement with `?` placeholders against the old database. */
export type Execute = (sql: string, parameters: unknown[]) => Promise<void>;

/** Creates the SQLite `file` at migration `version`, then lets `write` add rows. */
export async function buildOldSqlite(file: string, at: string, version: number, write: (execute: Execute) => Promise<void>): Promise<void> {
  const db = new BetterSqlite3(file);
  try {
    db.pragma('foreign_keys = ON');
    runMigrations(db, at, version);
    await write(async (sql, parameters) => {
      db.prepare(sql).run(...parameters);
    });
  } finally {
    db.close();
  }
}

/** Migrates the PostgreSQL database at `url` to `version`, then lets `write` add rows. */
export async function buildOldPostgres(url: string, at: string, version: number, write: (execute: Execute) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await runPostgresMigrations(client, at, version);
    await write(async (sql, parameters) => {
      // PostgreSQL numbers its placeholders.
      let position = 0;
      await client.query(
        sql.replaceAll('?', () => `$${(position += 1)}`),
        parameters,
      );
    });
  } finally {
    await client.end();
  }
}

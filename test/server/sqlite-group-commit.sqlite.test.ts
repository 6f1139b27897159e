import BetterSqlite3 from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGroupCommit } from '../../server/storage/sqlite-group-commit.ts';

let dir: string;
let db: BetterSqlite3.Database;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'serial-capture-group-commit-'));
  db = new BetterSqlite3(join(dir, 'test.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE items (name TEXT PRIMARY KEY)');
});

afterEach(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

function countCommittedRows(): number {
  // A second connection sees committed rows only.
  const reader = new BetterSqlite3(db.name, { readonly: true });
  try {
    return reader.prepare('SELECT COUNT(*) FROM items').pluck().get() as number;
  } finally {
    reader.close();
  }
}

describe('createGroupCommit', () => {
  it('runs pieces queued together in one transaction', async () => {
    const groupCommit = createGroupCommit(db);
    const insert = db.prepare('INSERT INTO items (name) VALUES (?)');
    const countLocalRows = db.prepare('SELECT COUNT(*) FROM items').pluck();

    // The last piece sees the rows of the first two on its own connection, while another
    // connection sees none: all three are in one transaction not yet committed.
    const results = await Promise.all([
      groupCommit(() => insert.run('a').changes),
      groupCommit(() => insert.run('b').changes),
      groupCommit(() => {
        insert.run('c');
        return { local: countLocalRows.get(), committed: countCommittedRows() };
      }),
    ]);

    expect(results[2]).toEqual({ local: 3, committed: 0 });
    expect(countCommittedRows()).toBe(3);
  });

  it('lets a later piece read an earlier piece of its batch', async () => {
    const groupCommit = createGroupCommit(db);
    const insert = db.prepare('INSERT INTO items (name) VALUES (?)');
    const find = db.prepare('SELECT name FROM items WHERE name = ?').pluck();

    const [, seen] = await Promise.all([groupCommit(() => insert.run('first')), groupCommit(() => find.get('first'))]);

    expect(seen).toBe('first');
  });

  it('rolls back only the piece that throws', async () => {
    const groupCommit = createGroupCommit(db);
    const insert = db.prepare('INSERT INTO items (name) VALUES (?)');

    const outcomes = await Promise.allSettled([
      groupCommit(() => insert.run('kept-1')),
      groupCommit(() => {
        insert.run('undone');
        insert.run('kept-1');
      }),
      groupCommit(() => insert.run('kept-2')),
    ]);
    const names = db.prepare('SELECT name FROM items ORDER BY name').pluck().all();

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason.code).toBe('SQLITE_CONSTRAINT_PRIMARYKEY');
    expect(names).toEqual(['kept-1', 'kept-2']);
  });

  it('resolves only after the commit', async () => {
    const groupCommit = createGroupCommit(db);
    const insert = db.prepare('INSERT INTO items (name) VALUES (?)');

    const rowsSeenAtResolve = await groupCommit(() => insert.run('durable')).then(() => countCommittedRows());

    expect(rowsSeenAtResolve).toBe(1);
  });

  it('rejects every piece when the commit fails', async () => {
    const groupCommit = createGroupCommit(db);
    const insert = db.prepare('INSERT INTO items (name) VALUES (?)');
    // An open read on another connection does not block a WAL commit, so the write lock
    // is taken away instead: another connection holds it, and the busy timeout is zero.
    const other = new BetterSqlite3(db.name);
    other.pragma('busy_timeout = 0');
    db.pragma('busy_timeout = 0');
    other.exec('BEGIN IMMEDIATE');
    try {
      const outcomes = await Promise.allSettled([groupCommit(() => insert.run('x')), groupCommit(() => insert.run('y'))]);

      expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
      expect((outcomes[0] as PromiseRejectedResult).reason.code).toBe('SQLITE_BUSY');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(countCommittedRows()).toBe(0);
  });
});

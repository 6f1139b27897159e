import type { Database, Statement } from 'better-sqlite3';

/**
 * Returns a function that prepares each distinct SQL text once and reuses the statement
 * after, for queries built from the filters a request gives.
 */
export function createStatementCache(db: Database): (sql: string) => Statement {
  const statements = new Map<string, Statement>();
  return (sql) => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
}

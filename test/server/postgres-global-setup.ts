// Global setup of the server-postgres test project: uses the PostgreSQL server named by
// TEST_DATABASE_URL, or starts a throwaway one, and fails the run when neither works.
import pg from 'pg';
import { findPostgresBinaries, startThrowawayPostgres, type ThrowawayPostgres } from './throwaway-postgres.ts';

let started: ThrowawayPostgres | undefined;

export async function setup(): Promise<void> {
  let url = process.env.TEST_DATABASE_URL;
  if (url === undefined || url === '') {
    const binaries = findPostgresBinaries();
    if (binaries === null) {
      throw new Error(
        'The server tests on PostgreSQL need a PostgreSQL server, and none was found: no TEST_DATABASE_URL, and no initdb and pg_ctl on PATH or under /usr/lib/postgresql. Install it (apt-get install -y postgresql) or set TEST_DATABASE_URL.',
      );
    }
    started = await startThrowawayPostgres(binaries);
    url = started.url;
    // Workers of this project start after the global setup and inherit this variable.
    process.env.TEST_DATABASE_URL = url;
  }

  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const result = await client.query<{ server_version: string }>('SHOW server_version');
    console.log(`Server tests on PostgreSQL ${result.rows[0]?.server_version}${started ? ', a throwaway server for this run' : ''}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function teardown(): Promise<void> {
  await started?.stop();
}

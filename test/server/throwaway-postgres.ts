// Starts and stops a PostgreSQL server that lives only for one test run: a fresh cluster in
// a temporary folder, reachable only through a Unix socket in that folder (no TCP port).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SERVER_BINARIES_ROOT = '/usr/lib/postgresql';
// A guess with a wide margin: two test files at a time, each with a pool of 10, plus the
// two server processes of the concurrency test.
const CONNECTIONS_MAX = 200;

/** Finds the folder with initdb and pg_ctl: on PATH, else the newest under /usr/lib/postgresql. */
export function findPostgresBinaries(): string | null {
  for (const folder of (process.env.PATH ?? '').split(':')) {
    if (folder !== '' && existsSync(join(folder, 'initdb')) && existsSync(join(folder, 'pg_ctl'))) return folder;
  }
  if (!existsSync(SERVER_BINARIES_ROOT)) return null;
  const versions = readdirSync(SERVER_BINARIES_ROOT)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const folder = join(SERVER_BINARIES_ROOT, version, 'bin');
    if (existsSync(join(folder, 'initdb')) && existsSync(join(folder, 'pg_ctl'))) return folder;
  }
  return null;
}

export interface ThrowawayPostgres {
  /** Connection URL of the `postgres` superuser through the socket. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Creates a cluster with trust authentication in a temporary folder and starts it. initdb
 * refuses to run as root, so as root the cluster belongs to the `postgres` system user.
 */
export async function startThrowawayPostgres(binaries: string): Promise<ThrowawayPostgres> {
  const folder = await mkdtemp(join(tmpdir(), 'serial-capture-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    await chown(folder, uid, gid);
  }
  const run = (program: string, args: string[]): void => {
    const command = asRoot ? 'runuser' : join(binaries, program);
    const commandArgs = asRoot ? ['-u', 'postgres', '--', join(binaries, program), ...args] : args;
    execFileSync(command, commandArgs, { stdio: 'pipe', cwd: folder });
  };

  const dataDir = join(folder, 'data');
  run('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8']);
  // No TCP listener at all; fsync off because the cluster is deleted after the run anyway.
  const serverOptions = `-c listen_addresses='' -k ${folder} -c fsync=off -c max_connections=${CONNECTIONS_MAX}`;
  run('pg_ctl', ['-D', dataDir, '-o', serverOptions, '-l', join(folder, 'server.log'), '-w', 'start']);

  return {
    url: `postgresql:///postgres?host=${encodeURIComponent(folder)}&user=postgres`,
    async stop() {
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    },
  };
}

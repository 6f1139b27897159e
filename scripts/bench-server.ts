// `npm run bench:server`: starts the real server (server/main.ts, production logging) as
// its own process on 127.0.0.1, on a temporary SQLite file and then on a throwaway
// PostgreSQL. It pairs simulated devices through the pairing API, imports a catalog, and
// has every device push orders at once. Prints orders per second and ingest latency, checks in
// the database that no acknowledged order was lost or stored twice, and writes the
// "Server ingest" section of BENCHMARKS.md. Exits 1 when any order was lost or doubled.

import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../server/test-database.ts';
import { findPostgresBinaries, startThrowawayPostgres, type ThrowawayPostgres } from '../test/server/throwaway-postgres.ts';
import { countStored, type BenchDatabase, type StoredCounts } from './bench-server-check.ts';
import { pushOrders, type PushPlan, type PushResult } from './bench-server-devices.ts';
import { startBenchServer, type BenchServer } from './bench-server-process.ts';
import { prepareServer, type BenchLayout } from './bench-server-setup.ts';
import { writeBenchmarkSection } from './benchmark-section.ts';

type Backend = 'sqlite' | 'postgres';

const LAYOUT: BenchLayout = { stores: 10, devices: 200, products: 1000 };
/**
 * 150 orders a device and a resend of every tenth keep each device token at 165 requests,
 * under the server's per-token burst of 600, so the rate limit never rejects one and the
 * figures are the ingest path's own. `BENCH_SERVER_ORDERS_PER_DEVICE` sets another count.
 */
const PLAN: PushPlan = {
  ordersPerDevice: Number(process.env.BENCH_SERVER_ORDERS_PER_DEVICE ?? 150),
  resendEvery: 10,
  duplicatePairs: 20,
};
/** `BENCH_SERVER_BACKENDS=sqlite` measures one backend only. */
const BACKENDS = (process.env.BENCH_SERVER_BACKENDS ?? 'sqlite,postgres').split(',') as Backend[];
/** `BENCH_SERVER_CPU_PROFILE_DIR=folder` has Node write a CPU profile of each server process there. */
const CPU_PROFILE_DIR = process.env.BENCH_SERVER_CPU_PROFILE_DIR || undefined;
const ORDERS_PER_S_TARGET_SQLITE = 5000;
/** A bound on the whole run, so that a stuck server cannot keep the bench going. */
const RUN_TIMEOUT_MS = 10 * 60 * 1000;
const ADMIN_TOKEN = 'bench-server-admin-token-0123456789abcdef';

interface BackendFigures {
  backend: Backend;
  push: PushResult;
  stored: StoredCounts;
  p50Ms: number;
  p99Ms: number;
  /** CPU time of the server process while the devices pushed, per order acknowledged with 201, resends included. Null without /proc. */
  serverCpuMsPerOrder: number | null;
}

let running: BenchServer | undefined;
const deadline = setTimeout(() => {
  console.error(`The server bench did not finish within ${RUN_TIMEOUT_MS / 1000} s; stopping it.`);
  running?.child.kill('SIGKILL');
  process.exit(1);
}, RUN_TIMEOUT_MS);
deadline.unref();

const figures: BackendFigures[] = [];
const notMeasured: string[] = [];
for (const backend of BACKENDS) {
  if (backend !== 'sqlite' && backend !== 'postgres') throw new Error(`BENCH_SERVER_BACKENDS lists ${JSON.stringify(backend)}; use sqlite, postgres or both, separated by a comma.`);
  const result = await measureBackend(backend);
  if (result === null) notMeasured.push(backend);
  else figures.push(result);
}
clearTimeout(deadline);

const failed = figures.filter(({ push, stored }) => !isClean(push, stored));
if (failed.length > 0) {
  console.error(`Orders were lost, doubled or rejected on ${failed.map((row) => row.backend).join(' and ')}; BENCHMARKS.md was not updated.`);
  process.exitCode = 1;
} else if (figures.length > 0) {
  writeBenchmarkSection('Server ingest', describe(figures, notMeasured));
}

async function measureBackend(backend: Backend): Promise<BackendFigures | null> {
  const dataDir = await mkdtemp(join(tmpdir(), 'serial-capture-bench-server-'));
  let postgres: ThrowawayPostgres | undefined;
  let database: ThrowawayDatabase | undefined;
  try {
    let benchDatabase: BenchDatabase = { kind: 'sqlite', file: join(dataDir, 'serial-capture.sqlite') };
    if (backend === 'postgres') {
      if (!process.env.TEST_DATABASE_URL) {
        const binaries = findPostgresBinaries();
        if (binaries === null) {
          console.warn('PostgreSQL not measured: no TEST_DATABASE_URL, and no initdb and pg_ctl (apt-get install -y postgresql).');
          return null;
        }
        postgres = await startThrowawayPostgres(binaries);
        process.env.TEST_DATABASE_URL = postgres.url;
      }
      database = await createThrowawayDatabase();
      benchDatabase = { kind: 'postgres', url: database.url };
    }

    console.log(`\n== ${backend}: starting server/main.ts`);
    const logFile = join(dataDir, 'server.log');
    running = await startBenchServer({ DATA_DIR: dataDir, DATABASE_URL: database?.url ?? '', ADMIN_TOKEN }, logFile, CPU_PROFILE_DIR);
    const prepared = await prepareServer(running.url, ADMIN_TOKEN, LAYOUT);
    console.log(`${prepared.devices.length} devices paired in ${LAYOUT.stores} stores, ${LAYOUT.products} products imported; pushing orders`);
    const cpuBeforeMs = running.readCpuMs();
    const push = await pushOrders(prepared, PLAN);
    const cpuAfterMs = running.readCpuMs();
    const serverCpuMsPerOrder =
      cpuBeforeMs === null || cpuAfterMs === null || push.created === 0 ? null : (cpuAfterMs - cpuBeforeMs) / push.created;
    for (const device of prepared.devices) device.client.close();

    const exitCode = await running.stop();
    const log = running.readLog();
    running = undefined;
    if (exitCode !== 0) throw new Error(`server/main.ts exited with code ${exitCode} after the bench. Its last output:\n${log.slice(-2000)}`);
    console.log(`server log: ${log.split('\n').length - 1} lines, ${(log.length / 1e6).toFixed(1)} MB`);

    const stored = await countStored(benchDatabase, push);
    const sorted = [...push.latenciesMs].sort((a, b) => a - b);
    const row: BackendFigures = {
      backend,
      push,
      stored,
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99),
      serverCpuMsPerOrder,
    };
    printRow(row);
    return row;
  } finally {
    if (running) await running.stop();
    running = undefined;
    await database?.drop();
    if (postgres) {
      await postgres.stop();
      delete process.env.TEST_DATABASE_URL;
    }
    await rm(dataDir, { recursive: true, force: true });
  }
}

function isClean(push: PushResult, stored: StoredCounts): boolean {
  return (
    push.failures.length === 0 &&
    stored.lost === 0 &&
    stored.duplicated === 0 &&
    stored.incomplete === 0 &&
    stored.unexpectedConflicts === 0 &&
    stored.duplicatesFlaggedOnce === push.duplicates.length
  );
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

function ordersPerSecond({ push }: BackendFigures): number {
  return push.created / (push.wallMs / 1000);
}

function printRow(row: BackendFigures): void {
  const { push, stored } = row;
  console.log(
    `${row.backend}: ${push.created} orders and ${push.resent} resends in ${(push.wallMs / 1000).toFixed(1)} s, ` +
      `${Math.round(ordersPerSecond(row))} orders/s, p50 ${row.p50Ms.toFixed(1)} ms, p99 ${row.p99Ms.toFixed(1)} ms, ` +
      `server CPU ${formatCpu(row.serverCpuMsPerOrder)} ms per order; ` +
      `lost ${stored.lost}, duplicated ${stored.duplicated}, incomplete ${stored.incomplete}, ` +
      `duplicates flagged once ${stored.duplicatesFlaggedOnce} of ${push.duplicates.length}, other conflicts ${stored.unexpectedConflicts}`,
  );
  for (const failure of push.failures.slice(0, 10)) console.error(`  ${failure}`);
  if (push.failures.length > 10) console.error(`  ... and ${push.failures.length - 10} more rejected or failed requests`);
}

function formatRow(row: BackendFigures): string {
  const { push, stored } = row;
  const cells = [
    row.backend === 'sqlite' ? 'SQLite' : 'PostgreSQL',
    push.created.toLocaleString('en-US'),
    push.resent.toLocaleString('en-US'),
    (push.wallMs / 1000).toFixed(1),
    Math.round(ordersPerSecond(row)).toLocaleString('en-US'),
    row.p50Ms.toFixed(1),
    row.p99Ms.toFixed(1),
    formatCpu(row.serverCpuMsPerOrder),
    String(stored.lost),
    String(stored.duplicated),
    `${stored.duplicatesFlaggedOnce} of ${push.duplicates.length}`,
  ];
  return `| ${cells.join(' | ')} |`;
}

function describe(rows: BackendFigures[], skipped: string[]): string {
  const sqlite = rows.find((row) => row.backend === 'sqlite');
  const target = sqlite
    ? `${ordersPerSecond(sqlite) >= ORDERS_PER_S_TARGET_SQLITE ? 'met' : 'not met'} (${Math.round(ordersPerSecond(sqlite)).toLocaleString('en-US')})`
    : 'not measured';
  return [
    `server/main.ts as its own process on 127.0.0.1 with production logging (pino, info level, to a`,
    `log file). ${LAYOUT.devices} simulated devices in ${LAYOUT.stores} stores, paired through \`POST /api/v1/pairing\`,`,
    `push ${PLAN.ordersPerDevice} orders each at once, each device one request at a time over its own keep-alive connection,`,
    `as the app's outbox does. An order has two lines: one serialized unit with its serial and one`,
    `unit of a plain product, from a catalog of ${LAYOUT.products.toLocaleString('en-US')} products. Every ${ordinal(PLAN.resendEvery)} order is sent again`,
    `after its reply, as after a dropped reply, and ${PLAN.duplicatePairs} pairs of devices in different stores sell the same`,
    `unit (true duplicate serials). Latency is per request, from send to the last byte of the reply,`,
    `over first deliveries and resends. "Server CPU" is the user and system CPU time of the server`,
    `process while the devices pushed (read from /proc), divided by the orders created, so the time of`,
    `the resends is included. It varies less with other load than the wall-clock figures, and 1,000`,
    `divided by it estimates the orders per second that one core could serve.`,
    `"lost" counts acknowledged orders missing from the database,`,
    `"duplicated" order rows or serial rows stored twice; both are read from the database after`,
    `the server stopped, and the bench fails unless both are 0 and each duplicate is flagged once.`,
    '',
    `- SQLite: a temporary file, WAL mode with \`synchronous = FULL\`, as \`npm start\` runs it. Orders that`,
    `  arrive together share one transaction and one sync to disk (server/storage/sqlite-group-commit.ts).`,
    `- PostgreSQL: a throwaway cluster on a Unix socket (test/server/throwaway-postgres.ts), which runs`,
    `  with \`fsync = off\`, so its commits cost less than on a real server; or \`TEST_DATABASE_URL\` when set.`,
    '',
    '| database | orders | resends | s | orders per s | p50 ms | p99 ms | server CPU ms per order | lost | duplicated | duplicates flagged once |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(formatRow),
    ...(skipped.length > 0 ? ['', `Not measured: ${skipped.join(', ')} (no PostgreSQL server found).`] : []),
    '',
    `Target on SQLite ≥ ${ORDERS_PER_S_TARGET_SQLITE.toLocaleString('en-US')} orders per s: ${target}.`,
    '',
    `Measured with \`npm run bench:server\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version},`,
    `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}; bench client and server share the machine. Load average at the end:`,
    `${loadavg()[0]!.toFixed(1)}; with other work on the machine the figures vary between runs.`,
  ].join('\n');
}

function formatCpu(ms: number | null): string {
  return ms === null ? 'n/a' : ms.toFixed(3);
}

function ordinal(n: number): string {
  return n === 10 ? 'tenth' : `${n}th`;
}

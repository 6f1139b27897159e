// Entry point of `npm start`: opens the database, loads the demo data on a first start,
// serves the built app and the API, and prints the links to open and pair the app.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { describeWeakAdminToken, setUpAdminToken } from './admin-token.ts';
import { buildApp } from './app.ts';
import { parseCorsOrigins } from './cors.ts';
import { issuePairingCode } from './pairing.ts';
import { DEMO_STORE_ID, seedDemoData } from './seed-demo-data.ts';
import { openPostgresStorage } from './storage/pg-storage.ts';
import { openSqliteStorage, StorageOpenError } from './storage/sqlite-storage.ts';
import type { Storage } from './storage/storage.ts';

const PORT_DEFAULT = 8080;
const DEMO_PAIRING_TTL_S = 24 * 60 * 60;
/**
 * How long a stop waits for requests in flight before it closes their connections. A guess:
 * enough for a device on a slow store network to finish sending a large order, and well
 * under the 90 s a service manager such as systemd waits before it kills the process.
 */
const SHUTDOWN_TIMEOUT_S_DEFAULT = 10;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];
const DIST_DIR = fileURLToPath(new URL('../dist', import.meta.url));

/** A start-up failure with a message that names the fix, printed without a stack trace. */
class StartupError extends Error {
  override name = 'StartupError';
}

async function start(): Promise<void> {
  const port = readPort(process.env.PORT);
  const host = process.env.HOST || '127.0.0.1';
  const corsOrigins = readCorsOrigins(process.env.CORS_ORIGINS);
  const shutdownTimeoutS = readShutdownTimeout(process.env.SHUTDOWN_TIMEOUT_S);
  const logLevel = readLogLevel(process.env.LOG_LEVEL);
  const demoData = readDemoData(process.env.DEMO_DATA);
  const weakToken = describeWeakAdminToken(process.env.ADMIN_TOKEN);
  if (weakToken !== undefined) throw new StartupError(weakToken);
  const storage = await openStorage(process.env.DATABASE_URL, resolve(process.env.DATA_DIR || './data'));

  const admin = await setUpAdminToken(storage, process.env.ADMIN_TOKEN);
  const seeded = demoData ? await seedDemoData(storage) : null;
  const app = buildApp({ db: storage, adminTokenHash: admin.tokenHash, logger: { level: logLevel }, staticDir: DIST_DIR, corsOrigins });
  installShutdown(app, storage, shutdownTimeoutS);

  if (seeded) {
    const { stores, products, pickLists } = seeded;
    app.log.info({ stores, imported: products.imported, rejected: products.rejected.length, pick_lists: pickLists }, 'demo data loaded');
  }
  if (!existsSync(DIST_DIR)) app.log.warn({ dir: DIST_DIR }, 'built app not found, serving the API only; run vite build');

  try {
    await app.listen({ host, port });
  } catch (error) {
    await storage.close();
    const code = (error as { code?: unknown }).code;
    if (code === 'EADDRINUSE') {
      throw new StartupError(`Port ${port} on ${host} is in use. Stop the other server, or set PORT to another port (0 picks a free one).`);
    }
    throw error;
  }

  const address = app.server.address();
  const boundPort = typeof address === 'object' && address !== null ? address.port : port;
  const base = `http://${formatHost(host)}:${boundPort}/`;
  app.log.info({ database: storage.location, url: base }, 'server started');
  console.log(`\nSerial Capture is running at ${base}`);
  // The demo store stays registered while anything refers to it, so it is missing only where
  // the admin deleted it. With DEMO_DATA=off a store of that id is a real one, for which a
  // code valid a whole day must not be printed at every start.
  if (demoData && (await storage.stores.isRegistered(DEMO_STORE_ID))) {
    const pairing = await issuePairingCode(storage, DEMO_STORE_ID, DEMO_PAIRING_TTL_S);
    console.log(`Pair this browser with demo store ${DEMO_STORE_ID} (single use, valid 24 h):`);
    console.log(`  ${base}#/pair?code=${pairing.code}`);
  } else {
    console.log('Register a store with PUT /api/v1/stores/<store id>, then pair a device with a code from POST /api/v1/pairing-codes (see docs/API.md).');
  }
  if (admin.generatedToken) {
    console.log('Admin token, shown only now (the server keeps only its hash):');
    console.log(`  ${admin.generatedToken}`);
  }
}

function readCorsOrigins(text: string | undefined): string[] {
  try {
    return parseCorsOrigins(text);
  } catch (error) {
    throw new StartupError((error as Error).message);
  }
}

function readPort(text: string | undefined): number {
  if (text === undefined || text === '') return PORT_DEFAULT;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new StartupError(`PORT ${JSON.stringify(text)} is not a port number. Set PORT to an integer from 0 to 65535 (0 picks a free port).`);
  }
  return port;
}

function readDemoData(text: string | undefined): boolean {
  if (text === undefined || text === '' || text === 'on') return true;
  if (text === 'off') return false;
  throw new StartupError(`DEMO_DATA ${JSON.stringify(text)} is not on or off. Set it to off to start a new database without the demo stores, catalog and pick lists.`);
}

function readLogLevel(text: string | undefined): string {
  if (text === undefined || text === '') return 'info';
  if (LOG_LEVELS.includes(text)) return text;
  throw new StartupError(`LOG_LEVEL ${JSON.stringify(text)} is not a log level. Set it to one of ${LOG_LEVELS.join(', ')} (info is the default).`);
}

function readShutdownTimeout(text: string | undefined): number {
  if (text === undefined || text === '') return SHUTDOWN_TIMEOUT_S_DEFAULT;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new StartupError(`SHUTDOWN_TIMEOUT_S ${JSON.stringify(text)} is not a positive number of seconds. Set it to how long a stop may wait for requests in flight, e.g. 10.`);
  }
  return seconds;
}

// PostgreSQL when DATABASE_URL is set, so that several server processes can share one
// database; else the SQLite file in DATA_DIR.
async function openStorage(databaseUrl: string | undefined, dataDir: string): Promise<Storage> {
  if (databaseUrl !== undefined && databaseUrl !== '') return openPostgresStorage(databaseUrl);
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new StartupError(`Data folder ${dataDir} cannot be created (${(error as Error).message}). Set DATA_DIR to a writable folder.`);
  }
  return openSqliteStorage(join(dataDir, 'serial-capture.sqlite'));
}

// A wildcard address is reachable on loopback, and that is the address a browser can open.
function formatHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

// On SIGTERM or SIGINT the server stops listening, so new connections are refused, lets the
// requests in flight finish, then closes the database. A request still open after
// `timeoutS` has its connection closed, so that a stuck client cannot keep the process
// alive, and the process then exits 1 to show that the stop was forced.
function installShutdown(app: FastifyInstance, storage: Storage, timeoutS: number): void {
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) {
      app.log.warn({ signal }, 'second signal during shutdown, exiting now');
      process.exit(1);
    }
    stopping = true;
    app.log.info({ signal, timeout_s: timeoutS }, 'server stopping');
    let forced = false;
    const timer = setTimeout(() => {
      forced = true;
      app.log.warn({ timeout_s: timeoutS }, 'requests still in flight at the shutdown timeout, closing their connections');
      app.server.closeAllConnections();
    }, timeoutS * 1000);
    await app.close();
    clearTimeout(timer);
    await storage.close();
    app.log.info({ forced }, 'server stopped');
    process.exit(forced ? 1 : 0);
  };
  process.on('SIGINT', (signal) => void stop(signal));
  process.on('SIGTERM', (signal) => void stop(signal));
}

start().catch((error: unknown) => {
  if (error instanceof StorageOpenError || error instanceof StartupError) {
    console.error(`Serial Capture cannot start: ${error.message}`);
  } else {
    console.error('Serial Capture cannot start because of an unexpected error:', error);
  }
  process.exit(1);
});

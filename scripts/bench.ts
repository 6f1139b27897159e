// `npm run bench`: the catalog bench (IndexedDB loads and lookups in Chromium), the
// scanning bench, the startup bench (bundle sizes and offline start in Chromium), then the
// server ingest bench (orders pushed to the real server on SQLite and PostgreSQL).
// Each runs as its own process, as its own script would, and writes its
// own section of BENCHMARKS.md.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCHES = ['scripts/bench-catalog.ts', 'scripts/bench-scan.ts', 'scripts/bench-startup.ts', 'scripts/bench-server.ts'];

const root = fileURLToPath(new URL('..', import.meta.url));
const tsxCli = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));

let failed = false;
for (const script of BENCHES) {
  console.log(`\n== ${script}`);
  const result = spawnSync(process.execPath, [tsxCli, script], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${script} ended with ${result.signal ?? `exit code ${result.status}`}; its section of BENCHMARKS.md was not updated.`);
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;

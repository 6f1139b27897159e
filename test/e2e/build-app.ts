import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    appDir: string;
  }
}

/**
 * Builds the production app once for all browser tests, into a folder of its own. The
 * build runs as its own process with NODE_ENV=production, as `npm start` runs it: inside
 * the test process NODE_ENV is `test`, and Vite would then build a development bundle.
 */
export default function buildApp(project: TestProject): () => void {
  const appDir = mkdtempSync(join(tmpdir(), 'serial-capture-app-'));
  const viteBin = join(project.config.root, 'node_modules', 'vite', 'bin', 'vite.js');
  execFileSync(process.execPath, [viteBin, 'build', '--logLevel', 'warn', '--outDir', appDir, '--emptyOutDir'], {
    cwd: project.config.root,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  project.provide('appDir', appDir);
  return () => rmSync(appDir, { recursive: true, force: true });
}

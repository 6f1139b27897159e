import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds the app as `version` into a folder of its own, with NODE_ENV=production as
 * `npm start` builds it. The version is shown in Settings and changes the main chunk, so
 * two builds differ in every file that imports it.
 */
export function buildAppVersion(version: string, outDir: string): void {
  const viteBin = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  execFileSync(process.execPath, [viteBin, 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', VITE_APP_VERSION: version },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/**
 * A folder the test server serves, which is a symbolic link to one build. `deploy`
 * swaps the link in one rename, as a release that replaces the files on a web server.
 */
export interface AppDeployment {
  /** The path to give the server as its static folder. */
  staticDir: string;
  /** The folder of each version's build. */
  builds: Map<string, string>;
  deploy(version: string): void;
  remove(): void;
}

export function createAppDeployment(versions: readonly string[]): AppDeployment {
  const root = mkdtempSync(join(tmpdir(), 'serial-capture-deploy-'));
  const builds = new Map<string, string>();
  for (const version of versions) {
    const outDir = join(root, `build-${version}`);
    buildAppVersion(version, outDir);
    builds.set(version, outDir);
  }
  const staticDir = join(root, 'current');
  return {
    staticDir,
    builds,
    deploy(version) {
      const build = builds.get(version);
      if (build === undefined) throw new RangeError(`Version ${version} was not built; built: ${[...builds.keys()].join(', ')}.`);
      const next = join(root, 'next');
      rmSync(next, { force: true });
      symlinkSync(build, next);
      renameSync(next, staticDir);
    },
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

// Starts server/main.ts for the server bench as production runs it: its own process, with
// its pino log lines on stdout going to a file, as a service manager would keep them.
// Unlike a pipe to the bench, a file never makes the server wait for a busy reader.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const START_TIMEOUT_MS = 60_000;
const START_POLL_MS = 100;

export interface BenchServer {
  child: ChildProcess;
  /** Base URL with a trailing slash, on 127.0.0.1. */
  url: string;
  /** Reads what the server wrote to stdout and stderr so far. */
  readLog(): string;
  /** Reads the CPU time (user plus system) the server process used so far in ms, or null where /proc is missing. */
  readCpuMs(): number | null;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts server/main.ts on 127.0.0.1 with a free port and `env`, logging to `logFile`.
 * With `cpuProfileDir`, Node writes a CPU profile of the server there when it exits.
 */
export async function startBenchServer(env: Record<string, string>, logFile: string, cpuProfileDir?: string): Promise<BenchServer> {
  const log = openSync(logFile, 'w');
  const profileFlags = cpuProfileDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', cpuProfileDir];
  const child = spawn(process.execPath, [...profileFlags, '--import', 'tsx', 'server/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const readLog = (): string => readFileSync(logFile, 'utf8');

  const deadlineMs = Date.now() + START_TIMEOUT_MS;
  let url: string | undefined;
  while (url === undefined) {
    if (child.exitCode !== null) throw new Error(`server/main.ts exited with code ${child.exitCode} before it printed its URL. Output:\n${readLog()}`);
    if (Date.now() > deadlineMs) {
      child.kill('SIGKILL');
      throw new Error(`server/main.ts did not print its URL within ${START_TIMEOUT_MS} ms. Output:\n${readLog()}`);
    }
    url = /running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(readLog())?.[1];
    if (url === undefined) await new Promise((resolve) => setTimeout(resolve, START_POLL_MS));
  }

  return {
    child,
    url,
    readLog,
    readCpuMs: () => readProcessCpuMs(child.pid),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

let clockTicksPerS: number | undefined;

// Fields 14 and 15 of /proc/PID/stat are the user and system time in clock ticks. The
// command name in field 2 may contain spaces, so the fields are counted after its ')'.
function readProcessCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    clockTicksPerS ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  } catch {
    return null;
  }
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks / clockTicksPerS) * 1000;
}

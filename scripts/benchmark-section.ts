import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BENCHMARKS_PATH = fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url));
const TITLE = '# Benchmarks\n\nMeasured figures, each section written by the script it names.\n';

/**
 * Replaces the `## {heading}` section of BENCHMARKS.md with `body`, or appends the section
 * when it is missing, and leaves every other section as it is. Creates the file if needed.
 */
export function writeBenchmarkSection(heading: string, body: string): void {
  const current = existsSync(BENCHMARKS_PATH) ? readFileSync(BENCHMARKS_PATH, 'utf8') : TITLE;
  const lines = current.split('\n');
  const start = lines.findIndex((line) => line === `## ${heading}`);
  const section = [`## ${heading}`, '', body.trimEnd(), ''];

  if (start < 0) {
    const trimmed = current.trimEnd();
    writeFileSync(BENCHMARKS_PATH, `${trimmed}\n\n${section.join('\n')}`);
    return;
  }

  const next = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  const end = next < 0 ? lines.length : next;
  const updated = [...lines.slice(0, start), ...section, ...lines.slice(end)].join('\n').trimEnd();
  writeFileSync(BENCHMARKS_PATH, `${updated}\n`);
}

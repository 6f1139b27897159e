// `npm run bench` (catalog part): loads 100,000 and 1,000,000 generated products into
// IndexedDB in Chromium with the app's page application, compares each with a plain bulk
// put of the same products in one transaction, and times barcode lookups in the 1,000,000
// catalog. Prints the figures and writes them to the "Catalog" section of BENCHMARKS.md.

import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { PRODUCTS_PER_CHUNK } from '../src/storage/catalog-chunk.ts';
import { DEFAULT_CATALOG_PAGE_SIZE } from '../src/sync/catalog-pull.ts';
import { CHROMIUM_PATH, launchChromium } from '../test/e2e/chromium.ts';
import type { CatalogBenchApi, LoadTiming, LookupTiming } from './bench-catalog-page.ts';
import { writeBenchmarkSection } from './benchmark-section.ts';

/** `BENCH_CATALOG_SIZES=20000,50000` measures other sizes, for a quick look. */
const CATALOG_SIZES: readonly number[] = process.env.BENCH_CATALOG_SIZES?.split(',').map(Number) ?? [100_000, 1_000_000];
/** `BENCH_CATALOG_PAGE_SIZE=2000` loads pages of another size than the download's default. */
const PAGE_SIZE = Number(process.env.BENCH_CATALOG_PAGE_SIZE ?? DEFAULT_CATALOG_PAGE_SIZE);
const LOOKUP_SAMPLES = 10_000;
/** Untimed lookups before the timed ones, as a till has made some before a rush. */
const LOOKUP_WARM_UPS = 1000;
/** Sizes up to this are loaded twice each way; a larger one once, to keep the bench within minutes. */
const ROUNDS_MAX_COUNT = 100_000;
const RATIO_TARGET = 0.7;
const LOOKUP_P99_TARGET_MS = 5;

const root = fileURLToPath(new URL('..', import.meta.url));

interface SizeFigures {
  count: number;
  pages: LoadTiming;
  plain: LoadTiming;
  indexed: LoadTiming;
  chunks: LoadTiming;
}

const bundleDir = await mkdtemp(join(tmpdir(), 'serial-capture-bench-'));
await buildBenchBundle(bundleDir);
const server = await serveFolder(bundleDir);
const figures: SizeFigures[] = [];
let lookup: LookupTiming | undefined;
let version = 'unknown';
try {
  for (const count of CATALOG_SIZES) {
    // Each load runs in a browser with a new profile. Chromium keeps all databases of an
    // origin in one LevelDB, so a load that followed the deletion of another would pay for
    // compacting it away. Plain and paged loads alternate, and the faster of each is kept,
    // so that other work on the machine weighs less on the ratio.
    const rounds = count <= ROUNDS_MAX_COUNT ? 2 : 1;
    let plain: LoadTiming | undefined;
    let pages: LoadTiming | undefined;
    for (let round = 0; round < rounds; round += 1) {
      plain = faster(plain, await inFreshBrowser((page) => callBench(page, 'loadWithBulkPut', 'plain', count, false)));
      const last = round === rounds - 1;
      pages = faster(
        pages,
        await inFreshBrowser(async (page) => {
          const timing = await callBench(page, 'loadWithPages', 'pages', count, PAGE_SIZE);
          // The paged load of the largest size stays for the lookups.
          if (last && count === CATALOG_SIZES.at(-1)) {
            lookup = await callBench(page, 'lookUpRandomCodes', 'pages', count, LOOKUP_SAMPLES, LOOKUP_WARM_UPS);
          }
          return timing;
        }),
      );
    }
    const indexed = await inFreshBrowser((page) => callBench(page, 'loadWithBulkPut', 'indexed', count, true));
    const chunks = await inFreshBrowser((page) => callBench(page, 'loadChunksInOneTransaction', 'chunks', count));
    const row = { count, pages: pages!, plain: plain!, indexed, chunks };
    figures.push(row);
    console.log(formatRow(row));
    if (lookup !== undefined && count === CATALOG_SIZES.at(-1)) {
      console.log(`lookup in ${count}: p50 ${lookup.p50Ms.toFixed(2)} ms, p99 ${lookup.p99Ms.toFixed(2)} ms`);
    }
  }

  writeBenchmarkSection('Catalog', describe(figures, lookup!, version));
} finally {
  await new Promise((resolve) => server.server.close(resolve));
  await rm(bundleDir, { recursive: true, force: true });
}

/** Runs `use` on the bench page in a new Chromium with an empty profile, then closes it. */
async function inFreshBrowser<T>(use: (page: Page) => Promise<T>): Promise<T> {
  const browser = await launchChromium();
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(`${server.url}/index.html`);
    await page.waitForFunction(() => 'catalogBench' in globalThis);
    version = browser.context.browser()?.version() ?? version;
    return await use(page);
  } finally {
    await browser.close();
  }
}

/** Calls `method` of the page's bench API with `args`; no time limit, as a load takes minutes. */
async function callBench<M extends keyof CatalogBenchApi>(
  page: Page,
  method: M,
  ...args: Parameters<CatalogBenchApi[M]>
): Promise<Awaited<ReturnType<CatalogBenchApi[M]>>> {
  return page.evaluate(
    ([name, values]) => {
      const bench = (globalThis as unknown as { catalogBench: Record<string, (...rest: unknown[]) => unknown> }).catalogBench;
      return bench[name]!(...values);
    },
    [method, args] as const,
  ) as Promise<Awaited<ReturnType<CatalogBenchApi[M]>>>;
}

async function buildBenchBundle(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    mode: 'production',
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      lib: { entry: join(root, 'scripts', 'bench-catalog-page.ts'), formats: ['es'], fileName: () => 'bench.js' },
    },
  });
}

/** Serves `folder` and an index page that loads the bundle, on 127.0.0.1, for an origin IndexedDB accepts. */
async function serveFolder(folder: string): Promise<{ server: Server; url: string }> {
  const bundle = readFileSync(join(folder, 'bench.js'));
  const index = '<!doctype html><meta charset="utf-8"><title>Catalog bench</title><script type="module" src="bench.js"></script>';
  const server = createServer((request, response) => {
    if (request.url === '/bench.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    } else if (request.url === '/index.html') {
      response.writeHead(200, { 'content-type': 'text/html' }).end(index);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { server, url: `http://127.0.0.1:${port}` };
}

function faster(a: LoadTiming | undefined, b: LoadTiming): LoadTiming {
  return a === undefined || b.ms < a.ms ? b : a;
}

function rate(count: number, timing: LoadTiming): number {
  return count / (timing.ms / 1000);
}

function formatRow({ count, pages, plain, indexed, chunks }: SizeFigures): string {
  const cells = [
    count.toLocaleString('en-US'),
    (pages.ms / 1000).toFixed(1),
    Math.round(rate(count, pages)).toLocaleString('en-US'),
    (plain.ms / 1000).toFixed(1),
    Math.round(rate(count, plain)).toLocaleString('en-US'),
    (rate(count, pages) / rate(count, plain)).toFixed(2),
    (indexed.ms / 1000).toFixed(1),
    (rate(count, pages) / rate(count, indexed)).toFixed(2),
    (chunks.ms / 1000).toFixed(1),
    (rate(count, pages) / rate(count, chunks)).toFixed(2),
  ];
  return `| ${cells.join(' | ')} |`;
}

function describe(rows: SizeFigures[], lookupFigures: LookupTiming, version: string): string {
  const worstRatio = Math.min(...rows.map((row) => rate(row.count, row.pages) / rate(row.count, row.plain)));
  const largest = CATALOG_SIZES.at(-1)!.toLocaleString('en-US');
  return [
    'Generated products (an EAN-13 and a SKU each) loaded into IndexedDB in headless Chromium,',
    'each load in a new Chromium with an empty profile: Chromium keeps all databases of an',
    'origin in one LevelDB, so a load in the same profile would also pay for compacting away',
    'the data of the load before it.',
    '',
    `- pages: \`applyCatalogPage\` from src/storage/product-store.ts, ${PAGE_SIZE} products a page${PAGE_SIZE === DEFAULT_CATALOG_PAGE_SIZE ? " (the download's default)" : ''}`,
    '  as the download applies them, each page requested after the cursor of the one before:',
    '  keys computed, each product looked up in case an older copy is stored, the products',
    `  written in records of ${PRODUCTS_PER_CHUNK} with a multi-entry index over their ids and codes (3 keys`,
    '  a product), the count and the cursor written with each page. Only the page',
    '  applications are timed, not making the pages.',
    '- plain: the same products, one record each as the server sends them, put in one',
    '  transaction into a store with no index. "ratio" is the pages rate over this one.',
    `  Sizes up to ${ROUNDS_MAX_COUNT.toLocaleString('en-US')} are loaded twice both ways, alternating, and the faster run of each is shown.`,
    '- indexed: one record per product with its lookup keys (the GTIN-14 and the SKU), put in',
    '  one transaction into a store with a multi-entry index over them, as versions 1 and 2 of',
    '  the app stored the catalog.',
    '- chunks: the app\'s own chunk records, made beforehand from the same products, put in',
    '  one transaction into the app\'s store with its index. The pages write the same records,',
    '  so the gap is what paging costs, mostly looking up each product in case an older copy',
    '  is stored.',
    '',
    '| products | pages s | pages per s | plain s | plain per s | ratio | indexed s | ratio to indexed | chunks s | ratio to chunks |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(formatRow),
    '',
    `Ratio target ≥ ${RATIO_TARGET}: ${worstRatio >= RATIO_TARGET ? 'met' : 'not met'} (lowest ${worstRatio.toFixed(2)}).`,
    '',
    `Barcode lookup with ${largest} products: \`findProductByCode\` of ${lookupFigures.samples.toLocaleString('en-US')}`,
    'EAN-13 codes of products picked at random (fixed seed), one at a time as scans come, each',
    `in its own read transaction, after ${LOOKUP_WARM_UPS.toLocaleString('en-US')} untimed lookups of other codes. They start right after the`,
    'load, while Chromium may still be compacting the database on disk, which shows in the max.',
    '',
    '| p50 ms | p99 ms | max ms | found |',
    '|---|---|---|---|',
    `| ${lookupFigures.p50Ms.toFixed(2)} | ${lookupFigures.p99Ms.toFixed(2)} | ${lookupFigures.maxMs.toFixed(2)} | ${lookupFigures.found} of ${lookupFigures.samples} |`,
    '',
    `p99 target ≤ ${LOOKUP_P99_TARGET_MS} ms: ${lookupFigures.p99Ms <= LOOKUP_P99_TARGET_MS ? 'met' : 'not met'}.`,
    '',
    `Measured with \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, Chromium ${version}`,
    `(${CHROMIUM_PATH}), ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}. Load average at the end:`,
    `${loadavg()[0]!.toFixed(1)}; with other work on the machine the times vary between runs.`,
  ].join('\n');
}

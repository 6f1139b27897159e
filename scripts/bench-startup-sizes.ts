// Sizes of the startup bench, read from a build's Vite manifest (`build.manifest`): the
// JavaScript that index.html loads before the checkout screen is usable, and the files
// that load when the camera scanner opens.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The source module whose chunk the camera button imports when the camera opens. */
const SCANNER_ENTRY_SOURCE = 'src/ui/scanner/camera-overlay.tsx';

// A build file named inside a chunk's code: the decode worker and the barcode reader's
// WebAssembly are referenced by URL, not imported, so the manifest does not list them.
const REFERENCED_ASSET = /assets\/[\w.-]+\.(?:js|wasm)/g;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

type Manifest = Record<string, ManifestChunk>;

/** One build file with its size in bytes, raw and gzip-compressed (zlib level 9). */
export interface FileSize {
  file: string;
  rawBytes: number;
  gzipBytes: number;
}

export interface StartupSizes {
  /** The entry chunk and every chunk it imports statically. */
  initial: FileSize[];
  /** The JavaScript loaded when the camera opens, beyond the initial files: chunks and the decode worker. */
  scannerScripts: FileSize[];
  /** The WebAssembly the decode worker loads. */
  scannerWasm: FileSize[];
}

/** Reads the sizes of a build in `outDir` that was made with `build.manifest: true`. */
export function readStartupSizes(outDir: string): StartupSizes {
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const entryKey = Object.keys(manifest).find((key) => manifest[key]!.isEntry === true && key.endsWith('index.html'));
  if (entryKey === undefined) throw new Error(`No index.html entry in the Vite manifest of ${outDir}.`);

  const initialKeys = collectStaticImports(manifest, [entryKey]);
  const initialFiles = new Set([...initialKeys].map((key) => manifest[key]!.file));

  if (manifest[SCANNER_ENTRY_SOURCE] === undefined) {
    throw new Error(`No chunk for ${SCANNER_ENTRY_SOURCE} in the Vite manifest of ${outDir}; was the scanner moved?`);
  }
  const scannerChunkFiles = [...collectStaticImports(manifest, [SCANNER_ENTRY_SOURCE])]
    .map((key) => manifest[key]!.file)
    .filter((file) => !initialFiles.has(file));
  const scannerFiles = collectReferencedFiles(outDir, scannerChunkFiles).filter((file) => !initialFiles.has(file));

  const sizeOf = (file: string) => measureFile(outDir, file);
  return {
    initial: [...initialFiles].map(sizeOf),
    scannerScripts: scannerFiles.filter((file) => file.endsWith('.js')).map(sizeOf),
    scannerWasm: scannerFiles.filter((file) => file.endsWith('.wasm')).map(sizeOf),
  };
}

/** Sums the gzip sizes of `files` in bytes. */
export function sumGzipBytes(files: readonly FileSize[]): number {
  return files.reduce((sum, file) => sum + file.gzipBytes, 0);
}

function collectStaticImports(manifest: Manifest, startKeys: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const pending = [...startKeys];
  while (pending.length > 0) {
    const key = pending.pop()!;
    if (seen.has(key)) continue;
    const chunk = manifest[key];
    if (chunk === undefined) throw new Error(`The Vite manifest names ${key}, but has no entry for it.`);
    seen.add(key);
    pending.push(...(chunk.imports ?? []));
  }
  return seen;
}

// Follows the asset URLs named in the code of `files`, and in the files they name.
function collectReferencedFiles(outDir: string, files: readonly string[]): string[] {
  const seen = new Set<string>();
  const pending = [...files];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(join(outDir, file), 'utf8');
    for (const match of code.matchAll(REFERENCED_ASSET)) pending.push(match[0]);
  }
  return [...seen];
}

function measureFile(outDir: string, file: string): FileSize {
  const content = readFileSync(join(outDir, file));
  return { file, rawBytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}

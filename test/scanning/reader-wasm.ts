import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Reads zxing-wasm's reader binary from node_modules, as Node tests pass it to the decoder. */
export function readReaderWasm(): Uint8Array {
  return readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
}

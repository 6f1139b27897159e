import { prepareZXingModule, type ZXingModuleOverrides } from 'zxing-wasm/reader';

/** Source of the zxing-wasm reader binary, zxing_reader.wasm. */
export interface WasmSource {
  /** URL of the .wasm file, e.g. a Vite `?url` import so that it is bundled and precached. */
  url?: string;
  /** The .wasm file's bytes, e.g. read from node_modules in Node. */
  binary?: ArrayBuffer | Uint8Array;
}

/**
 * Instantiates the zxing-wasm reader module from a local binary or URL and waits until it
 * is ready. zxing-wasm keeps one module per page or worker and reuses it while the
 * overrides stay the same, so a second decoder opens without a second download.
 *
 * Throws a TypeError when neither `url` nor `binary` is given, because zxing-wasm would
 * then fetch the binary from a CDN, which fails offline.
 */
export async function loadReaderModule(wasm: WasmSource | undefined): Promise<void> {
  const overrides = toModuleOverrides(wasm);
  await prepareZXingModule({ overrides, fireImmediately: true });
}

// zxing-wasm compares overrides shallowly, so the same source must map to the same
// override values for the cached module to be reused.
const overridesByBinary = new WeakMap<ArrayBuffer | Uint8Array, ZXingModuleOverrides>();
const overridesByUrl = new Map<string, ZXingModuleOverrides>();

function toModuleOverrides(wasm: WasmSource | undefined): ZXingModuleOverrides {
  const binary = wasm?.binary;
  if (binary !== undefined) {
    let overrides = overridesByBinary.get(binary);
    if (overrides === undefined) {
      overrides = { wasmBinary: toArrayBuffer(binary) };
      overridesByBinary.set(binary, overrides);
    }
    return overrides;
  }

  const url = wasm?.url;
  if (url !== undefined && url !== '') {
    let overrides = overridesByUrl.get(url);
    if (overrides === undefined) {
      overrides = { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? url : prefix + path) };
      overridesByUrl.set(url, overrides);
    }
    return overrides;
  }

  throw new TypeError(
    'createFrameDecoder needs the zxing-wasm reader binary: pass wasm.url (the URL of ' +
      'zxing_reader.wasm served with the app) or wasm.binary (its bytes).',
  );
}

// Emscripten expects an ArrayBuffer holding only the module, not a view into a larger one.
function toArrayBuffer(binary: ArrayBuffer | Uint8Array): ArrayBuffer {
  if (binary instanceof ArrayBuffer) {
    return binary;
  }
  const copy = new Uint8Array(binary.byteLength);
  copy.set(binary);
  return copy.buffer;
}

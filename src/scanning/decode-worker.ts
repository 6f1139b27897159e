// A module Web Worker that decodes camera frames with the bundled ZXing decoder, so that
// decoding never blocks the page. The reader wasm is imported as a URL, so Vite bundles it
// with the app and the service worker precaches it: no CDN, and it works offline.

import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import type { WorkerReply, WorkerRequest } from './camera-worker-decoder.ts';
import { createFrameDecoder, RETAIL_FORMATS, type FrameDecoder } from './decoder.ts';

interface WorkerScope {
  postMessage(message: WorkerReply): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void;
  close(): void;
}

const scope = self as unknown as WorkerScope;

function errorFields(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

// Loading starts with the worker, while the page still waits for the camera.
const decoderReady: Promise<FrameDecoder> = createFrameDecoder({
  formats: [...RETAIL_FORMATS],
  wasm: { url: wasmUrl },
});

decoderReady.then(
  () => scope.postMessage({ type: 'ready' }),
  (error: unknown) => scope.postMessage({ type: 'failed', ...errorFields(error) }),
);

scope.addEventListener('message', (event) => {
  const request = event.data;
  if (request.type === 'close') {
    void decoderReady.then((decoder) => decoder.close()).finally(() => scope.close());
    return;
  }

  void decoderReady
    .then((decoder) => decoder.decode({ data: request.data, width: request.width, height: request.height }))
    .then(
      (codes) => scope.postMessage({ type: 'decoded', id: request.id, codes }),
      (error: unknown) => scope.postMessage({ type: 'decode-failed', id: request.id, ...errorFields(error) }),
    );
});

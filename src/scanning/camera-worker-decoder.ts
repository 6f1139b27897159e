import type { DecodedCode } from './decoder.ts';

/** A message from the page to the decode worker. */
export type WorkerRequest =
  | { type: 'decode'; id: number; data: Uint8ClampedArray; width: number; height: number }
  | { type: 'close' };

/** A message from the decode worker to the page. */
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'failed'; name: string; message: string }
  | { type: 'decoded'; id: number; codes: DecodedCode[] }
  | { type: 'decode-failed'; id: number; name: string; message: string };

interface PendingDecode {
  resolve(codes: DecodedCode[]): void;
  reject(error: Error): void;
}

function toError(reply: { name: string; message: string }): Error {
  const error = new Error(reply.message);
  error.name = reply.name;
  return error;
}

/**
 * Starts the decode worker and resolves once its decoder has loaded, or rejects with the
 * worker's error (a wasm file that failed to load, for example). Each frame's pixels are
 * transferred, not copied, so the frame passed to `decode` is unusable afterwards. When
 * `signal` aborts before the decoder is ready, the worker is terminated.
 */
export function startWorkerDecoder(signal: AbortSignal): Promise<{ decode(frame: ImageData): Promise<DecodedCode[]>; close(): void }> {
  const worker = new Worker(new URL('./decode-worker.ts', import.meta.url), { type: 'module', name: 'barcode-decoder' });
  const pending = new Map<number, PendingDecode>();
  let nextId = 1;
  let closed = false;

  function close(): void {
    if (closed) return;
    closed = true;
    worker.postMessage({ type: 'close' } satisfies WorkerRequest);
    for (const entry of pending.values()) entry.reject(new DOMException('The decoder was closed.', 'AbortError'));
    pending.clear();
  }

  function decode(frame: ImageData): Promise<DecodedCode[]> {
    if (closed) return Promise.reject(new DOMException('The decoder was closed.', 'AbortError'));
    const id = nextId++;
    const request: WorkerRequest = { type: 'decode', id, data: frame.data, width: frame.width, height: frame.height };
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage(request, [frame.data.buffer]);
    });
  }

  return new Promise((resolve, reject) => {
    const onAbort = () => {
      closed = true;
      worker.terminate();
      reject(signal.reason);
    };
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });

    worker.addEventListener('error', (event) => {
      // A worker script that fails to load or throws at the top level ends up here.
      const error = new Error(event.message || 'The decode worker failed to start.');
      reject(error);
      for (const entry of pending.values()) entry.reject(error);
      pending.clear();
    });
    worker.addEventListener('message', (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      if (reply.type === 'ready') {
        signal.removeEventListener('abort', onAbort);
        resolve({ decode, close });
      } else if (reply.type === 'failed') {
        closed = true;
        worker.terminate();
        reject(toError(reply));
      } else {
        const entry = pending.get(reply.id);
        pending.delete(reply.id);
        if (reply.type === 'decoded') entry?.resolve(reply.codes);
        else entry?.reject(toError(reply));
      }
    });
  });
}

import { chooseDecoderEngine, createNativeDecoder, findBarcodeDetector, type DecoderEngine } from './barcode-detector.ts';
import { startWorkerDecoder } from './camera-worker-decoder.ts';
import type { DecodedCode } from './decoder.ts';

/** Decodes camera frames, natively or in the ZXing worker. */
export interface CameraDecoder {
  engine: DecoderEngine;
  /** Decodes one frame. The ZXing engine transfers the pixels, so `frame` is unusable afterwards. */
  decode(frame: ImageData): Promise<DecodedCode[]>;
  close(): void;
}

/**
 * Opens the native BarcodeDetector where it reads every retail format, and otherwise
 * starts the ZXing worker. Rejects with the worker's error when ZXing fails to load.
 */
export async function openCameraDecoder(signal: AbortSignal): Promise<CameraDecoder> {
  const detector = findBarcodeDetector();
  const engine = await chooseDecoderEngine(detector);
  if (engine === 'native' && detector !== undefined) {
    return { engine, ...createNativeDecoder(detector) };
  }
  const worker = await startWorkerDecoder(signal);
  return { engine: 'zxing', ...worker };
}

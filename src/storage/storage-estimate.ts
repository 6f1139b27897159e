// How much of the origin's storage quota is used, as the browser estimates it.

/** Bytes used by this origin and the most it may use. */
export interface StorageEstimate {
  usage: number;
  quota: number;
}

/** Reads the estimate, or resolves undefined where the browser gives none. */
export type StorageEstimateReader = () => Promise<StorageEstimate | undefined>;

/**
 * Reads `navigator.storage.estimate()`. Resolves undefined where the Storage API is
 * missing (older browsers, Node) or the estimate lacks a figure, so callers treat an
 * unknown quota as no limit and let a QuotaExceededError decide.
 */
export async function readStorageEstimate(): Promise<StorageEstimate | undefined> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (storage === undefined || typeof storage.estimate !== 'function') {
    return undefined;
  }
  try {
    const { usage, quota } = await storage.estimate();
    return typeof usage === 'number' && typeof quota === 'number' ? { usage, quota } : undefined;
  } catch {
    // Some browsers reject in private windows; the quota is then unknown, not zero.
    return undefined;
  }
}

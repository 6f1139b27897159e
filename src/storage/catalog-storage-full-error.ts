/**
 * The catalog download stopped because device storage is full or nearly full. Its name is
 * `QuotaExceededError`, like the browser's, so callers that branch on the name treat both
 * alike. Products stored before it stay, and so do sales and picks.
 */
export class CatalogStorageFullError extends Error {
  override name = 'QuotaExceededError';
  /** Catalog changes stored by this download before it stopped. */
  readonly received: number;

  constructor(received: number, options?: ErrorOptions) {
    super(
      `Device storage is nearly full, so the catalog download stopped after ${received} changes ` +
        'to keep room for sales and picks, which are still saved and sent. Products already on ' +
        'the device can still be scanned. Free up space on the device; the download continues ' +
        'at the next sync.',
      options,
    );
    this.received = received;
  }
}

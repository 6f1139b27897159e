// Downloads catalog changes page by page from the stored cursor. Each page is stored with
// its cursor in one transaction, so a pull that is cut off resumes after the last page.
// Until a page commits, lookups still find the products of the previous catalog, so
// checkout keeps working during a long download.

import { CatalogStorageFullError } from '../storage/catalog-storage-full-error.ts';
import { applyCatalogPage, CatalogCursorMovedError } from '../storage/product-store.ts';
import type { DeviceDb } from '../storage/schema.ts';
import { readStorageEstimate, type StorageEstimateReader } from '../storage/storage-estimate.ts';
import { getCatalogCursor } from '../storage/sync-state-store.ts';
import type { ApiClient } from './api-client.ts';
import { invalidResponse } from './api-errors.ts';

/**
 * Number of products requested per catalog page, from 1 to 5000 as the server accepts.
 * Larger pages load a big catalog faster, because there are fewer commits (see
 * BENCHMARKS.md). But a scan's lookup waits for the page being written, so a page must be
 * quick to store. On the bench machine 2000 products take about 0.15 s (estimated from the
 * bench's load rate).
 */
export const DEFAULT_CATALOG_PAGE_SIZE = 2000;
const MAX_CATALOG_PAGE_SIZE = 5000;

/**
 * Space the catalog download leaves free for sales and picks. A guess: a sale is a few
 * kilobytes, so this is room for thousands of them, and it is small next to the quota that
 * browsers give an origin on a tablet (gigabytes).
 */
export const CAPTURE_RESERVE_BYTES = 20 * 1024 * 1024;

export interface PullCatalogOptions {
  signal?: AbortSignal | undefined;
  pageSize?: number | undefined;
  /**
   * Called after each stored page with the changes received in this pull and, when the
   * server sent a count of what is left, the expected total of this pull.
   */
  onProgress?(received: number, total: number | undefined): void;
  /** Reads the origin's storage use; `navigator.storage.estimate` where it exists. */
  estimateStorage?: StorageEstimateReader | undefined;
}

export interface PullCatalogResult {
  received: number;
  pages: number;
}

/**
 * Pulls catalog changes until the server reports `has_more: false`. Throws a RangeError
 * for a page size outside 1-5000, and the client's errors when a request fails. Stops
 * with a CatalogStorageFullError (name `QuotaExceededError`) when a page does not fit, or
 * when storing it would use the space kept for captures. The pages stored before it stay.
 */
export async function pullCatalog(
  db: DeviceDb,
  api: Pick<ApiClient, 'getCatalogChanges'>,
  options: PullCatalogOptions = {},
): Promise<PullCatalogResult> {
  const pageSize = options.pageSize ?? DEFAULT_CATALOG_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_CATALOG_PAGE_SIZE) {
    throw new RangeError(
      `Catalog page size ${pageSize} is invalid. Pass a whole number from 1 to ${MAX_CATALOG_PAGE_SIZE}.`,
    );
  }
  const estimateStorage = options.estimateStorage ?? readStorageEstimate;

  let cursor = (await getCatalogCursor(db)) ?? '';
  let received = 0;
  let pages = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    const page = await api.getCatalogChanges(cursor, pageSize, options.signal);
    await checkCaptureReserve(estimateStorage, received);
    try {
      await applyCatalogPage(db, page, { after: cursor });
    } catch (error) {
      if (error instanceof CatalogCursorMovedError) {
        // The catalog was cleared, to make room for a capture, while this page was on its
        // way: the pages received before are gone, so download from the stored cursor.
        cursor = (await getCatalogCursor(db)) ?? '';
        continue;
      }
      if (error instanceof Error && error.name === 'QuotaExceededError') {
        throw new CatalogStorageFullError(received, { cause: error });
      }
      throw error;
    }
    received += page.items.length;
    pages += 1;
    const total = page.remaining === undefined ? undefined : received + page.remaining;
    options.onProgress?.(received, total);

    if (!page.has_more) {
      return { received, pages };
    }
    // A page that brings nothing and does not move the cursor would repeat forever.
    if (page.items.length === 0 && page.next_cursor === cursor) {
      throw invalidResponse(
        200,
        `GET /api/v1/catalog/changes?cursor=${cursor}`,
        'has_more is true but the page is empty and next_cursor did not move',
      );
    }
    cursor = page.next_cursor;
  }
}

// The catalog is a cache that the server can send again, but captures exist only here. So
// the download stops before it leaves less than the reserve free, rather than after a sale
// failed to save.
async function checkCaptureReserve(estimateStorage: StorageEstimateReader, received: number): Promise<void> {
  const estimate = await estimateStorage();
  if (estimate === undefined) {
    return;
  }
  if (estimate.quota - estimate.usage < CAPTURE_RESERVE_BYTES) {
    throw new CatalogStorageFullError(received);
  }
}

// Downloads catalog changes page by page from the stored cursor. Each page is stored with
// its cursor in one transaction, so a pull that is cut off resumes after the last page.

import { applyCatalogPage } from '../storage/product-store.ts';
import type { DeviceDb } from '../storage/schema.ts';
import { getCatalogCursor } from '../storage/sync-state-store.ts';
import type { ApiClient } from './api-client.ts';
import { invalidResponse } from './api-errors.ts';

/** The server's default page size; it accepts 1 to 5000. */
export const DEFAULT_CATALOG_PAGE_SIZE = 1000;
const MAX_CATALOG_PAGE_SIZE = 5000;

export interface PullCatalogOptions {
  signal?: AbortSignal | undefined;
  pageSize?: number;
  /** Called after each stored page with the number of changes received in this pull. */
  onProgress?(received: number): void;
}

export interface PullCatalogResult {
  received: number;
  pages: number;
}

/**
 * Pulls catalog changes until the server reports `has_more: false`. Throws a RangeError
 * for a page size outside 1-5000, and the client's errors when a request fails.
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

  let cursor = (await getCatalogCursor(db)) ?? '';
  let received = 0;
  let pages = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    const page = await api.getCatalogChanges(cursor, pageSize, options.signal);
    await applyCatalogPage(db, page);
    received += page.items.length;
    pages += 1;
    options.onProgress?.(received);

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

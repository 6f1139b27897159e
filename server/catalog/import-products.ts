import { identifierKeys } from '../../src/domain/product-keys.ts';
import type { Product } from '../../src/domain/types.ts';
import type { IdentifierKey, ProductCandidate, Storage } from '../storage/storage.ts';
import { validateProductRow } from './validate-product-row.ts';

/** A row that was not imported, with a reason that names the value and the fix. */
export interface RejectedRow {
  index: number;
  product_id: string | null;
  reason: string;
}

export interface ImportReport {
  imported: number;
  rejected: RejectedRow[];
}

/**
 * Validates every row and upserts the valid ones. An identifier that already belongs to
 * another product, in the catalog or in an earlier row of the same file, rejects the row.
 * Importing a product again with its own identifiers is an update.
 */
export async function importProducts(storage: Storage, rows: unknown[], now: string): Promise<ImportReport> {
  const rejected: RejectedRow[] = [];
  const candidates: ProductCandidate[] = [];

  rows.forEach((row, index) => {
    const check = validateProductRow(row);
    if (!check.ok) {
      rejected.push({ index, product_id: check.productId, reason: check.reason });
      return;
    }
    candidates.push({ index, product: check.product, identifierKeys: listIdentifierKeys(check.product) });
  });

  const conflicts = await storage.products.upsertProducts(candidates, now);
  for (const conflict of conflicts) {
    const { type, value } = conflict.identifier;
    const owner = conflict.ownerProductId;
    const productId = candidates.find((candidate) => candidate.index === conflict.index)?.product.product_id ?? null;
    rejected.push({
      index: conflict.index,
      product_id: productId,
      reason:
        `Identifier ${type} "${value}" already belongs to product ${owner}. ` +
        `Remove it from this row, or from product ${owner} first, then import the row again.`,
    });
  }

  rejected.sort((a, b) => a.index - b.index);
  return { imported: candidates.length - conflicts.length, rejected };
}

// Keys are computed one identifier at a time so that a conflict can name the identifier
// the associate would recognise, not its normalised GTIN-14 form.
function listIdentifierKeys(product: Product): IdentifierKey[] {
  const keys: IdentifierKey[] = [];
  for (const identifier of product.external_identifiers) {
    const single: Product = { ...product, external_identifiers: [identifier] };
    for (const key of identifierKeys(single)) {
      keys.push({ key, type: identifier.type, value: identifier.value });
    }
  }
  return keys;
}

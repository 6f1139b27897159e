import type { SerialPolicy } from '../../src/domain/serial-policy.ts';
import type { Order } from '../../src/domain/types.ts';
import { describeSerialOwner } from '../storage/serial-store.ts';
import { serialKey, type OrderConflict, type OrderFacts } from '../storage/storage.ts';

/**
 * Lists the conflicts to flag on a new order, in line order. A conflict never rejects the
 * order: the sale happened, so it is stored and the conflict is kept for review.
 *
 * - `unknown_product`: the product is not in the catalog (or was deleted).
 * - `duplicate_serial`: the product's serial is already recorded in another order or a
 *   completed pick, or on an earlier line of this order.
 * - `serial_format`: the serial fails the pattern in force for the order's store.
 */
export function findOrderConflicts(order: Order, facts: OrderFacts, policy: SerialPolicy): OrderConflict[] {
  const conflicts: OrderConflict[] = [];
  const lineBySerial = new Map<string, string>();

  for (const line of order.lines) {
    const { line_id, product_id, serial_number } = line;

    if (!facts.knownProductIds.has(product_id)) {
      conflicts.push({
        line_id,
        product_id,
        ...(serial_number === undefined ? {} : { serial_number }),
        reason: 'unknown_product',
        detail: `Product ${product_id} on line ${line_id} is not in the catalog. Check the product id, or import the product; the sale is kept for review.`,
      });
    }
    if (serial_number === undefined) continue;

    const key = serialKey(product_id, serial_number);
    const owner = facts.serialOwners.get(key);
    const earlierLine = lineBySerial.get(key);
    if (owner) {
      conflicts.push({
        line_id,
        product_id,
        serial_number,
        reason: 'duplicate_serial',
        detail: `Serial ${serial_number} of product ${product_id} was already recorded in ${describeSerialOwner(owner)}. Check both records; this sale is kept for review.`,
      });
    } else if (earlierLine !== undefined) {
      conflicts.push({
        line_id,
        product_id,
        serial_number,
        reason: 'duplicate_serial',
        detail: `Serial ${serial_number} of product ${product_id} is also on line ${earlierLine} of this order. Check which unit was sold; the order is kept for review.`,
      });
    }
    if (earlierLine === undefined) lineBySerial.set(key, line_id);

    const check = policy.checkNormalised(serial_number);
    if (!check.ok && (check.reason === 'format' || check.reason === 'pattern_unusable')) {
      conflicts.push({
        line_id,
        product_id,
        serial_number,
        reason: 'serial_format',
        detail: `Serial ${serial_number} of product ${product_id} does not match the format in force for store ${order.store_id} (${policy.description}, ${policy.source} configuration). Check the unit's serial; the sale is kept for review.`,
      });
    }
  }

  return conflicts;
}

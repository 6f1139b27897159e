import type { SerialPolicy } from '../../src/domain/serial-policy.ts';
import type { PickCompletion, PickList } from '../../src/domain/types.ts';
import type { PickFacts, PickUnitConflict } from '../storage/pick-list-store.ts';
import { describeSerialOwner } from '../storage/serial-store.ts';
import { serialKey } from '../storage/storage.ts';

/**
 * Lists the conflicts to flag on a new pick completion, in unit order. A conflict never
 * rejects the completion: the units were picked, so they are stored and the conflict is
 * kept for review.
 *
 * - `serial_missing`: a unit of a product that the catalog marks serialized has no serial.
 * - `duplicate_serial`: the product's serial is already recorded by a sale or another
 *   pick, or on an earlier unit of this completion.
 * - `serial_format`: the serial fails the pattern in force for the list's store.
 */
export function findPickConflicts(
  pickList: PickList,
  completion: PickCompletion,
  facts: PickFacts,
  policy: SerialPolicy,
): PickUnitConflict[] {
  const conflicts: PickUnitConflict[] = [];
  const unitCounts = new Map<string, number>();
  const earlierUnitBySerial = new Map<string, string>();

  for (const { line_id, product_id, serial_number } of completion.units) {
    const unit_index = unitCounts.get(line_id) ?? 0;
    unitCounts.set(line_id, unit_index + 1);
    const unitName = `unit ${unit_index + 1} of line ${line_id}`;

    if (serial_number === undefined) {
      if (!facts.serializedProductIds.has(product_id)) continue;
      conflicts.push({
        line_id,
        unit_index,
        product_id,
        reason: 'serial_missing',
        detail: `Product ${product_id} is serialized, but ${unitName} of pick list ${pickList.id} has no serial. Find the unit's serial and check it; the pick is kept for review.`,
      });
      continue;
    }

    const unit = { line_id, unit_index, product_id, serial_number };
    const key = serialKey(product_id, serial_number);
    const owner = facts.serialOwners.get(key);
    const earlierUnit = earlierUnitBySerial.get(key);
    if (owner) {
      conflicts.push({
        ...unit,
        reason: 'duplicate_serial',
        detail: `Serial ${serial_number} of product ${product_id} was already recorded in ${describeSerialOwner(owner)}. Check both records; this pick is kept for review.`,
      });
    } else if (earlierUnit !== undefined) {
      conflicts.push({
        ...unit,
        reason: 'duplicate_serial',
        detail: `Serial ${serial_number} of product ${product_id} is also on ${earlierUnit} of this pick list. Check which unit was picked; the pick is kept for review.`,
      });
    }
    if (earlierUnit === undefined) earlierUnitBySerial.set(key, unitName);

    const check = policy.checkNormalised(serial_number);
    if (!check.ok && (check.reason === 'format' || check.reason === 'pattern_unusable')) {
      conflicts.push({
        ...unit,
        reason: 'serial_format',
        detail: `Serial ${serial_number} of product ${product_id} does not match the format in force for store ${pickList.store_id} (${policy.description}, ${policy.source} configuration). Check the unit's serial; the pick is kept for review.`,
      });
    }
  }

  return conflicts;
}

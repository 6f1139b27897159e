import type { PickCompletion, PickList } from '../../src/domain/types.ts';
import type { ProblemFieldError } from '../problem.ts';
import type { NewPickList } from '../storage/pick-list-store.ts';

/** Checks the pick-list rule that the schema cannot express: each `line_id` is unique. */
export function checkPickListRules(pickList: NewPickList): ProblemFieldError[] {
  const errors: ProblemFieldError[] = [];
  const firstIndexById = new Map<string, number>();
  pickList.items.forEach((item, index) => {
    const earlier = firstIndexById.get(item.line_id);
    if (earlier === undefined) {
      firstIndexById.set(item.line_id, index);
      return;
    }
    errors.push({
      path: `/items/${index}/line_id`,
      message: `line_id ${JSON.stringify(item.line_id)} is also used by /items/${earlier}; give each line its own id`,
    });
  });
  return errors;
}

/**
 * Checks a completion against its pick list: every unit names a line of the list with
 * that line's product, and each line gets exactly `quantity` units. Returns one error per
 * rule broken, each naming the line.
 */
export function checkCompletionRules(pickList: PickList, completion: PickCompletion): ProblemFieldError[] {
  const errors: ProblemFieldError[] = [];
  const itemsByLine = new Map(pickList.items.map((item) => [item.line_id, item]));
  const unitCounts = new Map<string, number>();

  completion.units.forEach((unit, index) => {
    const item = itemsByLine.get(unit.line_id);
    if (item === undefined) {
      const lines = pickList.items.map((known) => known.line_id).join(', ');
      errors.push({
        path: `/units/${index}/line_id`,
        message: `line_id ${JSON.stringify(unit.line_id)} is not on pick list ${pickList.id}; send units for its lines (${lines}) only`,
      });
      return;
    }
    if (unit.product_id !== item.product_id) {
      errors.push({
        path: `/units/${index}/product_id`,
        message: `product_id ${JSON.stringify(unit.product_id)} is not the product of line ${item.line_id} (${item.product_id}); pick product ${item.product_id} for that line`,
      });
    }
    unitCounts.set(unit.line_id, (unitCounts.get(unit.line_id) ?? 0) + 1);
  });

  for (const item of pickList.items) {
    const count = unitCounts.get(item.line_id) ?? 0;
    if (count === item.quantity) continue;
    errors.push({
      path: '/units',
      message: `line ${item.line_id} has quantity ${item.quantity} but got ${count} picked units; send exactly ${item.quantity} units for it`,
    });
  }
  return errors;
}

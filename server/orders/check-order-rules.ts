import type { Order } from '../../src/domain/types.ts';
import type { ProblemFieldError } from '../problem.ts';

/**
 * Checks the order rules that span fields, which the JSON schema cannot express:
 * unique `line_id`s, quantity 1 on a line with a serial, and serials only on lines
 * handed over in the store. Returns one error per rule broken.
 */
export function checkOrderRules(order: Order): ProblemFieldError[] {
  const errors: ProblemFieldError[] = [];
  const firstIndexById = new Map<string, number>();

  order.lines.forEach((line, index) => {
    const path = `/lines/${index}`;

    const earlier = firstIndexById.get(line.line_id);
    if (earlier === undefined) {
      firstIndexById.set(line.line_id, index);
    } else {
      errors.push({
        path: `${path}/line_id`,
        message: `line_id ${JSON.stringify(line.line_id)} is also used by /lines/${earlier}; give each line its own id`,
      });
    }

    if (line.serial_number === undefined) return;
    if (line.quantity !== 1) {
      errors.push({
        path: `${path}/quantity`,
        message: `quantity ${line.quantity} must be 1 on a line with a serial_number; send one line per serialized unit`,
      });
    }
    if (line.fulfillment !== 'IN_STORE_HANDOVER') {
      errors.push({
        path: `${path}/serial_number`,
        message: `serial_number is only allowed on IN_STORE_HANDOVER lines, but this line is ${line.fulfillment}; drop the serial from the shipped line`,
      });
    }
  });

  return errors;
}

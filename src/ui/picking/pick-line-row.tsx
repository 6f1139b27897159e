import type { PickSessionLine, PickUnit } from '../../domain/picking-session.ts';
import type { PickingController } from './picking-controller.ts';

interface PickLineRowProps {
  line: PickSessionLine;
  title: string;
  units: PickUnit[];
  /** The unit whose serial the session waits for, if it is on this line. */
  awaitingUnitId: string | undefined;
  /** False once the pick is completed, when nothing can change any more. */
  editable: boolean;
  controller: PickingController;
}

/** Renders one pick-list line: the item, picked / needed, and each picked unit with its serial. */
export function PickLineRow({ line, title, units, awaitingUnitId, editable, controller }: PickLineRowProps) {
  const done = units.length >= line.quantity;
  return (
    <li class={`cart-line pick-line${done ? ' done' : ''}`} data-line-id={line.line_id} data-product-id={line.product_id}>
      <div class="line-item">
        <span class="line-title">{title}</span>
        <span class="line-id">Product {line.product_id}</span>
        <span class="pick-count" aria-label={`${units.length} of ${line.quantity} picked`}>
          <strong data-picked>{units.length}</strong> / <span data-needed>{line.quantity}</span> picked
        </span>
        {units.length > 0 && (
          <ul class="pick-units">
            {units.map((unit) => (
              <UnitRow key={unit.unit_id} unit={unit} awaiting={unit.unit_id === awaitingUnitId} editable={editable} controller={controller} />
            ))}
          </ul>
        )}
      </div>
    </li>
  );
}

interface UnitRowProps {
  unit: PickUnit;
  awaiting: boolean;
  editable: boolean;
  controller: PickingController;
}

function UnitRow({ unit, awaiting, editable, controller }: UnitRowProps) {
  const needsSerial = unit.serialized && unit.serial_number === undefined;
  return (
    <li class={`pick-unit${awaiting ? ' awaiting' : ''}`} data-unit-id={unit.unit_id}>
      {unit.serial_number !== undefined && (
        <span class="line-serial">
          Serial <strong data-serial>{unit.serial_number}</strong>
        </span>
      )}
      {!unit.serialized && <span class="line-note">Picked, no serial needed</span>}
      {needsSerial && awaiting && <span class="line-waiting">Waiting for the serial</span>}
      {needsSerial && !awaiting && editable && (
        <button type="button" class="link" onClick={() => void controller.askSerial(unit.unit_id)}>
          Serial needed: add serial
        </button>
      )}
      {editable && (
        <button type="button" class="remove" aria-label={`Undo this unit of ${unit.title}`} onClick={() => void controller.undo(unit.unit_id)}>
          Undo
        </button>
      )}
    </li>
  );
}

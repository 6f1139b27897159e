import { findPickBlocker } from '../../domain/picking-session.ts';
import { pickMessageFor } from '../../domain/picking-messages.ts';
import { ScanField } from '../checkout/scan-field.tsx';
import { CameraButton } from '../scanner/camera-button.tsx';
import { useWedgeScans } from '../use-wedge-scans.ts';
import { PickLineRow } from './pick-line-row.tsx';
import { describeStatus } from './pick-lists-screen.tsx';
import type { PickingController } from './picking-controller.ts';

interface PickListScreenProps {
  controller: PickingController;
  pickListId: string;
}

/** Renders one pick list: scan items and serials, undo units, and complete the pick. */
export function PickListScreen({ controller, pickListId }: PickListScreenProps) {
  const record = controller.opened.value;
  const session = controller.session.value;
  // A scan typed while no field has focus, as after tapping Undo, still reaches the pick.
  // The controller ignores it unless the pick list is open.
  useWedgeScans((scan) => void controller.scan(scan));

  if (record === undefined || (record !== null && record.pick_list_id !== pickListId)) {
    return <h1 id="picking-heading">Pick list {pickListId}</h1>;
  }
  if (record === null || session === undefined) {
    return (
      <>
        <h1 id="picking-heading">Pick list {pickListId}</h1>
        <p class="banner" role="note">
          Pick list {pickListId} is not on this device. It arrives with the next sync if it is open for this store;
          otherwise choose one from the <a href="#/picking">list of pick lists</a>.
        </p>
      </>
    );
  }

  const titleOf = (productId: string) => controller.titles.value.get(productId) ?? `Product ${productId}`;
  const editable = record.status === 'open';
  const awaiting = session.awaiting;
  const serialUnit = awaiting.step === 'serial' ? session.units.find((unit) => unit.unit_id === awaiting.unit_id) : undefined;
  const blocker = findPickBlocker(session);
  const blockerText = blocker === undefined ? undefined : pickMessageFor(blocker, controller.messageContext).text;

  return (
    <>
      <p class="back-link">
        <a href="#/picking">All pick lists</a>
      </p>
      <h1 id="picking-heading">Pick list {record.pick_list_id}</h1>
      <p class="pick-meta">
        Order {record.pick_list.order_id} · <span data-pick-status>{describeStatus(record)}</span>
      </p>

      {editable &&
        (serialUnit ? (
          <div class="serial-prompt" role="group" aria-labelledby="serial-prompt-heading">
            <h2 id="serial-prompt-heading">Serial number for {serialUnit.title}</h2>
            <ScanField
              key="serial"
              label={`Scan or type the serial number of ${serialUnit.title}`}
              hint="The serial is on the unit or its box, usually marked S/N."
              onScan={(text) => void controller.typeSerial(serialUnit.unit_id, text)}
            />
            <button type="button" class="secondary" onClick={() => void controller.skipSerial()}>
              Later: pick other items first
            </button>
          </div>
        ) : (
          <ScanField key="item" label="Scan or type the barcode or SKU of an item on this pick list" onScan={(text) => void controller.scan(text)} />
        ))}
      {editable && <CameraButton onScan={(event) => void controller.scan(event)} />}

      <ul class="cart-lines">
        {session.lines.map((line) => (
          <PickLineRow
            key={line.line_id}
            line={line}
            title={titleOf(line.product_id)}
            units={session.units.filter((unit) => unit.line_id === line.line_id)}
            awaitingUnitId={serialUnit?.unit_id}
            editable={editable}
            controller={controller}
          />
        ))}
      </ul>

      {editable && (
        <div class="complete">
          <button
            type="button"
            class="primary"
            id="complete-pick"
            disabled={blocker !== undefined}
            aria-describedby={blockerText ? 'complete-blocker' : undefined}
            onClick={() => void controller.complete()}
          >
            Complete pick
          </button>
          {blockerText && (
            <p id="complete-blocker" class="hint">
              {blockerText}
            </p>
          )}
        </div>
      )}
    </>
  );
}

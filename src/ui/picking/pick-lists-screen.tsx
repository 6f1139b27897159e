import type { PickRecord } from '../../storage/schema.ts';
import type { PickingController } from './picking-controller.ts';

/** Renders the pick lists on the device with their order, units and progress. */
export function PickListsScreen({ controller }: { controller: PickingController }) {
  const records = controller.records.value;

  return (
    <>
      <h1 id="picking-heading">Picking</h1>
      {!controller.listLoaded.value ? null : records.length === 0 ? (
        <p class="empty">No pick lists on this device. Open pick lists of this store arrive with the next sync.</p>
      ) : (
        <table class="pick-lists">
          <thead>
            <tr>
              <th scope="col">Pick list</th>
              <th scope="col">Order</th>
              <th scope="col">Units</th>
              <th scope="col">Progress</th>
            </tr>
          </thead>
          <tbody>
            {records.map((record) => (
              <PickListRow key={record.pick_list_id} record={record} />
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function PickListRow({ record }: { record: PickRecord }) {
  const units = record.pick_list.items.reduce((sum, item) => sum + item.quantity, 0);
  const picked = record.session.units.length;
  return (
    <tr data-pick-list-id={record.pick_list_id}>
      <th scope="row">
        <a href={`#/picking/${encodeURIComponent(record.pick_list_id)}`}>{record.pick_list_id}</a>
      </th>
      <td>{record.pick_list.order_id}</td>
      <td data-units>{units}</td>
      <td data-progress>
        {picked} of {units} picked
        <span class="pick-status"> · {describeStatus(record)}</span>
      </td>
    </tr>
  );
}

/** Describes the state of a pick list, for the list and for the pick-list screen. */
export function describeStatus(record: PickRecord): string {
  if (record.status === 'sent') return 'Completed and sent';
  if (record.status === 'completed') return 'Completed, waiting to be sent';
  if (record.missing_from_server_since !== undefined) return 'No longer open on the server. Progress is kept on this device';
  return 'Open';
}

import type { Pool, PoolClient, QueryResultRow } from 'pg';
import type { PickList, PickListItem } from '../../src/domain/types.ts';
import type { PickConflict, PickFacts, PickListStatus, PickListStore, PickUnitConflict } from './pick-list-store.ts';
import { serialLockName } from './pg-orders.ts';
import { createPostgresPickListListing } from './pg-pick-list-listing.ts';
import { findSerialOwners } from './pg-serials.ts';
import { lockNames, withTransaction } from './pg-transaction.ts';

interface PickListRow {
  pick_list_id: string;
  order_id: string;
  store_id: string;
  status: PickListStatus;
  content_json: string;
  created_at: string;
}

interface ItemRow extends PickListItem {
  pick_list_id: string;
}

type CompletionRequest = Parameters<PickListStore['recordCompletion']>[0];

/** Something that runs a query: the pool, or a connection inside a transaction. */
interface Queryable {
  query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

/** Names the advisory lock of a pick list, taken by its creation and by its completion. */
function pickListLockName(pickListId: string): string {
  return `pick-list:${pickListId}`;
}

/** Creates the store of pick lists on PostgreSQL, with the same locking as the order store. */
export function createPostgresPickListStore(pool: Pool): PickListStore {
  return {
    async createPickList({ pickList, contentJson, createdAt }) {
      return withTransaction(pool, async (client) => {
        await lockNames(client, [pickListLockName(pickList.id)]);
        const stored = await client.query<{ content_json: string }>('SELECT content_json FROM pick_lists WHERE pick_list_id = $1', [pickList.id]);
        const storedContent = stored.rows[0]?.content_json;
        if (storedContent !== undefined) {
          if (storedContent !== contentJson) return { outcome: 'content_mismatch' as const };
          return { outcome: 'resent' as const, pickList: (await readList(client, pickList.id)) as PickList };
        }

        await client.query(
          `INSERT INTO pick_lists (pick_list_id, order_id, store_id, status, content_json, created_at)
           VALUES ($1, $2, $3, 'open', $4, $5)`,
          [pickList.id, pickList.order_id, pickList.store_id, contentJson, createdAt],
        );
        await client.query(
          `INSERT INTO pick_list_items (pick_list_id, line_index, line_id, product_id, quantity)
           SELECT $1, line_index, line_id, product_id, quantity
           FROM unnest($2::int[], $3::text[], $4::text[], $5::int[]) AS t (line_index, line_id, product_id, quantity)`,
          [
            pickList.id,
            pickList.items.map((_item, index) => index),
            pickList.items.map((item) => item.line_id),
            pickList.items.map((item) => item.product_id),
            pickList.items.map((item) => item.quantity),
          ],
        );
        return { outcome: 'created' as const, pickList: (await readList(client, pickList.id)) as PickList };
      });
    },

    async getPickList(pickListId) {
      return readList(pool, pickListId);
    },

    async listPickLists({ storeId, status }) {
      const lists = await pool.query<PickListRow>(
        'SELECT * FROM pick_lists WHERE store_id = $1 AND status = $2 ORDER BY created_at, pick_list_id',
        [storeId, status],
      );
      const items = await pool.query<ItemRow>(
        `SELECT i.pick_list_id, i.line_id, i.product_id, i.quantity FROM pick_list_items AS i
         JOIN pick_lists AS l ON l.pick_list_id = i.pick_list_id
         WHERE l.store_id = $1 AND l.status = $2 ORDER BY i.pick_list_id, i.line_index`,
        [storeId, status],
      );
      const itemsByList = new Map<string, ItemRow[]>();
      for (const item of items.rows) {
        const listItems = itemsByList.get(item.pick_list_id) ?? [];
        listItems.push(item);
        itemsByList.set(item.pick_list_id, listItems);
      }
      return lists.rows.map((row) => toPickList(row, itemsByList.get(row.pick_list_id) ?? []));
    },

    async recordCompletion(request) {
      const id = request.completion.pick_list_id;
      return withTransaction(pool, async (client) => {
        await lockNames(client, [
          pickListLockName(id),
          ...request.completion.units.flatMap((unit) =>
            unit.serial_number === undefined ? [] : [serialLockName(unit.product_id, unit.serial_number)],
          ),
        ]);
        const pickList = await readList(client, id);
        if (pickList === null) return { outcome: 'not_found' as const };

        const stored = await client.query<{ content_json: string }>('SELECT content_json FROM pick_completions WHERE pick_list_id = $1', [id]);
        const storedContent = stored.rows[0]?.content_json;
        if (storedContent !== undefined) {
          if (storedContent !== request.contentJson) return { outcome: 'content_mismatch' as const };
          return { outcome: 'resent' as const, conflicts: await readConflicts(client, id) };
        }

        const conflicts = request.findConflicts(await gatherFacts(client, pickList, request));
        await writeCompletion(client, request, conflicts);
        return { outcome: 'created' as const, conflicts: conflicts.map(({ unit_index: _unitIndex, ...conflict }) => conflict) };
      });
    },

    ...createPostgresPickListListing(pool),
  };
}

async function readList(db: Queryable, pickListId: string): Promise<PickList | null> {
  const found = await db.query<PickListRow>('SELECT * FROM pick_lists WHERE pick_list_id = $1', [pickListId]);
  const row = found.rows[0];
  if (row === undefined) return null;
  const items = await db.query<ItemRow>(
    'SELECT pick_list_id, line_id, product_id, quantity FROM pick_list_items WHERE pick_list_id = $1 ORDER BY line_index',
    [pickListId],
  );
  return toPickList(row, items.rows);
}

// Runs after the locks and before the completion is written, so every record found belongs
// to a sale or to another pick.
async function gatherFacts(client: PoolClient, pickList: PickList, request: CompletionRequest): Promise<PickFacts> {
  const products = await client.query<{ product_id: string; product_json: string }>(
    'SELECT product_id, product_json FROM products WHERE product_id = ANY($1::text[]) AND NOT deleted',
    [[...new Set(pickList.items.map((item) => item.product_id))]],
  );
  const serializedProductIds = new Set<string>();
  for (const row of products.rows) {
    if ((JSON.parse(row.product_json) as { serialized_inventory?: unknown }).serialized_inventory === true) {
      serializedProductIds.add(row.product_id);
    }
  }
  const serialOwners = await findSerialOwners(
    client,
    request.completion.units.flatMap((unit) =>
      unit.serial_number === undefined ? [] : [{ productId: unit.product_id, serialNumber: unit.serial_number }],
    ),
  );
  return { serializedProductIds, serialOwners };
}

async function writeCompletion(client: PoolClient, request: CompletionRequest, conflicts: PickUnitConflict[]): Promise<void> {
  const { completion, receivedAt } = request;
  const id = completion.pick_list_id;
  await client.query(
    'INSERT INTO pick_completions (pick_list_id, device_id, completed_at, content_json, received_at) VALUES ($1, $2, $3, $4, $5)',
    [id, request.deviceId, completion.completed_at, request.contentJson, receivedAt],
  );
  const unitCounts = new Map<string, number>();
  const unitIndexes = completion.units.map((unit) => {
    const unitIndex = unitCounts.get(unit.line_id) ?? 0;
    unitCounts.set(unit.line_id, unitIndex + 1);
    return unitIndex;
  });
  // unit_id follows the order the device sent the units in.
  await client.query(
    `INSERT INTO picked_units (pick_list_id, line_id, unit_index, product_id, serial_number)
     SELECT $1, line_id, unit_index, product_id, serial_number
     FROM unnest($2::text[], $3::int[], $4::text[], $5::text[]) WITH ORDINALITY
       AS t (line_id, unit_index, product_id, serial_number, position)
     ORDER BY position`,
    [
      id,
      completion.units.map((unit) => unit.line_id),
      unitIndexes,
      completion.units.map((unit) => unit.product_id),
      completion.units.map((unit) => unit.serial_number ?? null),
    ],
  );
  if (conflicts.length > 0) {
    await client.query(
      `INSERT INTO pick_conflicts (pick_list_id, line_id, unit_index, product_id, serial_number, reason, detail, flagged_at)
       SELECT $1, line_id, unit_index, product_id, serial_number, reason, detail, $2
       FROM unnest($3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[]) WITH ORDINALITY
         AS t (line_id, unit_index, product_id, serial_number, reason, detail, position)
       ORDER BY position`,
      [
        id,
        receivedAt,
        conflicts.map((conflict) => conflict.line_id),
        conflicts.map((conflict) => conflict.unit_index),
        conflicts.map((conflict) => conflict.product_id),
        conflicts.map((conflict) => conflict.serial_number ?? null),
        conflicts.map((conflict) => conflict.reason),
        conflicts.map((conflict) => conflict.detail),
      ],
    );
  }
  await client.query("UPDATE pick_lists SET status = 'completed' WHERE pick_list_id = $1", [id]);
}

async function readConflicts(client: PoolClient, pickListId: string): Promise<PickConflict[]> {
  const result = await client.query<PickConflict & { serial_number: string | null }>(
    `SELECT line_id, product_id, serial_number, reason, detail FROM pick_conflicts
     WHERE pick_list_id = $1 ORDER BY conflict_id`,
    [pickListId],
  );
  return result.rows.map(({ serial_number, ...rest }) => (serial_number === null ? rest : { ...rest, serial_number }));
}

function toPickList(row: PickListRow, items: ItemRow[]): PickList {
  return {
    id: row.pick_list_id,
    order_id: row.order_id,
    store_id: row.store_id,
    status: row.status,
    items: items.map(({ line_id, product_id, quantity }) => ({ line_id, product_id, quantity })),
    created_at: row.created_at,
  };
}

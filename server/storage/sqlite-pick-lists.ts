import type { Database } from 'better-sqlite3';
import type { PickList, PickListItem } from '../../src/domain/types.ts';
import type { PickConflict, PickFacts, PickListStatus, PickListStore, PickUnitConflict } from './pick-list-store.ts';
import type { SerialOwner } from './serial-store.ts';
import { createSqlitePickListListing } from './sqlite-pick-list-listing.ts';
import { prepareFindSerialOwner } from './sqlite-serials.ts';
import { serialKey } from './storage.ts';

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
type CreateRequest = Parameters<PickListStore['createPickList']>[0];

/** Creates the store of pick lists, their completions, the units picked and their conflicts. */
export function createSqlitePickListStore(db: Database): PickListStore {
  const findList = db.prepare('SELECT * FROM pick_lists WHERE pick_list_id = ?');
  const listItems = db.prepare(`
    SELECT pick_list_id, line_id, product_id, quantity FROM pick_list_items
    WHERE pick_list_id = ? ORDER BY line_index`);
  const listStoreLists = db.prepare(`
    SELECT * FROM pick_lists WHERE store_id = ? AND status = ? ORDER BY created_at, pick_list_id`);
  const listStoreItems = db.prepare(`
    SELECT i.pick_list_id, i.line_id, i.product_id, i.quantity FROM pick_list_items AS i
    JOIN pick_lists AS l ON l.pick_list_id = i.pick_list_id
    WHERE l.store_id = ? AND l.status = ? ORDER BY i.pick_list_id, i.line_index`);
  const insertList = db.prepare(`
    INSERT INTO pick_lists (pick_list_id, order_id, store_id, status, content_json, created_at)
    VALUES (?, ?, ?, 'open', ?, ?)`);
  const insertItem = db.prepare(`
    INSERT INTO pick_list_items (pick_list_id, line_index, line_id, product_id, quantity) VALUES (?, ?, ?, ?, ?)`);

  const readList = (pickListId: string): PickList | null => {
    const row = findList.get(pickListId) as PickListRow | undefined;
    if (row === undefined) return null;
    return toPickList(row, listItems.all(pickListId) as ItemRow[]);
  };

  const create = db.transaction(({ pickList, contentJson, createdAt }: CreateRequest) => {
    const stored = findList.get(pickList.id) as PickListRow | undefined;
    if (stored !== undefined) {
      if (stored.content_json !== contentJson) return { outcome: 'content_mismatch' as const };
      return { outcome: 'resent' as const, pickList: readList(pickList.id) as PickList };
    }

    insertList.run(pickList.id, pickList.order_id, pickList.store_id, contentJson, createdAt);
    pickList.items.forEach((item, index) => {
      insertItem.run(pickList.id, index, item.line_id, item.product_id, item.quantity);
    });
    return { outcome: 'created' as const, pickList: readList(pickList.id) as PickList };
  });

  const complete = createCompletionWriter(db, readList);

  return {
    async createPickList(request) {
      return create.immediate(request);
    },

    async getPickList(pickListId) {
      return readList(pickListId);
    },

    async listPickLists({ storeId, status }) {
      const rows = listStoreLists.all(storeId, status) as PickListRow[];
      const itemsByList = new Map<string, ItemRow[]>();
      for (const item of listStoreItems.all(storeId, status) as ItemRow[]) {
        const items = itemsByList.get(item.pick_list_id) ?? [];
        items.push(item);
        itemsByList.set(item.pick_list_id, items);
      }
      return rows.map((row) => toPickList(row, itemsByList.get(row.pick_list_id) ?? []));
    },

    async recordCompletion(request) {
      return complete.immediate(request);
    },

    ...createSqlitePickListListing(db),
  };
}

/**
 * Builds the completion transaction. Callers run it IMMEDIATE, which takes the write lock
 * before the reads, so two connections cannot both miss each other's serial.
 */
function createCompletionWriter(db: Database, readList: (pickListId: string) => PickList | null) {
  const findCompletion = db.prepare('SELECT content_json FROM pick_completions WHERE pick_list_id = ?').pluck();
  const findProduct = db.prepare('SELECT product_json FROM products WHERE product_id = ? AND deleted = 0').pluck();
  const findSerialOwner = prepareFindSerialOwner(db);
  const insertCompletion = db.prepare(`
    INSERT INTO pick_completions (pick_list_id, device_id, completed_at, content_json, received_at) VALUES (?, ?, ?, ?, ?)`);
  const insertUnit = db.prepare(`
    INSERT INTO picked_units (pick_list_id, line_id, unit_index, product_id, serial_number) VALUES (?, ?, ?, ?, ?)`);
  const insertConflict = db.prepare(`
    INSERT INTO pick_conflicts (pick_list_id, line_id, unit_index, product_id, serial_number, reason, detail, flagged_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const markCompleted = db.prepare("UPDATE pick_lists SET status = 'completed' WHERE pick_list_id = ?");
  const listConflicts = db.prepare(`
    SELECT line_id, product_id, serial_number, reason, detail FROM pick_conflicts
    WHERE pick_list_id = ? ORDER BY conflict_id`);

  // Runs before the completion is written, so every record found belongs to a sale or to another pick.
  const gatherFacts = (pickList: PickList, request: CompletionRequest): PickFacts => {
    const serializedProductIds = new Set<string>();
    for (const item of pickList.items) {
      const productJson = findProduct.get(item.product_id) as string | undefined;
      if (productJson !== undefined && (JSON.parse(productJson) as { serialized_inventory?: unknown }).serialized_inventory === true) {
        serializedProductIds.add(item.product_id);
      }
    }
    const serialOwners = new Map<string, SerialOwner>();
    for (const unit of request.completion.units) {
      if (unit.serial_number === undefined) continue;
      const owner = findSerialOwner(unit.product_id, unit.serial_number);
      if (owner) serialOwners.set(serialKey(unit.product_id, unit.serial_number), owner);
    }
    return { serializedProductIds, serialOwners };
  };

  const write = (request: CompletionRequest, conflicts: PickUnitConflict[]): void => {
    const { completion, receivedAt } = request;
    const id = completion.pick_list_id;
    insertCompletion.run(id, request.deviceId, completion.completed_at, request.contentJson, receivedAt);
    const unitCounts = new Map<string, number>();
    for (const unit of completion.units) {
      const unitIndex = unitCounts.get(unit.line_id) ?? 0;
      unitCounts.set(unit.line_id, unitIndex + 1);
      insertUnit.run(id, unit.line_id, unitIndex, unit.product_id, unit.serial_number ?? null);
    }
    for (const conflict of conflicts) {
      insertConflict.run(
        id,
        conflict.line_id,
        conflict.unit_index,
        conflict.product_id,
        conflict.serial_number ?? null,
        conflict.reason,
        conflict.detail,
        receivedAt,
      );
    }
    markCompleted.run(id);
  };

  const readConflicts = (pickListId: string): PickConflict[] => {
    const rows = listConflicts.all(pickListId) as Array<PickConflict & { serial_number: string | null }>;
    return rows.map(({ serial_number, ...rest }) => (serial_number === null ? rest : { ...rest, serial_number }));
  };

  return db.transaction((request: CompletionRequest) => {
    const id = request.completion.pick_list_id;
    const pickList = readList(id);
    if (pickList === null) return { outcome: 'not_found' as const };

    const storedContent = findCompletion.get(id) as string | undefined;
    if (storedContent !== undefined) {
      if (storedContent !== request.contentJson) return { outcome: 'content_mismatch' as const };
      return { outcome: 'resent' as const, conflicts: readConflicts(id) };
    }

    const conflicts = request.findConflicts(gatherFacts(pickList, request));
    write(request, conflicts);
    return { outcome: 'created' as const, conflicts: conflicts.map(({ unit_index: _unitIndex, ...conflict }) => conflict) };
  });
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

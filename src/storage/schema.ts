// The device database: its name, version, stores and upgrade steps. Store modules in this
// folder read and write the records; this module only defines and opens them.

import { openDB, unwrap, type DBSchema, type IDBPDatabase } from 'idb';
import type { CheckoutSession } from '../domain/checkout-session.ts';
import type { PickSession } from '../domain/picking-session.ts';
import { moveProductsIntoChunks } from './move-products-into-chunks.ts';
import type { ConfigInForce, Order, PickCompletion, PickList, Product } from '../domain/types.ts';

export const DB_NAME = 'serial-capture';
/**
 * Version 1: catalog, configuration, orders, outbox, sync state, drafts. Version 2 adds
 * picks. Version 3 stores the catalog in chunks of products instead of one record each.
 */
export const DB_VERSION = 3;

/**
 * Up to `PRODUCTS_PER_CHUNK` cached products in one record, with every key that finds one
 * of them (see catalog-chunk.ts). `chunk` is generated, so later chunks have higher keys.
 */
export interface CatalogChunkRecord {
  chunk?: number;
  products: Product[];
  keys: string[];
}

/** The configuration in force for the device's store, as last fetched from the server. */
export interface ConfigRecord extends ConfigInForce {
  scope: 'in-force';
  fetched_at: string;
}

export type OrderStatus = 'pending' | 'sent';

/**
 * A problem the server flagged when it accepted a sale or a pick, such as a serial sold
 * twice (`duplicate_serial`). The capture is stored on the server all the same.
 */
export interface ServerConflict {
  line_id: string;
  product_id: string;
  serial_number?: string;
  reason: string;
  detail?: string;
}

/** A completed sale. `order_id` repeats `order.order_id` because it is the store's key. */
export interface OrderRecord {
  order_id: string;
  order: Order;
  status: OrderStatus;
  saved_at: string;
  sent_at?: string;
  /** The conflicts the server reported when it acknowledged the sale. */
  conflicts?: ServerConflict[];
}

/**
 * State of a pick list on the device: `open` while it is picked, `completed` once the
 * completion is stored and queued, and `sent` after the server acknowledged it.
 */
export type PickStatus = 'open' | 'completed' | 'sent';

/** A downloaded pick list with the progress made on it. */
export interface PickRecord {
  /** Repeats `pick_list.id` because it is the store's key. */
  pick_list_id: string;
  pick_list: PickList;
  status: PickStatus;
  session: PickSession;
  downloaded_at: string;
  updated_at: string;
  /**
   * When the server's open list stopped including this pick list while the device held
   * progress on it. The record stays so that no picked serial is lost. Cleared when the
   * list is open on the server again.
   */
  missing_from_server_since?: string;
  /** Set once the pick is completed. Its outbox entry contains the same payload. */
  completion?: PickCompletion;
  sent_at?: string;
  /** The conflicts the server reported when it acknowledged the completion. */
  conflicts?: ServerConflict[];
}

/** Payload of an outbox entry: a completed sale or a completed pick. */
export type OutboxPayload = { kind: 'order'; payload: Order } | { kind: 'pick_completion'; payload: PickCompletion };

export type OutboxKind = OutboxPayload['kind'];

/** A capture that must reach the server, kept until the server acknowledges it. */
export type OutboxEntry = OutboxPayload & {
  /** Auto-increment key, so that reading the store in key order is oldest first. */
  seq?: number;
  /**
   * Unique, so one capture never has two entries: the order id for a sale, and
   * `pickCaptureId(pick_list_id)` for a pick.
   */
  capture_id: string;
  created_at: string;
  attempts: number;
  last_error?: string;
  /** HTTP status of the last failed attempt; absent after a network error or timeout. */
  last_status?: number;
  last_attempt_at?: string;
};

/** Builds the outbox `capture_id` of a pick list's completion. Its prefix keeps it apart from order ids. */
export function pickCaptureId(pickListId: string): string {
  return `pick:${pickListId}`;
}

export interface CatalogCursorRecord {
  name: 'catalog-cursor';
  cursor: string;
  updated_at: string;
}

export interface LastSyncRecord {
  name: 'last-sync';
  /** When the last sync run ended, and whether it completed without an error. */
  at: string;
  ok: boolean;
  /** When the last run that completed without an error ended. */
  succeeded_at?: string;
}

export interface DeviceRecord {
  name: 'device';
  device_id: string;
  device_token: string;
  store_id: string;
  paired_at: string;
  /**
   * When the server last refused the device token (HTTP 401). Syncing then waits for the
   * device to pair again, which replaces this record.
   */
  token_rejected_at?: string;
}

export interface LastErrorRecord {
  name: 'last-error';
  message: string;
  at: string;
}

/** Number of products in the cached catalog, updated with each catalog change. */
export interface CatalogSizeRecord {
  name: 'catalog-size';
  products: number;
}

export type SyncStateRecord = CatalogCursorRecord | CatalogSizeRecord | LastSyncRecord | DeviceRecord | LastErrorRecord;

/** The open checkout, saved on every change so that it survives a reload. */
export interface CartDraftRecord {
  name: 'checkout';
  session: CheckoutSession;
  updated_at: string;
}

/**
 * A cart set aside to be resumed later, such as when a kiosk device sat idle. It contains
 * the open checkout as it was, captured serials included.
 */
export interface ParkedCartRecord {
  name: `parked:${string}`;
  session: CheckoutSession;
  parked_at: string;
}

export type DraftRecord = CartDraftRecord | ParkedCartRecord;

export type DraftName = DraftRecord['name'];

export interface DeviceDbSchema extends DBSchema {
  'catalog-chunks': { key: number; value: CatalogChunkRecord; indexes: { 'by-key': string } };
  config: { key: 'in-force'; value: ConfigRecord };
  orders: { key: string; value: OrderRecord };
  outbox: { key: number; value: OutboxEntry; indexes: { 'by-capture': string } };
  'sync-state': { key: SyncStateRecord['name']; value: SyncStateRecord };
  drafts: { key: DraftName; value: DraftRecord };
  picks: { key: string; value: PickRecord };
}

export type DeviceDb = IDBPDatabase<DeviceDbSchema>;

export interface OpenDeviceDbOptions {
  /** Database name; tests pass their own so that they do not share data. */
  name?: string;
  /** Called while another tab keeps an older version open and so delays the upgrade. */
  onBlocked?(): void;
  /** Called after this connection closed because another tab opened a newer version. */
  onVersionChange?(): void;
  /**
   * Resolves once this tab may close the database for a newer version opened in another
   * tab, such as when no sale or pick is open here. Without it the database closes at once.
   */
  whenFreeToClose?(): Promise<void>;
  /** Called when the upgrade starts moving a cached catalog into chunks, which takes a while for a large one. */
  onCatalogMove?(): void;
}

/** Opens the device database, creating or migrating its stores first. */
export async function openDeviceDb(options: OpenDeviceDbOptions = {}): Promise<DeviceDb> {
  return openDB<DeviceDbSchema>(options.name ?? DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, transaction) {
      upgradeDeviceDb(db, oldVersion, unwrap(transaction), options);
    },
    blocked() {
      options.onBlocked?.();
    },
    blocking(_currentVersion, _blockedVersion, event) {
      // The newer tab waits until every older connection closes. This tab must reload
      // before it can use the database again, so whenFreeToClose lets an open sale finish.
      const db = event.target as IDBDatabase;
      const close = () => {
        db.close();
        options.onVersionChange?.();
      };
      if (options.whenFreeToClose === undefined) {
        close();
      } else {
        void options.whenFreeToClose().then(close, close);
      }
    },
  });
}

// Each version adds a step. No step deletes a store that can hold captures: the outbox
// and orders can hold sales that have not reached the server yet. A step that changes a
// record shape migrates the records through the upgrade transaction.
function upgradeDeviceDb(db: DeviceDb, oldVersion: number, tx: IDBTransaction, options: OpenDeviceDbOptions): void {
  if (oldVersion < 1) {
    db.createObjectStore('config', { keyPath: 'scope' });
    db.createObjectStore('orders', { keyPath: 'order_id' });

    const outbox = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
    outbox.createIndex('by-capture', 'capture_id', { unique: true });

    db.createObjectStore('sync-state', { keyPath: 'name' });
    db.createObjectStore('drafts', { keyPath: 'name' });
  }
  // Version 1 records need no change: their outbox entries already carry `kind: 'order'`.
  if (oldVersion < 2) {
    db.createObjectStore('picks', { keyPath: 'pick_list_id' });
  }
  if (oldVersion < 3) {
    const chunks = db.createObjectStore('catalog-chunks', { keyPath: 'chunk', autoIncrement: true });
    // Not unique: while catalog pages are applied, an identifier moving from one product
    // to another can sit on both for a moment.
    chunks.createIndex('by-key', 'keys', { multiEntry: true });
    // Versions 1 and 2 kept one record per product in a `products` store.
    if (oldVersion >= 1) {
      options.onCatalogMove?.();
      moveProductsIntoChunks(tx);
    }
  }
}

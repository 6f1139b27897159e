// The device database: its name, version, stores and upgrade steps. Store modules in this
// folder read and write the records; this module only defines and opens them.

import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { CheckoutSession } from '../domain/checkout-session.ts';
import type { ConfigInForce, Order, Product } from '../domain/types.ts';

export const DB_NAME = 'serial-capture';
export const DB_VERSION = 1;

/** A cached product with every key that finds it (see `productKeys`). */
export type ProductRecord = Product & { keys: string[] };

/** The configuration in force for the device's store, as last fetched from the server. */
export interface ConfigRecord extends ConfigInForce {
  scope: 'in-force';
  fetched_at: string;
}

export type OrderStatus = 'pending' | 'sent';

/** A completed sale. `order_id` repeats `order.order_id` because it is the store's key. */
export interface OrderRecord {
  order_id: string;
  order: Order;
  status: OrderStatus;
  saved_at: string;
  sent_at?: string;
}

/** A capture that must reach the server, kept until the server acknowledges it. */
export interface OutboxEntry {
  /** Auto-increment key, so that reading the store in key order is oldest first. */
  seq?: number;
  /** The order id; unique, so one order never has two entries. */
  capture_id: string;
  kind: 'order';
  payload: Order;
  created_at: string;
  attempts: number;
  last_error?: string;
  /** HTTP status of the last failed attempt; absent after a network error or timeout. */
  last_status?: number;
  last_attempt_at?: string;
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
}

export interface LastErrorRecord {
  name: 'last-error';
  message: string;
  at: string;
}

export type SyncStateRecord = CatalogCursorRecord | LastSyncRecord | DeviceRecord | LastErrorRecord;

/** The open checkout, saved on every change so that it survives a reload. */
export interface CartDraftRecord {
  name: 'checkout';
  session: CheckoutSession;
  updated_at: string;
}

export type DraftName = CartDraftRecord['name'];

export interface DeviceDbSchema extends DBSchema {
  products: { key: string; value: ProductRecord; indexes: { 'by-key': string } };
  config: { key: 'in-force'; value: ConfigRecord };
  orders: { key: string; value: OrderRecord };
  outbox: { key: number; value: OutboxEntry; indexes: { 'by-capture': string } };
  'sync-state': { key: SyncStateRecord['name']; value: SyncStateRecord };
  drafts: { key: DraftName; value: CartDraftRecord };
}

export type DeviceDb = IDBPDatabase<DeviceDbSchema>;

export interface OpenDeviceDbOptions {
  /** Database name; tests pass their own so that they do not share data. */
  name?: string;
  /** Called while another tab keeps an older version open and so delays the upgrade. */
  onBlocked?(): void;
  /** Called after this connection closed because another tab opened a newer version. */
  onVersionChange?(): void;
}

/** Opens the device database, creating or migrating its stores first. */
export async function openDeviceDb(options: OpenDeviceDbOptions = {}): Promise<DeviceDb> {
  return openDB<DeviceDbSchema>(options.name ?? DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      upgradeDeviceDb(db, oldVersion);
    },
    blocked() {
      options.onBlocked?.();
    },
    blocking(_currentVersion, _blockedVersion, event) {
      // The newer tab waits until every older connection closes. This tab must reload
      // before it can use the database again.
      (event.target as IDBDatabase).close();
      options.onVersionChange?.();
    },
  });
}

// Each version adds a step and no step deletes a store: the outbox and orders can hold
// sales that have not reached the server yet. A later step that changes a record shape
// migrates the records through the upgrade transaction.
function upgradeDeviceDb(db: DeviceDb, oldVersion: number): void {
  if (oldVersion < 1) {
    const products = db.createObjectStore('products', { keyPath: 'product_id' });
    // Not unique: while catalog pages are applied, an identifier moving from one product
    // to another can sit on both for a moment.
    products.createIndex('by-key', 'keys', { multiEntry: true });

    db.createObjectStore('config', { keyPath: 'scope' });
    db.createObjectStore('orders', { keyPath: 'order_id' });

    const outbox = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
    outbox.createIndex('by-capture', 'capture_id', { unique: true });

    db.createObjectStore('sync-state', { keyPath: 'name' });
    db.createObjectStore('drafts', { keyPath: 'name' });
  }
}

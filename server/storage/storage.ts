// The storage interface the routes use. SQLite implements it now; every method returns a
// promise so that a PostgreSQL implementation with an asynchronous driver fits behind it.
import type { AppConfig, Order, Product } from '../../src/domain/types.ts';
import type { ConflictStore } from './conflict-store.ts';
import type { PickListStore } from './pick-list-store.ts';
import type { SerialOwner, SerialStore } from './serial-store.ts';
import type { StoreRegistry } from './store-registry.ts';

/** One normalised identifier key of a product, with the identifier it came from. */
export interface IdentifierKey {
  key: string;
  type: string;
  value: string;
}

/** A validated import row, ready to be written. */
export interface ProductCandidate {
  index: number;
  product: Product;
  identifierKeys: IdentifierKey[];
}

/** An identifier of a row that already belongs to another product. */
export interface IdentifierConflict {
  index: number;
  identifier: IdentifierKey;
  ownerProductId: string;
}

/** One entry of the catalog change feed, ordered by `sequence`. */
export type CatalogChange =
  | { sequence: number; product: Product }
  | { sequence: number; deleted: string };

export interface ProductStore {
  countActive(): Promise<number>;
  /**
   * Upserts the candidates in index order in one transaction and returns the rows that were
   * not written because an identifier key already belongs to another product.
   */
  upsertProducts(candidates: ProductCandidate[], now: string): Promise<IdentifierConflict[]>;
  deleteProduct(productId: string, now: string): Promise<'deleted' | 'already_deleted' | 'not_found'>;
  /**
   * `remaining` counts the changes after the last one returned, at the time of the read.
   * A store that cannot count them cheaply leaves it out.
   */
  listChanges(
    afterSequence: number,
    limit: number,
  ): Promise<{ changes: CatalogChange[]; hasMore: boolean; remaining?: number }>;
}

export interface ConfigStore {
  /** Reads the global configuration when `storeId` is null, else that store's own. */
  getConfig(storeId: string | null): Promise<AppConfig | null>;
  /**
   * Reads the stored JSON text of a store's own configuration and of the global one in a
   * single query, with null for a missing one. For callers that cache what they derive from the text.
   */
  getConfigTexts(storeId: string): Promise<{ store: string | null; global: string | null }>;
  putConfig(storeId: string | null, config: AppConfig, now: string): Promise<void>;
  /** Removes a store's own configuration and returns whether there was one. */
  deleteStoreConfig(storeId: string): Promise<boolean>;
}

/** A paired device, found by the hash of its token. */
export interface DeviceRecord {
  deviceId: string;
  storeId: string;
  deviceName: string | null;
  /** When the admin revoked the device's token; null while it is valid. */
  revokedAt: string | null;
}

/** A paired device as the admin lists it. */
export interface DeviceSummary {
  device_id: string;
  store_id: string;
  device_name: string | null;
  paired_at: string;
  revoked_at: string | null;
}

export interface DeviceStore {
  createPairingCode(record: { codeHash: string; storeId: string; createdAt: string; expiresAt: string }): Promise<void>;
  /**
   * Marks an unused, unexpired code as used and registers the device, both or neither.
   * Returns the code's store, or null when the code is unknown, used or expired.
   */
  redeemPairingCode(request: {
    codeHash: string;
    now: string;
    deviceId: string;
    tokenHash: string;
    deviceName: string | null;
  }): Promise<{ storeId: string } | null>;
  findDeviceByTokenHash(tokenHash: string): Promise<DeviceRecord | null>;
  /** Revokes a device's token for good; the device must pair again. */
  revokeDevice(deviceId: string, now: string): Promise<'revoked' | 'already_revoked' | 'not_found'>;
  /** Lists paired devices, of one store when `storeId` is given, in pairing order. */
  listDevices(storeId: string | null): Promise<DeviceSummary[]>;
  /** Tells whether a device with this id was ever paired, revoked or not. */
  hasDevice(deviceId: string): Promise<boolean>;
}

/** One administrative change, as the audit log keeps it. It never contains a token or pairing code. */
export interface AuditEntry {
  at: string;
  /** Who made the change: `admin`, the holder of the admin token. */
  actor: string;
  /** What was done, e.g. `products.import` or `device.revoke`. */
  action: string;
  /** What it was done to: a store, product or device id; null for server-wide changes. */
  target: string | null;
  details: Record<string, unknown>;
}

export interface AuditStore {
  record(entry: AuditEntry): Promise<void>;
  /** Lists entries newest first, those before `beforeId` when given. */
  list(query: { limit: number; beforeId?: number }): Promise<Array<AuditEntry & { id: number }>>;
}

export interface SettingsStore {
  getAdminTokenHash(): Promise<string | null>;
  setAdminTokenHash(tokenHash: string): Promise<void>;
}

/** A conflict flagged on an order line for review. */
export interface OrderConflict {
  line_id: string;
  product_id: string;
  serial_number?: string;
  reason: 'duplicate_serial' | 'serial_format' | 'unknown_product';
  detail: string;
}

/** The stored data that decides an order's conflicts, read inside the order's transaction. */
export interface OrderFacts {
  knownProductIds: ReadonlySet<string>;
  /** Earlier sales or picks, keyed by `serialKey(product_id, serial_number)`. */
  serialOwners: ReadonlyMap<string, SerialOwner>;
}

export type RecordOrderResult =
  | { outcome: 'created' | 'resent'; conflicts: OrderConflict[] }
  | { outcome: 'content_mismatch' };

/** The row that a page of a newest-first list starts after: its time and id. */
export interface ListPosition {
  at: string;
  id: string;
}

/** Filters of the admin's order list. `from` is included and `to` excluded; both compare with `received_at`. */
export interface OrderListQuery {
  storeId?: string;
  deviceId?: string;
  from?: string;
  to?: string;
  after?: ListPosition;
  limit: number;
}

/** An order as the admin's list shows it, without its lines. */
export interface OrderSummary {
  order_id: string;
  store_id: string;
  device_id: string;
  /** The device's clock when the sale was completed. */
  created_at: string;
  /** The server's clock when the order was first delivered. */
  received_at: string;
  fulfillment_type: string;
  line_count: number;
  /** Lines that carry a serial number; each such line is one unit. */
  serial_count: number;
  /** Conflicts flagged on the order, resolved ones included. */
  conflict_count: number;
}

/** A stored order: the content as the device sent it, with who sent it and when it arrived. */
export interface StoredOrder {
  order: Order;
  deviceId: string;
  receivedAt: string;
}

export interface OrderStore {
  /**
   * Stores an order, its lines, serials and conflicts in one transaction. A stored order
   * with the same `contentJson` is a resend and returns its recorded conflicts.
   */
  recordOrder(request: {
    order: Order;
    deviceId: string;
    contentJson: string;
    receivedAt: string;
    findConflicts: (facts: OrderFacts) => OrderConflict[];
  }): Promise<RecordOrderResult>;
  /** Lists orders newest received first, then by order id from the highest, at most `limit`. */
  listOrders(query: OrderListQuery): Promise<OrderSummary[]>;
  findOrder(orderId: string): Promise<StoredOrder | null>;
}

/** The whole storage: one object per record kind, plus health and shutdown. */
export interface Storage {
  /** Location of the data for messages: a file path for SQLite. */
  readonly location: string;
  readonly products: ProductStore;
  readonly config: ConfigStore;
  readonly devices: DeviceStore;
  readonly settings: SettingsStore;
  readonly orders: OrderStore;
  readonly pickLists: PickListStore;
  /** Serials recorded by sales and picks, across both kinds. */
  readonly serials: SerialStore;
  /** Flagged conflicts of sales and picks, for review and resolution. */
  readonly conflicts: ConflictStore;
  readonly audit: AuditStore;
  /** The registered stores, which admin routes check store ids against. */
  readonly stores: StoreRegistry;
  /** Resolves when the database responds to a query, and rejects otherwise. */
  checkHealth(): Promise<void>;
  close(): Promise<void>;
}

/** Builds an unambiguous map key for a product's serial. */
export function serialKey(productId: string, serialNumber: string): string {
  return JSON.stringify([productId, serialNumber]);
}

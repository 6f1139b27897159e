// Records shared by the device and the server. Field names follow the NewStore platform
// API (product import, Associate App configuration, sales orders) so that an adapter to
// that platform stays thin.

/** One typed or scanned id of a product other than its `product_id`. */
export interface ExternalIdentifier {
  /** `sku`, `ean13`, `ean8`, `upca`, `upce`, `gtin14`, or a retailer's own type. */
  type: string;
  value: string;
}

/** A catalog item as imported and as cached on the device. */
export interface Product {
  /** At most 255 characters, never containing `=` or `%`. */
  product_id: string;
  title?: string;
  brand?: string;
  /** True when every physical unit carries its own serial number. */
  serialized_inventory: boolean;
  external_identifiers: ExternalIdentifier[];
}

/** Whether the customer takes a cart line now or has it shipped. */
export type Fulfillment = 'IN_STORE_HANDOVER' | 'SHIPPING';

/** The Associate App configuration document, replaced whole on every update. */
export interface AppConfig {
  capabilities?: {
    serialized_inventory?: {
      serial_number_regex?: string;
    };
  };
}

/** Where the configuration in force came from: a store's own, the global one, or none set. */
export type ConfigSource = 'store' | 'global' | 'none';

/** The configuration a device works with, as the server resolved it for the device's store. */
export interface ConfigInForce {
  config: AppConfig;
  source: ConfigSource;
  store_id: string;
  /** Opaque version, equal to the ETag the server sent without quotes. */
  version: string;
}

/** One line of a completed sale. Serialized products have one line per unit (quantity 1). */
export interface OrderLine {
  line_id: string;
  product_id: string;
  quantity: number;
  fulfillment: Fulfillment;
  /** Present exactly when the line is a serialized unit handed over in the store. */
  serial_number?: string;
}

/**
 * `in_store_purchase` when every line is handed over now; `with_shipping` (this product's
 * own value) when at least one line is shipped.
 */
export type OrderFulfillmentType = 'in_store_purchase' | 'with_shipping';

/** A completed checkout as the device stores it and sends it to the server. */
export interface Order {
  /** Made on the device (a UUID), so that a resend never creates a second order. */
  order_id: string;
  store_id: string;
  /** ISO 8601 time on the device's clock when the sale was completed. */
  created_at: string;
  fulfillment_type: OrderFulfillmentType;
  lines: OrderLine[];
}

/** One line of a pick list: a product and how many units of it to pick. */
export interface PickListItem {
  line_id: string;
  product_id: string;
  quantity: number;
}

/** A customer order routed to a store for fulfillment, as the store's devices download it. */
export interface PickList {
  /** For example `PL-0001`. */
  id: string;
  /** The customer order routed to the store. */
  order_id: string;
  store_id: string;
  status: 'open' | 'completed';
  items: PickListItem[];
  /** ISO 8601 time when the server received the pick list. */
  created_at: string;
}

/** One picked unit. A unit of a serialized product carries its serial. */
export interface PickedUnit {
  line_id: string;
  product_id: string;
  serial_number?: string;
}

/** A completed pick as the device stores it and sends it to the server. */
export interface PickCompletion {
  pick_list_id: string;
  /** ISO 8601 time on the device's clock when the pick was completed. */
  completed_at: string;
  /** One entry per picked unit, with exactly `quantity` units for each line. */
  units: PickedUnit[];
}

// Prepares a running server for the ingest bench through its public API, as an
// administrator and store tablets would: the serial format, a catalog with serialized
// products, and devices paired with pairing codes.
import { createJsonClient, type JsonClient } from './bench-server-http.ts';

/** The serial format the bench sets; every serial the devices send matches it. */
export const BENCH_SERIAL_PATTERN = '^[A-Z0-9]{14}$';

export interface BenchLayout {
  stores: number;
  devices: number;
  /** Products in the catalog; the even-numbered ones are serialized. */
  products: number;
}

/** A paired device with its own keep-alive client. */
export interface PairedDevice {
  index: number;
  storeId: string;
  token: string;
  client: JsonClient;
}

export interface PreparedServer {
  devices: PairedDevice[];
  serializedProductIds: string[];
  plainProductIds: string[];
}

export function benchStoreId(storeIndex: number): string {
  return `bench-store-${String(storeIndex).padStart(3, '0')}`;
}

/**
 * Sets the serial format, imports the catalog and pairs `layout.devices` devices, spread
 * over the stores in turn. A store's devices pair from a loopback address of their own
 * (127.0.0.2 for the first store), because the server limits pairing per client address.
 */
export async function prepareServer(baseUrl: string, adminToken: string, layout: BenchLayout): Promise<PreparedServer> {
  const admin = createJsonClient(baseUrl, '127.0.0.1');
  try {
    const config = await admin.put('/api/v1/app-config', { capabilities: { serialized_inventory: { serial_number_regex: BENCH_SERIAL_PATTERN } } }, adminToken);
    expectStatus(config, 200, 'PUT /api/v1/app-config');

    const items = Array.from({ length: layout.products }, (_, index) => ({
      product_id: productId(index),
      title: `Bench product ${index}`,
      serialized_inventory: index % 2 === 0,
      external_identifiers: [{ type: 'sku', value: `BSKU-${index}` }],
    }));
    const imported = await admin.post('/api/v1/imports/products', { head: { catalog: 'bench', locale: 'en-US' }, items }, adminToken);
    expectStatus(imported, 200, 'POST /api/v1/imports/products');
    if (imported.body.imported !== layout.products) {
      throw new Error(`The catalog import stored ${imported.body.imported} of ${layout.products} products: ${JSON.stringify(imported.body.rejected).slice(0, 500)}`);
    }

    // The server issues pairing codes only for registered stores.
    for (let storeIndex = 0; storeIndex < layout.stores; storeIndex += 1) {
      const registered = await admin.put(`/api/v1/stores/${benchStoreId(storeIndex)}`, {}, adminToken);
      expectStatus(registered, 201, 'PUT /api/v1/stores/{store_id}');
    }

    const devices: PairedDevice[] = [];
    for (let index = 0; index < layout.devices; index += 1) {
      const storeIndex = index % layout.stores;
      const storeId = benchStoreId(storeIndex);
      const issued = await admin.post('/api/v1/pairing-codes', { store_id: storeId }, adminToken);
      expectStatus(issued, 201, 'POST /api/v1/pairing-codes');

      const client = createJsonClient(baseUrl, `127.0.0.${2 + storeIndex}`);
      const paired = await client.post('/api/v1/pairing', { code: issued.body.code, device_name: `Bench till ${index}` });
      expectStatus(paired, 201, 'POST /api/v1/pairing');
      devices.push({ index, storeId, token: paired.body.device_token, client });
    }

    const ids = items.map((item) => item.product_id);
    return {
      devices,
      serializedProductIds: ids.filter((_, index) => index % 2 === 0),
      plainProductIds: ids.filter((_, index) => index % 2 === 1),
    };
  } finally {
    admin.close();
  }
}

function productId(index: number): string {
  return `BENCH-P${String(index).padStart(5, '0')}`;
}

function expectStatus(reply: { status: number; body: unknown }, status: number, call: string): void {
  if (reply.status === status) return;
  throw new Error(`${call} replied ${reply.status} instead of ${status}: ${JSON.stringify(reply.body).slice(0, 500)}`);
}

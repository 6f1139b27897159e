import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { callApi, readFixture } from './server-fixture.ts';

const HEAD = { catalog: 'storefront-catalog-en', locale: 'en-US' };

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

async function importItems(items: unknown[]) {
  return callApi(server, 'POST', '/api/v1/imports/products', { token: server.adminToken, body: { head: HEAD, items } });
}

describe('POST /api/v1/imports/products with rows to reject', () => {
  let reply: Awaited<ReturnType<typeof importItems>>;
  const reasonAt = (index: number): string =>
    reply.body.rejected.find((row: { index: number }) => row.index === index)?.reason ?? '';

  beforeAll(async () => {
    const file = await readFixture('catalog/rows-to-reject.json');
    reply = await callApi(server, 'POST', '/api/v1/imports/products', { token: server.adminToken, body: file });
  });

  it('replies 200', () => {
    expect(reply.status).toBe(200);
  });

  it('imports the two valid rows', () => {
    expect(reply.body.imported).toBe(2);
  });

  it('rejects rows 1 to 5 in order', () => {
    expect(reply.body.rejected.map((row: { index: number }) => row.index)).toEqual([1, 2, 3, 4, 5]);
  });

  it('names each rejected product_id', () => {
    expect(reply.body.rejected.map((row: { product_id: string }) => row.product_id)).toEqual([
      '',
      '20=02',
      '2003',
      '2004',
      '2005',
    ]);
  });

  it('explains the empty product_id', () => {
    expect(reasonAt(1)).toContain('product_id is empty');
  });

  it('explains the = in the id', () => {
    expect(reasonAt(2)).toContain('"20=02" contains "="');
  });

  it('explains the non-boolean flag', () => {
    expect(reasonAt(3)).toContain('serialized_inventory "yes" is not a boolean');
  });

  it('names the identifier owner', () => {
    expect(reasonAt(4)).toContain('ean13 "9506000020013" already belongs to product 2001');
  });

  it('explains the identifier without value', () => {
    expect(reasonAt(5)).toContain('external_identifiers[0] (type ean13) has no value');
  });

  it('stores 2001 and 2006 only', async () => {
    const device = await server.createPairingCode('store-001');
    const paired = await callApi(server, 'POST', '/api/v1/pairing', { body: { code: device } });
    const changes = await callApi(server, 'GET', '/api/v1/catalog/changes', { token: paired.body.device_token });
    const ids = changes.body.items.map((item: { product: { product_id: string } }) => item.product.product_id);

    expect(ids).toEqual(['2001', '2006']);
  });

  it('defaults serialized_inventory to false', async () => {
    const paired = await callApi(server, 'POST', '/api/v1/pairing', {
      body: { code: await server.createPairingCode('store-001') },
    });
    const changes = await callApi(server, 'GET', '/api/v1/catalog/changes', { token: paired.body.device_token });
    const plain = changes.body.items.find((item: { product: { product_id: string } }) => item.product.product_id === '2006');

    expect(plain.product.serialized_inventory).toBe(false);
  });
});

describe('POST /api/v1/imports/products identifier rules', () => {
  it('treats a re-import as an update', async () => {
    const row = { product_id: '3001', serialized_inventory: true, external_identifiers: [{ type: 'ean13', value: '9506000030012' }] };
    const first = await importItems([row]);
    const second = await importItems([{ ...row, title: 'Renamed' }]);

    expect(first.body).toEqual({ imported: 1, rejected: [] });
    expect(second.body).toEqual({ imported: 1, rejected: [] });
  });

  it('compares GTINs in 14-digit form', async () => {
    await importItems([{ product_id: '3101', external_identifiers: [{ type: 'upca', value: '614141031016' }] }]);
    const reply = await importItems([{ product_id: '3102', external_identifiers: [{ type: 'ean13', value: '0614141031016' }] }]);

    expect(reply.body.imported).toBe(0);
    expect(reply.body.rejected[0].reason).toContain('already belongs to product 3101');
  });

  it('rejects a clash with an earlier row', async () => {
    const reply = await importItems([
      { product_id: '3201', external_identifiers: [{ type: 'sku', value: 'SKU-3201' }] },
      { product_id: '3202', external_identifiers: [{ type: 'sku', value: 'SKU-3201' }] },
    ]);

    expect(reply.body.imported).toBe(1);
    expect(reply.body.rejected[0].index).toBe(1);
  });

  it('frees identifiers of a deleted product', async () => {
    await importItems([{ product_id: '3301', external_identifiers: [{ type: 'sku', value: 'SKU-3301' }] }]);
    const deleted = await callApi(server, 'DELETE', '/api/v1/products/3301', { token: server.adminToken });
    const reply = await importItems([{ product_id: '3302', external_identifiers: [{ type: 'sku', value: 'SKU-3301' }] }]);

    expect(deleted.status).toBe(204);
    expect(reply.body.imported).toBe(1);
  });

  it('keeps unknown fields of a row', async () => {
    await importItems([{ product_id: '3401', external_identifiers: [], color: 'blue' }]);
    const paired = await callApi(server, 'POST', '/api/v1/pairing', {
      body: { code: await server.createPairingCode('store-001') },
    });
    const changes = await callApi(server, 'GET', '/api/v1/catalog/changes?limit=5000', { token: paired.body.device_token });
    const row = changes.body.items.find((item: { product?: { product_id: string } }) => item.product?.product_id === '3401');

    expect(row.product.color).toBe('blue');
  });

  const badRows: Array<[string, unknown, string]> = [
    ['row not an object', 'text', 'not an object'],
    ['missing product_id', { external_identifiers: [] }, 'product_id is missing'],
    ['numeric product_id', { product_id: 7, external_identifiers: [] }, 'product_id 7 is not a string'],
    ['product_id over 255', { product_id: 'x'.repeat(256), external_identifiers: [] }, 'more than the maximum of 255'],
    ['% in product_id', { product_id: 'a%b', external_identifiers: [] }, 'contains "%"'],
    ['identifiers not a list', { product_id: 'p1', external_identifiers: 'x' }, 'is not an array'],
    ['identifier without type', { product_id: 'p2', external_identifiers: [{ value: '1' }] }, '.type is missing'],
    ['empty identifier value', { product_id: 'p3', external_identifiers: [{ type: 'sku', value: '' }] }, '.value "" (type sku)'],
    ['numeric title', { product_id: 'p4', title: 5, external_identifiers: [] }, 'title 5 is not a string'],
  ];

  for (const [name, row, expected] of badRows) {
    it(`rejects ${name}`, async () => {
      const reply = await importItems([row]);

      expect(reply.body.imported).toBe(0);
      expect(reply.body.rejected[0].reason).toContain(expected);
    });
  }
});

describe('DELETE /api/v1/products/:product_id', () => {
  it('replies 404 for an unknown product', async () => {
    const reply = await callApi(server, 'DELETE', '/api/v1/products/no-such-product', { token: server.adminToken });

    expect(reply.status).toBe(404);
    expect(reply.body.code).toBe('product_not_found');
  });

  it('replies 204 again for a deleted product', async () => {
    await importItems([{ product_id: '3501', external_identifiers: [] }]);
    await callApi(server, 'DELETE', '/api/v1/products/3501', { token: server.adminToken });
    const again = await callApi(server, 'DELETE', '/api/v1/products/3501', { token: server.adminToken });

    expect(again.status).toBe(204);
  });
});

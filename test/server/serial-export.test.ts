import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERIAL_EXPORT_COLUMNS } from '../../server/routes/export-routes.ts';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { createPickList, defaultUnits, makeCompletion, makePickList, sendCompletion } from './pick-list-fixture.ts';
import { callApi, expectProblem, makeOrder, pairDevice, serialLine } from './server-fixture.ts';

const WHOLE_RANGE = 'from=2000-01-01&to=2100-01-01';

let server: TestServer;
let store1Token: string;

beforeAll(async () => {
  server = await startTestServer({ seedDemo: true });
  store1Token = (await pairDevice(server, 'store-001')).token;
  const store2Token = (await pairDevice(server, 'store-002')).token;
  const send = async (token: string, order: ReturnType<typeof makeOrder>) => {
    const reply = await callApi(server, 'POST', '/api/v1/orders', { token, body: order });
    if (reply.status !== 201) throw new Error(`Order ${order.order_id} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  };

  await send(store1Token, makeOrder('exp-1', 'store-001', [serialLine('L1', '1001', 'EXPORTSERIAL01')]));
  // Cells a spreadsheet would run as formulas, and cells that need RFC 4180 quoting.
  await send(store1Token, makeOrder('exp-2', 'store-001', [
    serialLine('=HYPERLINK("http://example.invalid")', '1001', '+EXPORTSERIAL2'),
    serialLine('line, with "quotes"', '1001', '@EXPORTSERIAL3'),
    serialLine('-L3', '1001', 'EXPORT\nSERIAL4'),
  ]));
  await send(store2Token, makeOrder('exp-3', 'store-002', [serialLine('L1', '1002', 'EXPORTSERIAL05')]));
  await createPickList(server, makePickList('PL-EXPORT', 'store-001'));
  const picked = await sendCompletion(server, store1Token, makeCompletion('PL-EXPORT', defaultUnits('EXPORTSERIAL06')));
  if (picked.status !== 201) throw new Error(`Pick failed: ${picked.status} ${JSON.stringify(picked.body)}`);
});

afterAll(async () => {
  await server.close();
});

async function exportCsv(query: string, token = server.adminToken) {
  return callApi(server, 'GET', `/api/v1/exports/serials.csv?${query}`, { token });
}

/** Splits CSV text into rows of cells, following RFC 4180 quoting. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        cell += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      index += 1;
    } else {
      cell += char;
    }
  }
  return rows;
}

function column(rows: string[][], name: (typeof SERIAL_EXPORT_COLUMNS)[number]): string[] {
  const index = SERIAL_EXPORT_COLUMNS.indexOf(name);
  return rows.slice(1).map((row) => row[index] ?? '');
}

describe('GET /api/v1/exports/serials.csv', () => {
  it('sends CSV as an attachment', async () => {
    const reply = await exportCsv(WHOLE_RANGE);

    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(reply.headers.get('content-disposition')).toMatch(/^attachment; filename="serials_[A-Za-z0-9_-]+\.csv"$/);
  });

  it('starts with a header row', async () => {
    const rows = parseCsv((await exportCsv(WHOLE_RANGE)).body);

    expect(rows[0]).toEqual([...SERIAL_EXPORT_COLUMNS]);
  });

  it('lists the serials of sales and picks in the order they arrived', async () => {
    const rows = parseCsv((await exportCsv(WHOLE_RANGE)).body);

    expect(column(rows, 'serial_number')).toEqual([
      'EXPORTSERIAL01',
      "'+EXPORTSERIAL2",
      "'@EXPORTSERIAL3",
      'EXPORT\nSERIAL4',
      'EXPORTSERIAL05',
      'EXPORTSERIAL06',
    ]);
    expect(column(rows, 'kind')).toEqual(['sale', 'sale', 'sale', 'sale', 'sale', 'pick']);
  });

  it('describes each capture', async () => {
    const rows = parseCsv((await exportCsv(WHOLE_RANGE)).body);
    const pick = rows.at(-1) ?? [];
    const sale = rows[1] ?? [];

    expect(sale.slice(1)).toEqual(['2025-03-01T10:15:00.000Z', 'store-001', 'sale', 'exp-1', '', 'L1', '1001', 'EXPORTSERIAL01']);
    expect(pick.slice(1)).toEqual(['2025-03-02T09:30:00.000Z', 'store-001', 'pick', '', 'PL-EXPORT', 'L1', '1001', 'EXPORTSERIAL06']);
    expect(Date.parse(sale[0] ?? '')).not.toBeNaN();
  });

  it('prefixes cells that start with = + - @ with a single quote', async () => {
    const rows = parseCsv((await exportCsv(WHOLE_RANGE)).body);

    expect(column(rows, 'line_id')).toContain('\'=HYPERLINK("http://example.invalid")');
    expect(column(rows, 'line_id')).toContain("'-L3");
    expect(rows.slice(1).every((row) => row.every((cell) => !/^[=+\-@]/.test(cell)))).toBe(true);
  });

  it('quotes cells with commas, quotes and line breaks', async () => {
    const text: string = (await exportCsv(WHOLE_RANGE)).body;

    expect(text).toContain(',"line, with ""quotes""",');
    expect(text).toContain(',"EXPORT\nSERIAL4"\r\n');
    expect(text).toContain(',"\'=HYPERLINK(""http://example.invalid"")",');
  });

  it('filters by store', async () => {
    const rows = parseCsv((await exportCsv(`${WHOLE_RANGE}&store=store-002`)).body);

    expect(column(rows, 'serial_number')).toEqual(['EXPORTSERIAL05']);
  });

  it('includes from and excludes to', async () => {
    const all = parseCsv((await exportCsv(WHOLE_RANGE)).body);
    const pickReceivedAt = column(all, 'received_at').at(-1) ?? '';
    const before = parseCsv((await exportCsv(`from=2000-01-01&to=${pickReceivedAt}`)).body);
    const after = parseCsv((await exportCsv(`from=${pickReceivedAt}&to=2100-01-01`)).body);

    expect(column(before, 'serial_number')).not.toContain('EXPORTSERIAL06');
    expect(column(after, 'serial_number')).toContain('EXPORTSERIAL06');
    expect(column(after, 'serial_number')).not.toContain('EXPORTSERIAL01');
  });

  it('sends only the header row for a range without captures', async () => {
    const reply = await exportCsv('from=2001-01-01&to=2001-02-01');

    expect(reply.body).toBe(`${SERIAL_EXPORT_COLUMNS.join(',')}\r\n`);
  });

  it('accepts dates and times with a zone offset', async () => {
    const rows = parseCsv((await exportCsv('from=1999-12-31T23:00:00-01:00&to=2100-01-01T00:00:00.000Z')).body);

    expect(rows).toHaveLength(7);
  });

  for (const [query, value] of [
    ['from=2025-13-01&to=2025-04-01', '2025-13-01'],
    ['from=2025-02-29&to=2025-04-01', '2025-02-29'],
    ['from=yesterday&to=2025-04-01', 'yesterday'],
    ['from=2025-03-01&to=2025-03-01T25:00:00Z', '2025-03-01T25:00:00Z'],
    ['from=2025-03-01&to=2025-03-01T10:00:00', '2025-03-01T10:00:00'],
  ]) {
    it(`rejects ${value} naming the value`, async () => {
      const reply = await exportCsv(query ?? '');

      expectProblem(reply, 400);
      expect(reply.body.code).toBe('invalid_date');
      expect(reply.body.detail).toContain(value);
    });
  }

  it('rejects a range whose end is not after its start', async () => {
    const reply = await exportCsv('from=2025-04-01&to=2025-03-01');

    expectProblem(reply, 400);
    expect(reply.body.code).toBe('invalid_date_range');
  });

  it('requires from and to', async () => {
    const reply = await exportCsv('from=2025-04-01');

    expectProblem(reply, 400);
    expect(reply.body.errors[0].path).toBe('/to');
  });

  it('refuses a device token with 403', async () => {
    const reply = await exportCsv(WHOLE_RANGE, store1Token);

    expectProblem(reply, 403);
    expect(reply.body.code).toBe('admin_only');
  });

  it('refuses a request without a token with 401', async () => {
    const reply = await callApi(server, 'GET', `/api/v1/exports/serials.csv?${WHOLE_RANGE}`);

    expectProblem(reply, 401);
  });
});

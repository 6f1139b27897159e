import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { formatCsvRow } from '../csv-row.ts';
import { DATE_TEXT_SCHEMA, parseDateRange } from '../export-date.ts';
import type { ExportedCapture } from '../storage/serial-store.ts';
import { assertKnownStore } from '../stores/assert-known-store.ts';
import { STORE_ID_SCHEMA, type RouteContext } from './route-context.ts';

export const SERIAL_EXPORT_COLUMNS = [
  'received_at',
  'captured_at',
  'store_id',
  'kind',
  'order_id',
  'pick_list_id',
  'line_id',
  'product_id',
  'serial_number',
] as const;

interface ExportQuery {
  from: string;
  to: string;
  store?: string;
}

/** Registers `GET /api/v1/exports/serials.csv` (admin): the captured serials of a date range, streamed as CSV. */
export function registerExportRoutes(app: FastifyInstance, { storage, auth }: RouteContext): void {
  app.get<{ Querystring: ExportQuery }>(
    '/api/v1/exports/serials.csv',
    {
      onRequest: auth.admin,
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['from', 'to'],
          properties: {
            from: DATE_TEXT_SCHEMA,
            to: DATE_TEXT_SCHEMA,
            store: STORE_ID_SCHEMA,
          },
        },
      },
    },
    async (request, reply) => {
      // The schema requires both bounds, so both are set.
      const { from, to } = parseDateRange(request.query.from, request.query.to) as { from: string; to: string };
      const store = request.query.store;
      if (store !== undefined) await assertKnownStore(storage, store, '/store');
      const batches = storage.serials.exportCaptures({ from, to, ...(store === undefined ? {} : { storeId: store }) });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${exportFileName(from, to, store)}"`)
        .send(Readable.from(writeCsv(batches)));
    },
  );
}

// The first batch is read before anything is written: Fastify sends the headers with the
// first chunk, so a database that fails at the start still gets a 500 problem reply.
// A failure later can only cut the reply short, and Fastify logs it.
async function* writeCsv(batches: AsyncIterable<ExportedCapture[]>): AsyncGenerator<string> {
  const iterator = batches[Symbol.asyncIterator]();
  try {
    let next = await iterator.next();
    let text = formatCsvRow(SERIAL_EXPORT_COLUMNS);
    while (next.done !== true) {
      text += next.value.map(formatCapture).join('');
      yield text;
      next = await iterator.next();
      text = '';
    }
    if (text !== '') yield text;
  } finally {
    await iterator.return?.();
  }
}

function formatCapture(capture: ExportedCapture): string {
  return formatCsvRow([
    capture.received_at,
    capture.captured_at,
    capture.store_id,
    capture.kind,
    capture.kind === 'sale' ? capture.order_id : null,
    capture.kind === 'pick' ? capture.pick_list_id : null,
    capture.line_id,
    capture.product_id,
    capture.serial_number,
  ]);
}

/** Names the file by its range and store, with characters that every file system and header accepts. */
function exportFileName(from: string, to: string, store: string | undefined): string {
  const safe = (text: string) => text.replace(/[^A-Za-z0-9_-]+/g, '-');
  const range = `${safe(from.replace(/\.000Z$/, 'Z'))}_${safe(to.replace(/\.000Z$/, 'Z'))}`;
  return store === undefined ? `serials_${range}.csv` : `serials_${safe(store)}_${range}.csv`;
}

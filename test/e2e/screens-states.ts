// Steps that put the app into the states the accessibility test checks: a sale the
// server rejects, and a new version of the app waiting to take over.

import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TestServer } from '../../server/test-server.ts';
import type { Order } from '../../src/domain/types.ts';

/** Reads the sales waiting in the device's outbox, oldest first. */
export function readOutboxOrders(page: Page): Promise<Order[]> {
  return page.evaluate(
    () =>
      new Promise<Order[]>((resolve, reject) => {
        const opening = indexedDB.open('serial-capture');
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const db = opening.result;
          const reading = db.transaction('outbox').objectStore('outbox').getAll();
          reading.onsuccess = () => {
            const entries = reading.result as Array<{ kind: string; payload: Order }>;
            resolve(entries.filter((entry) => entry.kind === 'order').map((entry) => entry.payload));
            db.close();
          };
          reading.onerror = () => reject(reading.error);
        };
      }),
  );
}

/**
 * Makes the server reject `order` when the device sends it: a second device of the same
 * store sends the same `order_id` first, with `otherSerial` on its first line. The server
 * then replies to the device's copy with 409 `order_id_conflict`, because a resend must be
 * identical.
 */
export async function sendConflictingCopy(server: TestServer, order: Order, otherSerial: string): Promise<void> {
  const code = await server.createPairingCode(order.store_id);
  const pairing = await fetch(`${server.url}/api/v1/pairing`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, device_name: 'Second till' }),
  });
  expect(pairing.status).toBe(201);
  const { device_token: token } = (await pairing.json()) as { device_token: string };

  const [first, ...rest] = order.lines;
  if (first === undefined) throw new Error(`Order ${order.order_id} has no lines to alter.`);
  const copy: Order = { ...order, lines: [{ ...first, serial_number: otherSerial }, ...rest] };
  const sent = await fetch(`${server.url}/api/v1/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(copy),
  });
  expect(sent.status).toBe(201);
}

/**
 * Changes the service worker script in the served build, as a deployment of a new version
 * does, so that the browser's next update check installs it and leaves it waiting.
 */
export function publishNewServiceWorker(appDir: string): void {
  appendFileSync(join(appDir, 'sw.js'), `\n// New version published at ${new Date().toISOString()}\n`);
}

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../server/test-server.ts';
import { openAppUnderTest, type AppUnderTest } from './app-under-test.ts';
import { expectEverySaleOnceAndOutboxEmpty, outboxCount, pairThroughLink, sellLaptop } from './sale-steps.ts';

const SERIAL = 'REVOKED0000001';

async function revokeEveryDevice(server: TestServer): Promise<void> {
  const headers = { authorization: `Bearer ${server.adminToken}` };
  const listed = await fetch(`${server.url}/api/v1/devices`, { headers });
  const { items } = (await listed.json()) as { items: Array<{ device_id: string }> };
  for (const device of items) {
    const revoked = await fetch(`${server.url}/api/v1/devices/${device.device_id}`, { method: 'DELETE', headers });
    expect(revoked.ok, `revoking device ${device.device_id}`).toBe(true);
  }
}

// An admin revokes the device's token: the sale made afterwards stays on the device until
// the associate enters a new pairing code in Settings, and then reaches the server once.
describe('pairing again after a revoked token, in Chromium', () => {
  let app: AppUnderTest;
  let server: TestServer;
  let page: Page;

  beforeAll(async () => {
    app = await openAppUnderTest();
    ({ server, page } = app);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('keeps the sale while the token is refused', async () => {
    await pairThroughLink(page, server, server.url);
    await revokeEveryDevice(server);
    await sellLaptop(page, SERIAL);

    await page.goto(`${server.url}/#/settings`);
    await page.locator('#pairing-heading').waitFor();
    await expect.poll(() => page.locator('.panel .banner', { hasText: 'no longer accepts this device' }).count(), { timeout: 30_000 }).toBe(1);
    expect(await outboxCount(page)).toBe(1);
    expect(await server.countOrders()).toBe(0);
  });

  it('asks to pair again only once per screen', async () => {
    // Settings: the pairing panel requests a new code, so the sync problem does not repeat that request.
    expect(await page.locator('main').getByText(/accepts? this device/).count()).toBe(1);

    await page.goto(`${server.url}/#/sync`);
    await page.locator('[data-needs-pairing]').waitFor();
    expect(await page.locator('[data-needs-pairing]').textContent()).toContain('does not accept this device');
    expect(await page.locator('main').getByText(/accepts? this device/).count()).toBe(1);
    expect(await page.locator('[data-sync-error]').count()).toBe(0);

    // Checkout, where the associate works, shows why sales are not reaching the server.
    await page.goto(`${server.url}/#/checkout`);
    await page.locator('[data-token-rejected]').waitFor();
    expect(await page.locator('main').getByText(/accepts? this device/).count()).toBe(1);

    await page.goto(`${server.url}/#/settings`);
    await page.locator('#pairing-code').waitFor();
  });

  it('sends the sale once after a new code', async () => {
    const code = await server.createPairingCode('store-001');
    await page.locator('#pairing-code').fill(code);
    await page.getByRole('button', { name: 'Pair', exact: true }).click();

    await expectEverySaleOnceAndOutboxEmpty(page, server, [SERIAL]);
    expect(await page.locator('.panel .banner', { hasText: 'no longer accepts this device' }).count()).toBe(0);

    await page.goto(`${server.url}/#/checkout`);
    await page.locator('#scan-input').waitFor();
    expect(await page.locator('[data-token-rejected]').count()).toBe(0);
  });
});

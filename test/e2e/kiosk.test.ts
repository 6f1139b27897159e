import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../server/test-server.ts';
import { openAppUnderTest, type AppUnderTest } from './app-under-test.ts';
import { lastMessage, wedgeScan } from './page-actions.ts';
import { expectEverySaleOnceAndOutboxEmpty, LAPTOP_BARCODE, pairThroughLink } from './sale-steps.ts';
import { findSeriousAxeViolations } from './screens-axe.ts';

const ADMIN_PIN = '482913';
const SERIAL = 'KIOSK000000001';
/** SKU of the demo catalog's T-shirt, which needs no serial. */
const T_SHIRT_SKU = 'APP-1017';
// Long enough that a loaded machine does not pause this long between two keys of a scan,
// short enough to wait out in a test.
const TEST_IDLE_SECONDS = 10;
/** A demo pick list of store-001, opened by its deep link. */
const PICK_LIST_ID = 'PL-0001';

async function waitForMessage(page: Page, text: string): Promise<void> {
  await expect.poll(() => lastMessage(page)).toContain(text);
}

function settingsLinkCount(page: Page): Promise<number> {
  return page.locator('.app-header nav a[href="#/settings"]', { hasText: 'Settings' }).count();
}

function pickingLinkCount(page: Page): Promise<number> {
  return page.locator('.app-header nav a[href="#/picking"]').count();
}

describe('kiosk mode in Chromium', () => {
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

  it('needs a PIN before switching on', async () => {
    await pairThroughLink(page, server, server.url);
    await page.goto(`${server.url}/#/settings`);
    await page.locator('#kiosk-heading').waitFor();

    expect(await page.locator('#kiosk-switch-on').isDisabled()).toBe(true);
  });

  it('stores the PIN only as a hash', async () => {
    await page.locator('#kiosk-new-pin').fill(ADMIN_PIN);
    await page.locator('#kiosk-repeat-pin').fill(ADMIN_PIN);
    await page.locator('#kiosk-pin-form button[type="submit"]').click();
    await waitForMessage(page, 'Admin PIN set');

    const stored = await page.evaluate(() => localStorage.getItem('serial-capture.kiosk') ?? '');
    expect(stored).toContain('PBKDF2-SHA-256');
    expect(stored).not.toContain(ADMIN_PIN);
  });

  it('hides Picking, Settings and Sync once on', async () => {
    await page.locator('#kiosk-idle-seconds').fill(String(TEST_IDLE_SECONDS));
    await page.locator('#kiosk-on-pin').fill(ADMIN_PIN);
    await page.locator('#kiosk-switch-on').click();
    await waitForMessage(page, 'Kiosk mode is on');

    expect(await settingsLinkCount(page)).toBe(0);
    expect(await page.locator('.app-header nav a[href="#/sync"]').count()).toBe(0);
    expect(await pickingLinkCount(page)).toBe(0);
  });

  it('opens Checkout once on', async () => {
    await page.locator('#scan-input').waitFor();

    expect(await page.evaluate(() => location.hash)).toBe('#/checkout');
    expect(await page.locator('#kiosk-exit-heading').count()).toBe(0);
  });

  it('parks an idle cart with its serial', async () => {
    await wedgeScan(page, LAPTOP_BARCODE);
    await page.locator('.serial-prompt').waitFor();
    await wedgeScan(page, SERIAL);
    await page.locator('[data-serial]', { hasText: SERIAL }).waitFor();

    // No input from here: the idle timer parks the cart and clears the screen.
    await page.locator('.parked-cart').waitFor({ timeout: (TEST_IDLE_SECONDS + 30) * 1_000 });

    expect(await page.locator('.cart-line').count()).toBe(0);
    expect(await page.locator('.serial-prompt').count()).toBe(0);
    expect(await page.locator('.parked-cart-contents').textContent()).toContain(SERIAL);
    await waitForMessage(page, 'was parked');
  });

  it('keeps the parked cart after a reload', async () => {
    await page.reload();
    await page.locator('#checkout-heading').waitFor();

    await page.locator('.parked-cart').waitFor();
    expect(await page.locator('.parked-cart').count()).toBe(1);
    expect(await page.locator('.cart-line').count()).toBe(0);
    expect(await settingsLinkCount(page)).toBe(0);
    // Checked now, soon after the reload, so that the idle timer does not reset the screen meanwhile.
    expect(await findSeriousAxeViolations(page)).toEqual([]);
  });

  it('resumes the cart and sells it once', async () => {
    await wedgeScan(page, T_SHIRT_SKU);
    await page.locator('.cart-line').waitFor();

    await page.locator('.parked-cart button', { hasText: 'Resume' }).click();
    await page.locator('[data-product-id="1001"] [data-serial]', { hasText: SERIAL }).waitFor();

    // The T-shirt cart that was open is parked in its place.
    expect(await page.locator('.cart-line').count()).toBe(1);
    expect(await page.locator('.parked-cart').count()).toBe(1);
    expect(await page.locator('.parked-cart-contents').textContent()).toContain('no serials');

    await page.locator('#complete-sale').click();
    await page.locator('.cart-line').first().waitFor({ state: 'detached' });

    await expectEverySaleOnceAndOutboxEmpty(page, server, [SERIAL]);
  });

  it('discards a parked cart after confirming', async () => {
    await page.locator('.parked-cart button', { hasText: 'Discard' }).click();
    await page.locator('.parked-cart button', { hasText: 'Keep it' }).click();
    expect(await page.locator('.parked-cart').count()).toBe(1);

    // In kiosk mode the admin PIN is needed too, as a shopper may be at the device.
    await page.locator('.parked-cart button', { hasText: 'Discard' }).click();
    await page.locator('.parked-cart button', { hasText: 'Yes, discard' }).click();
    await waitForMessage(page, 'admin PIN is missing');
    expect(await page.locator('.parked-cart').count()).toBe(1);

    await page.locator('.parked-cart input[type="password"]').fill(ADMIN_PIN);
    await page.locator('.parked-cart button', { hasText: 'Yes, discard' }).click();

    await page.locator('.parked-cart').waitFor({ state: 'detached' });
    await waitForMessage(page, 'Parked cart discarded');
  });

  it('rejects a wrong PIN', async () => {
    await page.locator('#kiosk-staff-link').click();
    await page.locator('#kiosk-exit-pin').fill('000000');
    await page.locator('#kiosk-exit-form button[type="submit"]').click();
    await waitForMessage(page, 'admin PIN entered is wrong');

    expect(await settingsLinkCount(page)).toBe(0);
    expect(await page.locator('#kiosk-exit-heading').count()).toBe(1);
    expect(await findSeriousAxeViolations(page)).toEqual([]);
  });

  it('leaves with the right PIN', async () => {
    await page.locator('#kiosk-exit-pin').fill(ADMIN_PIN);
    await page.locator('#kiosk-exit-form button[type="submit"]').click();
    await waitForMessage(page, 'Kiosk mode is off');

    expect(await settingsLinkCount(page)).toBe(1);
    await page.locator('#settings-heading').waitFor();
  });

  it('switches on from the URL', async () => {
    await page.goto(`${server.url}/#/checkout?kiosk=1`);
    await page.locator('#checkout-heading').waitFor();

    await page.locator('#kiosk-staff-link').waitFor();
    expect(await settingsLinkCount(page)).toBe(0);
  });

  it('asks for the PIN at a pick list link', async () => {
    // As if typed into the address bar: first within the open page, then as a fresh load.
    await page.goto(`${server.url}/#/picking/${PICK_LIST_ID}`);
    await page.locator('#kiosk-exit-heading').waitFor();
    await page.reload();
    await page.locator('#kiosk-exit-heading').waitFor();

    expect(await page.locator('#picking-heading').count()).toBe(0);
    expect(await pickingLinkCount(page)).toBe(0);
  });

  it('keeps the pick list closed on a wrong PIN', async () => {
    await page.locator('#kiosk-exit-pin').fill('000000');
    await page.locator('#kiosk-exit-form button[type="submit"]').click();
    await waitForMessage(page, 'admin PIN entered is wrong');

    expect(await page.locator('#kiosk-exit-heading').count()).toBe(1);
    expect(await page.locator('#picking-heading').count()).toBe(0);
    expect(await pickingLinkCount(page)).toBe(0);
  });

  it('opens the pick list with the right PIN', async () => {
    await page.locator('#kiosk-exit-pin').fill(ADMIN_PIN);
    await page.locator('#kiosk-exit-form button[type="submit"]').click();
    await waitForMessage(page, 'Kiosk mode is off');

    await page.locator('#picking-heading', { hasText: `Pick list ${PICK_LIST_ID}` }).waitFor();
    await page.locator('[data-pick-status]').waitFor();
    expect(await page.locator('#kiosk-exit-heading').count()).toBe(0);
    expect(await pickingLinkCount(page)).toBe(1);
    expect(new URL(page.url()).hash).toBe(`#/picking/${PICK_LIST_ID}`);
  });
});

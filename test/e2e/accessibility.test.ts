import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test-server.ts';
import { launchChromium } from './chromium.ts';
import { lastMessage, sellWithSerial, wedgeScan } from './page-actions.ts';
import { auditScreen, openScreenshotFolder } from './screens-audit.ts';
import { findLiveRegion } from './screens-keyboard.ts';
import { startPairingGate, type PairingGate } from './screens-pairing-gate.ts';
import { publishNewServiceWorker, readOutboxOrders, sendConflictingCopy } from './screens-states.ts';

const LAPTOP = '9506000010014'; // product 1001, serialized
const TOTE_BAG = '614141020218'; // product 1021, plain, two of them on pick list PL-0001
const SOLD_SERIAL = 'A11YSALE000001';
const REJECTED_SERIAL = 'A11YSALE000002';
const FLAGGED_SERIAL = 'A11YSALE000003';
const PENDING_SERIAL = 'A11YSALE000004';
const PARKED_SERIAL = 'A11YSALE000005';
const ADMIN_PIN = '582046';
// Short enough to wait out once; long enough that a loaded machine never pauses this long
// between two keys of a scan.
const PARKING_IDLE_SECONDS = 10;
// Long enough that no idle reset comes during the audits, which make no input.
const AUDIT_IDLE_SECONDS = 3600;

// Every screen in the states an associate sees, checked at four viewports; see auditScreen.
describe('accessibility of every screen in Chromium', () => {
  let appDir: string;
  let server: TestServer;
  let gate: PairingGate;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  let cdp: CDPSession;
  let origin: string;
  let screenshots: string;

  beforeAll(async () => {
    // A copy of the build, because the last test publishes a changed service worker into it.
    appDir = mkdtempSync(join(tmpdir(), 'serial-capture-a11y-app-'));
    cpSync(inject('appDir'), appDir, { recursive: true });
    server = await startTestServer({ staticDir: appDir, seedDemo: true });
    gate = await startPairingGate(server.url);
    origin = gate.url;
    // The fake camera lets the scanner open; its frames hold no barcode.
    browser = await launchChromium(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']);
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(15_000);
    // An uncaught error in the app explains a screen that never renders its heading.
    page.on('pageerror', (error) => console.error('Uncaught error in the app:', error));
    cdp = await browser.context.newCDPSession(page);
    screenshots = openScreenshotFolder();
  });

  afterAll(async () => {
    await cdp?.detach();
    await browser?.close();
    await gate?.close();
    await server?.close();
    if (appDir !== undefined) rmSync(appDir, { recursive: true, force: true });
    if (screenshots !== undefined && process.env.SCREENSHOTS_DIR === undefined) rmSync(screenshots, { recursive: true, force: true });
  });

  it('unpaired checkout and settings', async () => {
    await page.goto(`${origin}/#/checkout`);
    // The message bar is a live region from the start, so that later messages are announced.
    expect(await findLiveRegion(page, '.message-bar')).toMatch(/aria-live=polite/);
    await auditScreen(page, cdp, { name: 'checkout-unpaired', heading: 'Checkout' }, screenshots);

    await page.goto(`${origin}/#/settings`);
    await auditScreen(page, cdp, { name: 'settings-unpaired', heading: 'Settings' }, screenshots);
  });

  it('pairing screen during pairing', async () => {
    gate.hold();
    const code = await server.createPairingCode('store-001');
    await page.goto(`${origin}/#/pair?code=${code}`);
    await expect.poll(() => gate.heldCount).toBe(1);
    await auditScreen(page, cdp, { name: 'pair', heading: 'Pairing' }, screenshots);

    gate.release();
    await expect.poll(() => page.locator('.status-chip').textContent(), { timeout: 30_000 }).toMatch(/· synced/);
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  });

  it('checkout in four states', async () => {
    await page.goto(`${origin}/#/checkout`);
    await auditScreen(page, cdp, { name: 'checkout-empty', heading: 'Checkout' }, screenshots);

    await page.locator('#open-scanner').click();
    await page.locator('[data-scanner-phase="scanning"]').waitFor({ timeout: 30_000 });
    await auditScreen(page, cdp, { name: 'checkout-camera', heading: 'Checkout' }, screenshots);
    await page.locator('#close-scanner').click();

    await wedgeScan(page, LAPTOP);
    await page.locator('.serial-prompt').waitFor();
    await auditScreen(page, cdp, { name: 'checkout-serial-prompt', heading: 'Checkout' }, screenshots);

    await wedgeScan(page, 'BAD-1');
    await page.locator('.message-bar .message.error').waitFor();
    expect(await findLiveRegion(page, '.message-bar .message.error')).toBeDefined();
    await auditScreen(page, cdp, { name: 'checkout-rejected-serial', heading: 'Checkout' }, screenshots);

    await wedgeScan(page, SOLD_SERIAL);
    await page.locator('[data-serial]', { hasText: SOLD_SERIAL }).waitFor();
    await page.locator('#complete-sale').click();
    await page.locator('.message-bar .message.success', { hasText: 'Sale saved' }).waitFor();
    expect(await findLiveRegion(page, '.message-bar .message.success')).toBeDefined();
    await page.locator('.message-bar .dismiss').click();
  });

  it('paired settings and scan signals', async () => {
    await page.goto(`${origin}/#/settings`);
    await auditScreen(page, cdp, { name: 'settings', heading: 'Settings' }, screenshots);

    // The beep and the vibration of a camera scan can each be switched off, and the choice is kept.
    await page.getByRole('checkbox', { name: 'Beep on an accepted scan' }).uncheck();
    await page.getByRole('checkbox', { name: 'Vibrate on an accepted scan' }).uncheck();
    const stored = await page.evaluate(() => localStorage.getItem('serial-capture.scan-feedback'));
    expect(JSON.parse(stored ?? '{}')).toEqual({ beep: false, vibrate: false });
    await page.getByRole('checkbox', { name: 'Beep on an accepted scan' }).check();
    await page.getByRole('checkbox', { name: 'Vibrate on an accepted scan' }).check();
  });

  it('pick lists and pick progress', async () => {
    await page.goto(`${origin}/#/picking`);
    await page.locator('[data-pick-list-id="PL-0001"]').waitFor();
    await auditScreen(page, cdp, { name: 'picking', heading: 'Picking' }, screenshots);

    await page.getByRole('link', { name: 'PL-0001' }).click();
    await page.locator('#scan-input').waitFor();
    await wedgeScan(page, TOTE_BAG);
    await expect.poll(() => page.locator('[data-line-id="L2"] [data-picked]').textContent()).toBe('1');
    await auditScreen(page, cdp, { name: 'pick-list', heading: 'Pick list PL-0001' }, screenshots);
  });

  it('sync screen with every entry kind', async () => {
    await page.goto(`${origin}/#/checkout`);
    await browser.context.setOffline(true);
    await expect.poll(() => page.locator('.status-chip').getAttribute('data-online')).toBe('false');
    await sellWithSerial(page, LAPTOP, REJECTED_SERIAL);
    await sellWithSerial(page, LAPTOP, FLAGGED_SERIAL);

    // Another till sends the first sale's id with the second sale's serial: the server
    // rejects the first sale and flags the second as a serial sold twice.
    const rejected = (await readOutboxOrders(page)).find((order) => order.lines[0]?.serial_number === REJECTED_SERIAL);
    if (rejected === undefined) throw new Error(`No waiting sale with serial ${REJECTED_SERIAL} in the outbox.`);
    await sendConflictingCopy(server, rejected, FLAGGED_SERIAL);

    await browser.context.setOffline(false);
    await page.goto(`${origin}/#/sync`);
    await page.getByRole('button', { name: 'Retry now' }).click();
    await expect.poll(() => page.locator('[data-list="failed"] > li').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.locator('[data-list="conflicted"] > li').count(), { timeout: 30_000 }).toBe(1);

    await browser.context.setOffline(true);
    await page.goto(`${origin}/#/checkout`);
    await sellWithSerial(page, LAPTOP, PENDING_SERIAL);
    await page.locator('.message-bar .dismiss').click();
    await page.goto(`${origin}/#/sync`);
    await expect.poll(() => page.locator('[data-list="pending"] > li').count()).toBe(1);
    await auditScreen(page, cdp, { name: 'sync', heading: 'Sync' }, screenshots);
  });

  it('kiosk mode with a parked cart, and its PIN screen', async () => {
    await browser.context.setOffline(false);
    await page.goto(`${origin}/#/settings`);
    await page.locator('#kiosk-new-pin').fill(ADMIN_PIN);
    await page.locator('#kiosk-repeat-pin').fill(ADMIN_PIN);
    await page.locator('#kiosk-pin-form button[type="submit"]').click();
    await expect.poll(() => lastMessage(page)).toContain('Admin PIN set');
    await switchKioskOn(PARKING_IDLE_SECONDS);

    await page.locator('#scan-input').waitFor();
    await wedgeScan(page, LAPTOP);
    await page.locator('.serial-prompt').waitFor();
    await wedgeScan(page, PARKED_SERIAL);
    await page.locator('[data-serial]', { hasText: PARKED_SERIAL }).waitFor();
    await page.locator('.parked-cart').waitFor({ timeout: (PARKING_IDLE_SECONDS + 30) * 1_000 });

    // Settings of kiosk mode are changed outside it, so leave and come back with a longer idle time.
    await leaveKiosk();
    await switchKioskOn(AUDIT_IDLE_SECONDS);
    await page.locator('.parked-cart').waitFor();
    await auditScreen(page, cdp, { name: 'checkout-kiosk-parked', heading: 'Checkout' }, screenshots);

    await page.locator('#kiosk-staff-link').click();
    await auditScreen(page, cdp, { name: 'kiosk-pin', heading: 'Kiosk mode is on' }, screenshots);
    await leaveKiosk();
  });

  async function switchKioskOn(idleSeconds: number): Promise<void> {
    await page.locator('#kiosk-idle-seconds').fill(String(idleSeconds));
    await page.locator('#kiosk-on-pin').fill(ADMIN_PIN);
    await page.locator('#kiosk-switch-on').click();
    await expect.poll(() => lastMessage(page)).toContain('Kiosk mode is on');
  }

  async function leaveKiosk(): Promise<void> {
    await page.locator('#kiosk-staff-link').click();
    await page.locator('#kiosk-exit-pin').fill(ADMIN_PIN);
    await page.locator('#kiosk-exit-form button[type="submit"]').click();
    await expect.poll(() => lastMessage(page)).toContain('Kiosk mode is off');
    await page.locator('#settings-heading').waitFor();
  }

  it('update banner of a new version', async () => {
    await browser.context.setOffline(false);
    publishNewServiceWorker(appDir);
    await page.goto(`${origin}/#/checkout`);
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((registration) => registration?.update()));
    await page.locator('.update-banner[data-update-phase="ready"]').waitFor({ timeout: 30_000 });
    await auditScreen(page, cdp, { name: 'update-banner', heading: 'Checkout' }, screenshots);
  });
}, 600_000);

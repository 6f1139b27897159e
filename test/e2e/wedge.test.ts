import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestServer } from '../../server/test-server.ts';
import { launchChromium } from './chromium.ts';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

// A keyboard-wedge scanner types a few milliseconds per character.
const WEDGE_KEY_INTERVAL_MS = 5;
// A person types about this far apart; the app must not take it for a scan.
const TYPING_KEY_INTERVAL_MS = 120;
const PHONE_GTIN = '09506000134352'; // product 1100, serialized
const TSHIRT = '9506000010175'; // product 1017, plain
const LAPTOP = '9506000010014'; // product 1001, serialized

// The app focuses a scan field that it renders, such as the serial prompt after an item
// scan, so the blur is repeated until no field has the focus.
async function blurScanField(page: Page): Promise<void> {
  await page.locator('#scan-input').waitFor();
  await expect
    .poll(() =>
      page.evaluate(() => {
        (document.getElementById('scan-input') as HTMLInputElement | null)?.blur();
        return document.activeElement === document.body;
      }),
    )
    .toBe(true);
}

// The fields of the DevTools protocol's Input.dispatchKeyEvent that these scans use.
interface KeyEventParams {
  type: 'keyDown' | 'keyUp';
  modifiers: number;
  key: string;
  code?: string;
  text?: string;
  unmodifiedText?: string;
  windowsVirtualKeyCode?: number;
  location?: number;
}

// Key events of one character as a wedge scanner types it: \n is Enter, \t is Tab, and
// U+001D is Ctrl+] or Alt with 0 2 9 on the keypad.
function keyEventsFor(char: string, separator: 'ctrl' | 'alt'): KeyEventParams[][] {
  const tap = (down: Omit<KeyEventParams, 'type' | 'modifiers'>, modifiers = 0): KeyEventParams[] => [
    { ...down, type: 'keyDown', modifiers },
    { key: down.key, code: down.code ?? '', type: 'keyUp', modifiers },
  ];
  if (char === '\n') return [tap({ key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' })];
  if (char === '\t') return [tap({ key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9 })];
  if (char !== '\u001d') return [tap({ key: char, text: char, unmodifiedText: char })];

  if (separator === 'ctrl') {
    return [
      [{ type: 'keyDown', modifiers: 2, key: 'Control', code: 'ControlLeft', windowsVirtualKeyCode: 17 }],
      tap({ key: ']', code: 'BracketRight', windowsVirtualKeyCode: 221 }, 2),
      [{ type: 'keyUp', modifiers: 0, key: 'Control', code: 'ControlLeft', windowsVirtualKeyCode: 17 }],
    ];
  }
  const digits = ['0', '2', '9'].map((digit) =>
    tap({ key: digit, code: `Numpad${digit}`, windowsVirtualKeyCode: 96 + Number(digit), location: 3 }, 1),
  );
  return [
    [{ type: 'keyDown', modifiers: 1, key: 'Alt', code: 'AltLeft', windowsVirtualKeyCode: 18 }],
    ...digits,
    [{ type: 'keyUp', modifiers: 0, key: 'Alt', code: 'AltLeft', windowsVirtualKeyCode: 18 }],
  ];
}

/**
 * Types `text` to whatever has focus as a wedge scanner does, one key every 5 ms. The keys
 * go through Chromium's input pipeline with a timestamp each, as the operating system
 * stamps a real scanner's keys, so a busy test machine does not stretch the gaps.
 */
/** A moment where the scanner's stream stalls: `ms` more before key `beforeKey`. */
interface Stall {
  beforeKey: number;
  ms: number;
}

async function wedgeScan(page: Page, text: string, separator: 'ctrl' | 'alt' = 'ctrl', stall?: Stall): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const startS = Date.now() / 1000;
  const sends: Array<Promise<unknown>> = [];
  let index = 0;
  for (const char of text) {
    for (const key of keyEventsFor(char, separator)) {
      const stallMs = stall !== undefined && index >= stall.beforeKey ? stall.ms : 0;
      const timestamp = startS + (index * WEDGE_KEY_INTERVAL_MS + stallMs) / 1000;
      for (const event of key) sends.push(cdp.send('Input.dispatchKeyEvent', { ...event, timestamp }));
      index += 1;
    }
  }
  await Promise.all(sends);
  await cdp.detach();
}

function serialOf(page: Page, productId: string) {
  return page.locator(`[data-product-id="${productId}"] [data-serial]`);
}

async function lastMessage(page: Page): Promise<string> {
  return (await page.locator('.message-bar .message span').textContent()) ?? '';
}

describe('keyboard wedge in Chromium', () => {
  let server: TestServer;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer({ staticDir: inject('appDir'), seedDemo: true });
    browser = await launchChromium();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(10_000);

    const code = await server.createPairingCode('store-001');
    await page.goto(`${server.url}/#/pair?code=${code}`);
    // expect.poll runs only inside a test, so the hook waits through Playwright.
    await page.locator('.status-chip', { hasText: '· synced' }).waitFor({ timeout: 20_000 });
    await page.goto(`${server.url}/#/settings`);
    await page.waitForFunction(() => Number(document.querySelector('[data-product-count]')?.textContent) > 0, undefined, { timeout: 30_000 });
    await page.goto(`${server.url}/#/checkout`);
    await page.locator('#scan-input').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('adds an EAN-13 scanned with no field focused', async () => {
    await blurScanField(page);
    await wedgeScan(page, `${TSHIRT}\n`);
    await expect.poll(() => page.locator('[data-product-id="1017"]').count()).toBe(1);
  });

  it('ends a scan at Tab without moving focus', async () => {
    await blurScanField(page);
    await wedgeScan(page, `${TSHIRT}\t`);
    await expect.poll(() => page.locator('[data-product-id="1017"] .quantity [aria-live]').textContent()).toBe('2');
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
  });

  it('ends a scan after a pause', async () => {
    await blurScanField(page);
    await wedgeScan(page, TSHIRT);
    await expect.poll(() => page.locator('[data-product-id="1017"] .quantity [aria-live]').textContent()).toBe('3');
  });

  it('ignores slow typing with no field focused', async () => {
    await blurScanField(page);
    const lines = await page.locator('.cart-line').count();
    const before = await lastMessage(page);
    await page.keyboard.type('APP-1017', { delay: TYPING_KEY_INTERVAL_MS });
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    expect(await page.locator('.cart-line').count()).toBe(lines);
    expect(await lastMessage(page)).toBe(before);
  });

  it('keeps a scan away from a focused button', async () => {
    const quantity = page.locator('[data-product-id="1017"] .quantity [aria-live]');
    await page.locator('[data-product-id="1017"]').getByRole('button', { name: 'One less' }).click();
    await expect.poll(() => quantity.textContent()).toBe('2');

    // The button keeps focus after the click; the scanner's Enter must not press it again.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('One less');
    await wedgeScan(page, `${TSHIRT}\n`);
    await expect.poll(() => quantity.textContent()).toBe('3');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  });

  it('fills a GS1 serial in one scan', async () => {
    await blurScanField(page);
    const urlBefore = page.url();
    const historyBefore = await page.evaluate(() => history.length);

    await wedgeScan(page, `]d201${PHONE_GTIN}21SNGS1000000001\u001d17271231\n`, 'ctrl');

    await expect.poll(() => serialOf(page, '1100').first().textContent()).toBe('SNGS1000000001');
    expect(await page.locator('.serial-prompt').count()).toBe(0);
    expect(page.url()).toBe(urlBefore);
    expect(await page.evaluate(() => history.length)).toBe(historyBefore);
  });

  it('reads an Alt code separator', async () => {
    await blurScanField(page);
    await wedgeScan(page, `]d201${PHONE_GTIN}21SNGS1000000002\u001d17271231\n`, 'alt');
    await expect.poll(() => serialOf(page, '1100').allTextContents()).toEqual(['SNGS1000000001', 'SNGS1000000002']);
  });

  it('inserts Ctrl+] in the focused field', async () => {
    const field = page.locator('#scan-input');
    await field.focus();
    await page.keyboard.type(`]d201${PHONE_GTIN}21SNGS1000000003`);
    await page.keyboard.press('Control+BracketRight');
    expect(await field.inputValue()).toBe(`]d201${PHONE_GTIN}21SNGS1000000003\u001d`);
    await page.keyboard.type('17271231');
    await page.keyboard.press('Enter');
    await expect.poll(() => serialOf(page, '1100').count()).toBe(3);
    expect(await serialOf(page, '1100').nth(2).textContent()).toBe('SNGS1000000003');
  });

  it('takes a serial scan with no field focused', async () => {
    await blurScanField(page);
    await wedgeScan(page, `${LAPTOP}\n`);
    await expect.poll(() => page.locator('.serial-prompt').count()).toBe(1);

    await blurScanField(page);
    await wedgeScan(page, 'C02XK1WEDGE001\n');
    await expect.poll(() => serialOf(page, '1001').textContent()).toBe('C02XK1WEDGE001');
  });

  it('keeps a serial whole when the scanner stalls', async () => {
    await blurScanField(page);
    await wedgeScan(page, `${LAPTOP}\n`);
    await expect.poll(() => page.locator('.serial-prompt').count()).toBe(1);

    await blurScanField(page);
    await wedgeScan(page, 'C02XK1WEDGE002\n', 'ctrl', { beforeKey: 4, ms: 90 });
    await expect.poll(() => serialOf(page, '1001').nth(1).textContent()).toBe('C02XK1WEDGE002');
  });

  it('sends the GS1 serial to the server', async () => {
    await page.locator('#complete-sale').click();
    await expect.poll(() => lastMessage(page)).toContain('Sale saved');
    await expect.poll(() => page.locator('.status-chip').getAttribute('data-pending'), { timeout: 15_000 }).toBe('0');

    const query = new URLSearchParams({ product_id: '1100', serial_number: 'SNGS1000000001' });
    const reply = await fetch(`${server.url}/api/v1/serials?${query}`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    });
    const body = (await reply.json()) as { captures: unknown[] };
    expect(reply.status).toBe(200);
    expect(body.captures).toHaveLength(1);
  });
});

// Runs every check of the accessibility test on the screen the page shows, at each
// viewport, and saves its screenshots.

import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { expect } from 'vitest';
import { findSeriousAxeViolations } from './screens-axe.ts';
import { walkWithTab } from './screens-keyboard.ts';
import { findOverflow, measureControls, MIN_TARGET_PX, SCREEN_VIEWPORTS, type Viewport } from './screens-layout.ts';

/** The viewports each screen is photographed at: a landscape laptop and a portrait tablet. */
const SCREENSHOT_VIEWPORTS: readonly Viewport[] = SCREEN_VIEWPORTS.filter(
  (viewport) => (viewport.width === 1280 && viewport.height === 800) || (viewport.width === 768 && viewport.height === 1024),
);

/**
 * Returns the folder for the screenshots: SCREENSHOTS_DIR, relative to the working folder,
 * when set, and otherwise a fresh temporary folder, so that a plain test run leaves the
 * repository untouched.
 */
export function openScreenshotFolder(): string {
  const chosen = process.env.SCREENSHOTS_DIR;
  if (chosen === undefined || chosen === '') return mkdtempSync(join(tmpdir(), 'serial-capture-screens-'));
  const folder = resolve(chosen);
  mkdirSync(folder, { recursive: true });
  return folder;
}

/** A screen in the state to check, and what to call its screenshots. */
export interface ScreenUnderAudit {
  /** File name stem of the screenshots, e.g. `checkout-empty`. */
  name: string;
  /** Name of the screen's level-1 heading, which shows once a lazily loaded screen rendered. */
  heading: string | RegExp;
}

async function settleLayout(page: Page): Promise<void> {
  // Two animation frames: the first runs after the resize, the second after its layout.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/**
 * Checks the screen at every viewport for horizontal overflow, for visible controls without
 * an accessible name or under 48×48 CSS px, and for serious or critical axe-core
 * violations. Links inside a sentence are exempt from the size rule, as WCAG 2.5.5 and
 * 2.5.8 exempt them. At 1280×800 it also checks that Tab reaches every control with a
 * visible focus. Saves a screenshot at 1280×800 and at 768×1024.
 */
export async function auditScreen(page: Page, cdp: CDPSession, screen: ScreenUnderAudit, screenshotFolder: string): Promise<void> {
  const heading = page.getByRole('heading', { level: 1, name: screen.heading });
  // A link or button keeps the focus across screens, and its ring would show in the
  // screenshots. A text field focused by the screen itself stays, as the associate sees it.
  await page.evaluate(() => {
    const focused = document.activeElement;
    if (focused instanceof HTMLElement && !(focused instanceof HTMLInputElement)) focused.blur();
  });

  for (const viewport of SCREEN_VIEWPORTS) {
    const at = `${screen.name} at ${viewport.width}×${viewport.height}`;
    await page.setViewportSize(viewport);
    await heading.waitFor();
    await settleLayout(page);

    const overflow = await findOverflow(page);
    expect.soft(overflow.scrollWidth, `document scroll width on ${at}`).toBeLessThanOrEqual(overflow.clientWidth);
    expect.soft(overflow.wideElements, `elements past the viewport edge on ${at}`).toEqual([]);

    const controls = await measureControls(page, cdp);
    const unnamed = controls.filter((control) => control.name === '').map((control) => control.description);
    expect.soft(unnamed, `controls without an accessible name on ${at}`).toEqual([]);
    const small = controls
      .filter((control) => !control.inline && (control.width < MIN_TARGET_PX || control.height < MIN_TARGET_PX))
      .map((control) => `${control.description} is ${Math.round(control.width)}×${Math.round(control.height)} px`);
    expect.soft(small, `touch targets under ${MIN_TARGET_PX}×${MIN_TARGET_PX} px on ${at}`).toEqual([]);

    expect.soft(await findSeriousAxeViolations(page), `axe-core violations on ${at}`).toEqual([]);

    if (SCREENSHOT_VIEWPORTS.includes(viewport)) {
      await page.screenshot({ path: join(screenshotFolder, `${screen.name}-${viewport.width}x${viewport.height}.png`), caret: 'hide' });
    }
  }

  await page.setViewportSize({ width: 1280, height: 800 });
  await settleLayout(page);
  const keyboard = await walkWithTab(page);
  expect.soft(keyboard.unreached, `controls Tab does not reach on ${screen.name}`).toEqual([]);
  expect.soft(keyboard.focusNotVisible, `controls without a visible focus on ${screen.name}`).toEqual([]);
}

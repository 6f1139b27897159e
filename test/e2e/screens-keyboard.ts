// Keyboard and screen-reader checks of the accessibility test: Tab reaches every control
// with a visible focus indicator, and messages sit in live regions.

import type { Page } from 'playwright-core';
import { CONTROL_SELECTOR } from './screens-layout.ts';

/** What a walk through the page with Tab found. */
export interface KeyboardReport {
  /** Enabled, visible controls that Tab never reached. */
  unreached: string[];
  /** Controls that took the focus without a visible outline or ring. */
  focusNotVisible: string[];
}

// Presses past one round through the controls, so that the walk wraps around whichever
// control held the focus when it started.
const EXTRA_TAB_PRESSES = 4;

/**
 * Presses Tab through the whole page, twice round, recording each element that takes the
 * focus and whether it shows a focus indicator: an outline of at least 2 px, or a box shadow.
 */
export async function walkWithTab(page: Page): Promise<KeyboardReport> {
  const controlCount = await page.evaluate((selector) => {
    const controls = [...document.querySelectorAll<HTMLElement>(selector)].filter((element) => {
      const rect = element.getBoundingClientRect();
      const disabled = (element as HTMLButtonElement).disabled === true;
      return rect.width > 0 && rect.height > 0 && !disabled && getComputedStyle(element).visibility !== 'hidden';
    });
    controls.forEach((element, index) => {
      element.dataset.auditTab = String(index);
    });
    (document.activeElement as HTMLElement | null)?.blur();
    return controls.length;
  }, CONTROL_SELECTOR);

  const reached = new Set<string>();
  const focusNotVisible = new Set<string>();
  for (let press = 0; press < controlCount * 2 + EXTRA_TAB_PRESSES; press += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (element === null || element === document.body) return undefined;
      const style = getComputedStyle(element);
      const outlined = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2;
      return {
        index: element.dataset.auditTab,
        description: `${element.tagName.toLowerCase()}${element.id === '' ? '' : `#${element.id}`} "${(element.textContent ?? '').trim().slice(0, 40)}"`,
        visible: outlined || style.boxShadow !== 'none',
      };
    });
    if (focused === undefined) continue;
    if (focused.index !== undefined) reached.add(focused.index);
    if (!focused.visible) focusNotVisible.add(focused.description);
  }

  const unreached = await page.evaluate((reachedIndexes) => {
    const missing: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>('[data-audit-tab]')) {
      if (!reachedIndexes.includes(element.dataset.auditTab ?? '')) {
        missing.push(`${element.tagName.toLowerCase()}${element.id === '' ? '' : `#${element.id}`} "${(element.textContent ?? '').trim().slice(0, 40)}"`);
      }
      delete element.dataset.auditTab;
    }
    return missing;
  }, [...reached]);

  return { unreached, focusNotVisible: [...focusNotVisible] };
}

/**
 * Describes the live region that announces the first element matching `selector`: the
 * element itself or its nearest ancestor with `aria-live` or the role status, alert or
 * log. Returns undefined when no such region contains it.
 */
export function findLiveRegion(page: Page, selector: string): Promise<string | undefined> {
  return page.evaluate((target) => {
    const element = document.querySelector(target);
    const region = element?.closest('[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]');
    if (region === null || region === undefined) return undefined;
    return `${region.tagName.toLowerCase()} role=${region.getAttribute('role') ?? '-'} aria-live=${region.getAttribute('aria-live') ?? '-'}`;
  }, selector);
}

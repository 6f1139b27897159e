// Layout and control checks that the accessibility test runs on every screen, in the
// page: horizontal overflow, and the size and accessible name of each visible control.

import type { CDPSession, Page } from 'playwright-core';

/** The viewports every screen must fit: tablets and small laptops, in both orientations. */
export const SCREEN_VIEWPORTS = [
  { width: 768, height: 1024 },
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
  { width: 800, height: 1280 },
] as const;

export type Viewport = (typeof SCREEN_VIEWPORTS)[number];

/**
 * Minimum side of a touch target, in CSS pixels: larger than the 44 px of WCAG 2.5.5 (AAA),
 * because associates tap with gloves. 48 px is the size Android's Material guidelines give.
 */
export const MIN_TARGET_PX = 48;

/** Every element a person can click, tap or type into, including custom ones. */
export const CONTROL_SELECTOR = [
  'a[href]',
  'button',
  'input:not([type="hidden"])',
  'select',
  'textarea',
  'summary',
  '[role="button"]',
  '[role="link"]',
  '[role="checkbox"]',
  '[role="switch"]',
  '[role="tab"]',
  '[tabindex]:not([tabindex="-1"])',
].join(', ');

/** What the overflow check found; `wideElements` lists elements past the right or left edge. */
export interface OverflowReport {
  scrollWidth: number;
  clientWidth: number;
  wideElements: string[];
}

/**
 * Measures horizontal overflow: the document's scroll width, and every visible element
 * wider than the viewport or reaching past its edges. Elements inside a box that scrolls
 * or clips horizontally are left out, because that box is measured itself.
 */
export function findOverflow(page: Page): Promise<OverflowReport> {
  return page.evaluate(() => {
    const clientWidth = document.documentElement.clientWidth;
    const wideElements: string[] = [];
    // Half a pixel absorbs the rounding of fractional layout.
    const tolerancePx = 0.5;

    const clipped = (element: Element): boolean => {
      for (let parent = element.parentElement; parent !== null && parent !== document.body; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX !== 'visible') return true;
      }
      return false;
    };

    for (const element of document.body.querySelectorAll('*')) {
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      const outside = rect.width > clientWidth + tolerancePx || rect.right > clientWidth + tolerancePx || rect.left < -tolerancePx;
      if (!outside || clipped(element)) continue;
      const id = element.id === '' ? '' : `#${element.id}`;
      const classes = element.classList.length === 0 ? '' : `.${[...element.classList].join('.')}`;
      wideElements.push(`${element.tagName.toLowerCase()}${id}${classes} spans ${Math.round(rect.left)}..${Math.round(rect.right)} px`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, clientWidth, wideElements };
  });
}

/** One visible control, as measured in the page. */
export interface ControlReport {
  description: string;
  /** The name Chromium's accessibility tree gives it. */
  name: string;
  width: number;
  height: number;
  /** True for a link inside a sentence, which WCAG 2.5.5 and 2.5.8 exempt from the size rule. */
  inline: boolean;
}

/**
 * Lists every visible control with its target box and its accessible name. A checkbox or
 * radio button inside its label is measured with the label, because a tap on the label
 * switches it. The name comes from Chromium's own accessibility tree, through the DevTools
 * protocol, so it is the name a screen reader announces.
 */
export async function measureControls(page: Page, cdp: CDPSession): Promise<ControlReport[]> {
  const measured = await page.evaluate((selector) => {
    const controls = [...document.querySelectorAll<HTMLElement>(selector)].filter((element) => {
      const rect = element.getBoundingClientRect();
      return rect.width > 0 && rect.height > 0 && getComputedStyle(element).visibility !== 'hidden';
    });

    return controls.map((element, index) => {
      element.dataset.auditControl = String(index);
      const input = element instanceof HTMLInputElement ? element : undefined;
      const wrappingLabel = input && (input.type === 'checkbox' || input.type === 'radio') ? input.closest('label') : null;
      const rect = (wrappingLabel ?? element).getBoundingClientRect();

      // An inline link whose block also holds text of its own is part of a sentence.
      const parent = element.parentElement;
      const inline =
        element.tagName === 'A' &&
        getComputedStyle(element).display === 'inline' &&
        parent !== null &&
        [...parent.childNodes].some((node) => node !== element && node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '');

      const id = element.id === '' ? '' : `#${element.id}`;
      const text = (element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return {
        description: `${element.tagName.toLowerCase()}${id} "${text}"`,
        width: rect.width,
        height: rect.height,
        inline,
      };
    });
  }, CONTROL_SELECTOR);

  const { root } = (await cdp.send('DOM.getDocument', { depth: 0 })) as { root: { nodeId: number } };
  const { nodeIds } = (await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '[data-audit-control]' })) as {
    nodeIds: number[];
  };
  const names = new Map<number, string>();
  for (const nodeId of nodeIds) {
    const { attributes } = (await cdp.send('DOM.getAttributes', { nodeId })) as { attributes: string[] };
    const index = Number(attributes[attributes.indexOf('data-audit-control') + 1]);
    const { nodes } = (await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false })) as {
      nodes: Array<{ name?: { value?: unknown } }>;
    };
    names.set(index, String(nodes[0]?.name?.value ?? '').trim());
  }
  await page.evaluate(() => {
    for (const element of document.querySelectorAll<HTMLElement>('[data-audit-control]')) delete element.dataset.auditControl;
  });

  return measured.map((control, index) => ({ ...control, name: names.get(index) ?? '' }));
}

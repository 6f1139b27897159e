// When a kiosk device counts as idle. A shared device left alone with an open cart must
// not show that cart to the next shopper, so after the idle time the cart is parked.

/**
 * Idle time used until one is set in Settings. A guess: long enough for an associate to
 * fetch an item from the shelf, short enough that a walk-away does not leave a cart open.
 */
export const DEFAULT_KIOSK_IDLE_SECONDS = 120;
/** Minimum idle time that Settings accepts. It is small on purpose, so that tests can wait it out. */
export const MIN_KIOSK_IDLE_SECONDS = 5;
/** Maximum idle time that Settings accepts: one hour. */
export const MAX_KIOSK_IDLE_SECONDS = 3_600;

/** Returns the time (ms since the epoch) at which a device last used at `lastInputAtMs` becomes idle. */
export function idleDeadlineMs(lastInputAtMs: number, idleSeconds: number): number {
  return lastInputAtMs + idleSeconds * 1_000;
}

/** Tests whether a device last used at `lastInputAtMs` is idle at `nowMs`. */
export function isIdle(nowMs: number, lastInputAtMs: number, idleSeconds: number): boolean {
  return nowMs >= idleDeadlineMs(lastInputAtMs, idleSeconds);
}

export type IdleSecondsCheck = { ok: true; seconds: number } | { ok: false; message: string };

/** Checks an idle time typed in Settings, in whole seconds. */
export function parseIdleSeconds(text: string): IdleSecondsCheck {
  const trimmed = text.trim();
  const seconds = Number(trimmed);
  if (trimmed === '' || !Number.isInteger(seconds) || seconds < MIN_KIOSK_IDLE_SECONDS || seconds > MAX_KIOSK_IDLE_SECONDS) {
    return {
      ok: false,
      message: `Idle time "${trimmed}" is not valid. Enter whole seconds from ${MIN_KIOSK_IDLE_SECONDS} to ${MAX_KIOSK_IDLE_SECONDS}, such as ${DEFAULT_KIOSK_IDLE_SECONDS}.`,
    };
  }
  return { ok: true, seconds };
}

/** Describes an idle time for messages: "45 seconds", "2 minutes", "1 minute 30 seconds". */
export function describeIdleSeconds(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const parts: string[] = [];
  if (minutes > 0) parts.push(`${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`);
  if (rest > 0 || minutes === 0) parts.push(`${rest} ${rest === 1 ? 'second' : 'seconds'}`);
  return parts.join(' ');
}

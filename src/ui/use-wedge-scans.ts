import { useEffect, useRef } from 'preact/hooks';
import type { ScanEvent } from '../domain/scan-event.ts';
import { KeyboardWedgeReader, type WedgeReaderOptions } from '../scanning/keyboard-wedge-reader.ts';
import { toWedgeKey } from '../scanning/keyboard-wedge-separator.ts';

// Input types that take typed text. Keys typed into these belong to the field.
const TEXT_INPUT_TYPES: ReadonlySet<string> = new Set([
  'text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date', 'datetime-local', 'month', 'time', 'week',
]);

/**
 * Catches keyboard-wedge scans typed while no text field has focus, and passes each to
 * `onScan`. Keys that belong to a scan have their default action prevented, so that
 * Enter, Tab, Ctrl+] and Alt with keypad digits never press a focused button, move the
 * focus or start a browser shortcut. Keys typed into a text field are left to the field.
 */
export function useWedgeScans(onScan: (scan: ScanEvent) => void, options?: WedgeReaderOptions): void {
  const latest = useRef(onScan);
  latest.current = onScan;
  const maxKeyGapMs = options?.maxKeyGapMs;
  const endPauseMs = options?.endPauseMs;
  const minLength = options?.minLength;

  useEffect(() => {
    const reader = new KeyboardWedgeReader({ maxKeyGapMs, endPauseMs, minLength });
    let pauseTimer: ReturnType<typeof setTimeout> | undefined;

    const emit = (scans: readonly ScanEvent[]) => {
      for (const scan of scans) latest.current(scan);
    };

    const onKey = (event: KeyboardEvent) => {
      if (event.isComposing || isTextField(event.target)) return;
      if (event.type === 'keyup' && event.key !== 'Alt') return;

      // The event's own time, not the time the handler runs, so a busy page does not
      // stretch the gaps between keys.
      const at = performance.timeOrigin + event.timeStamp;
      const result = reader.push(toWedgeKey(event, at));
      if (result.consumed) event.preventDefault();
      emit(result.scans);

      // The timer fires endPauseMs after this key was handled, so the pause has passed on
      // the keys' own clock too, even when the page handled the keys late.
      clearTimeout(pauseTimer);
      if (reader.pending) {
        pauseTimer = setTimeout(() => emit(reader.flush(at + reader.endPauseMs)), reader.endPauseMs);
      }
    };

    // Capture phase, so the default is prevented before any handler of a focused element runs.
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('keyup', onKey, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('keyup', onKey, true);
      clearTimeout(pauseTimer);
    };
  }, [maxKeyGapMs, endPauseMs, minLength]);
}

function isTextField(target: EventTarget | null): boolean {
  if (target instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(target.type);
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLElement && target.isContentEditable;
}

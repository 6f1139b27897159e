import { useEffect, useRef } from 'preact/hooks';
import type { ScanEvent } from '../../domain/scan-event.ts';
import { createKeyboardScanEvent } from '../../scanning/keyboard-wedge-event.ts';
import { WEDGE_MAX_KEY_GAP_MS, WEDGE_MIN_LENGTH } from '../../scanning/keyboard-wedge-reader.ts';
import { GroupSeparatorKeys, toWedgeKey } from '../../scanning/keyboard-wedge-separator.ts';

interface ScanFieldProps {
  label: string;
  hint?: string;
  /** Called with the text as entered and the same entry as a ScanEvent. */
  onScan(text: string, scan: ScanEvent): void;
}

/**
 * Renders the one input for barcodes and serials. A keyboard-wedge scanner types the code a few
 * milliseconds per character and ends it with Enter or Tab; a person types and presses
 * Enter. Both end up here. Tab is taken as the end of a scan, not a focus move, because
 * many scanners are set to send it. A GS1 group separator typed as Ctrl+] or as Alt with
 * 0 2 9 on the keypad is inserted as U+001D, and the keys start no browser shortcut.
 */
export function ScanField({ label, hint, onScan }: ScanFieldProps) {
  const input = useRef<HTMLInputElement>(null);
  const separators = useRef(new GroupSeparatorKeys());
  // Whether every key of the current entry came within a scanner's key gap.
  const timing = useRef({ lastAt: Number.NEGATIVE_INFINITY, keys: 0, fast: true });

  useEffect(() => {
    input.current?.focus();
  }, [label]);

  function readSeparator(event: KeyboardEvent): boolean {
    const field = event.currentTarget as HTMLInputElement;
    const read = separators.current.read(toWedgeKey(event, event.timeStamp));
    if (read.separators > 0) {
      field.setRangeText('\u001d'.repeat(read.separators), field.selectionStart ?? field.value.length, field.selectionEnd ?? field.value.length, 'end');
    }
    if (read.consumed) event.preventDefault();
    return read.consumed;
  }

  function onKeyDown(event: KeyboardEvent) {
    if (readSeparator(event)) return;
    trackTiming(event);
    if (event.key !== 'Enter' && event.key !== 'Tab') return;

    const field = event.currentTarget as HTMLInputElement;
    if (field.value.trim() === '') return;
    event.preventDefault();
    const text = field.value;
    field.value = '';

    const { keys, fast } = timing.current;
    const source = fast && keys >= WEDGE_MIN_LENGTH ? 'wedge' : 'keyboard';
    timing.current = { lastAt: Number.NEGATIVE_INFINITY, keys: 0, fast: true };
    // Minimum length 0: an empty entry still reaches the session, which reports it.
    const scan = createKeyboardScanEvent(text, source, Date.now(), 0);
    if (scan !== undefined) onScan(text, scan);
  }

  function onKeyUp(event: KeyboardEvent) {
    if (event.key === 'Alt') readSeparator(event);
  }

  function trackTiming(event: KeyboardEvent) {
    if (event.key.length !== 1) return;
    const state = timing.current;
    const gap = event.timeStamp - state.lastAt;
    const fast = state.keys === 0 || (state.fast && gap <= WEDGE_MAX_KEY_GAP_MS);
    timing.current = { lastAt: event.timeStamp, keys: state.keys + 1, fast };
  }

  return (
    <div class="scan-field">
      <label for="scan-input">{label}</label>
      <input
        id="scan-input"
        ref={input}
        type="text"
        inputMode="text"
        autoComplete="off"
        autoCapitalize="off"
        spellcheck={false}
        aria-describedby={hint ? 'scan-hint' : undefined}
        onKeyDown={onKeyDown}
        onKeyUp={onKeyUp}
      />
      {hint && (
        <p id="scan-hint" class="hint">
          {hint}
        </p>
      )}
    </div>
  );
}

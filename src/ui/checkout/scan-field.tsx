import { useEffect, useRef } from 'preact/hooks';

interface ScanFieldProps {
  label: string;
  hint?: string;
  onScan(text: string): void;
}

/**
 * Renders the one input for barcodes and serials. A keyboard-wedge scanner types the code a few
 * milliseconds per character and ends it with Enter or Tab; a person types and presses
 * Enter. Both end up here. Tab is taken as the end of a scan, not a focus move, because
 * many scanners are set to send it.
 */
export function ScanField({ label, hint, onScan }: ScanFieldProps) {
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
  }, [label]);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'Enter' && event.key !== 'Tab') return;
    const field = event.currentTarget as HTMLInputElement;
    if (field.value.trim() === '') return;
    event.preventDefault();
    const text = field.value;
    field.value = '';
    onScan(text);
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
      />
      {hint && (
        <p id="scan-hint" class="hint">
          {hint}
        </p>
      )}
    </div>
  );
}

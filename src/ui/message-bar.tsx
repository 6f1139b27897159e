import { clearNotice, notice } from './notice.ts';

/** Shows the latest message to the associate and announces it to screen readers. */
export function MessageBar() {
  const current = notice.value;
  return (
    <div class="message-bar" aria-live="polite" aria-atomic="true">
      {current && (
        <p key={current.id} class={`message ${current.tone}`} data-tone={current.tone} role={current.tone === 'error' ? 'alert' : undefined}>
          <span>{current.text}</span>
          <button type="button" class="dismiss" aria-label="Dismiss message" onClick={clearNotice}>
            ×
          </button>
        </p>
      )}
    </div>
  );
}

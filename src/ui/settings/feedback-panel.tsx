import { useState } from 'preact/hooks';
import { loadFeedbackSettings, saveFeedbackSettings, type FeedbackSettings } from '../../scanning/feedback.ts';
import { showNotice } from '../notice.ts';

// The app's input style is sized for text fields; a checkbox keeps its own size.
const CHECKBOX_STYLE = { width: 'auto', minHeight: '24px', marginRight: '8px', verticalAlign: 'middle' };

/** Switches the beep and the vibration that confirm an accepted camera scan on this device. */
export function FeedbackPanel() {
  const [settings, setSettings] = useState<FeedbackSettings>(() => loadFeedbackSettings());

  function change(key: keyof FeedbackSettings, on: boolean) {
    const next = { ...settings, [key]: on };
    try {
      saveFeedbackSettings(next);
      setSettings(next);
    } catch (error) {
      const name = error instanceof Error ? error.name : String(error);
      showNotice({
        tone: 'error',
        text: `The scan signal setting could not be saved on this device (${name}). Check the browser's storage settings and try again.`,
      });
    }
  }

  return (
    <section class="panel" aria-labelledby="feedback-heading">
      <h2 id="feedback-heading">Camera scan signals</h2>
      <label class="switch" style={{ fontWeight: 400, minHeight: '48px' }}>
        <input
          type="checkbox"
          style={CHECKBOX_STYLE}
          id="feedback-beep"
          checked={settings.beep}
          onChange={(event) => change('beep', (event.currentTarget as HTMLInputElement).checked)}
        />
        Beep on an accepted scan
      </label>
      <label class="switch" style={{ fontWeight: 400, minHeight: '48px' }}>
        <input
          type="checkbox"
          style={CHECKBOX_STYLE}
          id="feedback-vibrate"
          checked={settings.vibrate}
          onChange={(event) => change('vibrate', (event.currentTarget as HTMLInputElement).checked)}
        />
        Vibrate on an accepted scan
      </label>
      <p class="hint">Stored on this device only. Vibration works on phones whose browser supports it.</p>
    </section>
  );
}

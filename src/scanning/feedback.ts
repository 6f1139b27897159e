// Beep and vibration on an accepted camera scan. Both are device preferences, not
// captures, so they live in localStorage, and each is on until switched off in Settings.

/** Which signals an accepted scan gives. */
export interface FeedbackSettings {
  beep: boolean;
  vibrate: boolean;
}

export const FEEDBACK_SETTINGS_KEY = 'serial-capture.scan-feedback';

export const DEFAULT_FEEDBACK_SETTINGS: Readonly<FeedbackSettings> = { beep: true, vibrate: true };

const BEEP_FREQUENCY_HZ = 1_800;
const BEEP_DURATION_MS = 90;
const BEEP_VOLUME = 0.2;
const VIBRATION_MS = 80;

/** Reads the settings, falling back to the defaults for a missing or unreadable entry. */
export function loadFeedbackSettings(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): FeedbackSettings {
  try {
    const stored = storage?.getItem(FEEDBACK_SETTINGS_KEY);
    if (stored == null) return { ...DEFAULT_FEEDBACK_SETTINGS };
    const parsed = JSON.parse(stored) as Partial<Record<keyof FeedbackSettings, unknown>>;
    return {
      beep: typeof parsed.beep === 'boolean' ? parsed.beep : DEFAULT_FEEDBACK_SETTINGS.beep,
      vibrate: typeof parsed.vibrate === 'boolean' ? parsed.vibrate : DEFAULT_FEEDBACK_SETTINGS.vibrate,
    };
  } catch {
    // Storage can be blocked by the browser, and a hand-edited entry may not be JSON.
    return { ...DEFAULT_FEEDBACK_SETTINGS };
  }
}

/** Stores the settings; throws the browser's error (e.g. `QuotaExceededError`) when it cannot. */
export function saveFeedbackSettings(
  settings: FeedbackSettings,
  storage: Pick<Storage, 'setItem'> = globalThis.localStorage,
): void {
  storage.setItem(FEEDBACK_SETTINGS_KEY, JSON.stringify({ beep: settings.beep, vibrate: settings.vibrate }));
}

let audio: AudioContext | undefined;

function playBeep(): void {
  if (typeof AudioContext === 'undefined') return;
  audio ??= new AudioContext();
  // A context made before any user gesture starts suspended. Opening the scanner is a
  // gesture, so resuming here normally succeeds.
  if (audio.state === 'suspended') void audio.resume();

  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.type = 'square';
  oscillator.frequency.value = BEEP_FREQUENCY_HZ;
  gain.gain.value = BEEP_VOLUME;
  oscillator.connect(gain).connect(audio.destination);
  const start = audio.currentTime;
  oscillator.start(start);
  oscillator.stop(start + BEEP_DURATION_MS / 1_000);
}

/**
 * Gives the signals switched on in `settings`. Neither can fail the scan: a browser
 * without WebAudio or `navigator.vibrate` (Safari on iOS) simply stays silent or still.
 */
export function playScanFeedback(settings: FeedbackSettings = loadFeedbackSettings()): void {
  if (settings.beep) {
    try {
      playBeep();
    } catch {
      // The scan is accepted either way, so a failed beep is dropped.
    }
  }
  if (settings.vibrate && typeof navigator !== 'undefined' && typeof navigator.vibrate === 'function') {
    navigator.vibrate(VIBRATION_MS);
  }
}

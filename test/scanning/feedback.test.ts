import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FEEDBACK_SETTINGS,
  FEEDBACK_SETTINGS_KEY,
  loadFeedbackSettings,
  saveFeedbackSettings,
} from '../../src/scanning/feedback.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

describe('loadFeedbackSettings', () => {
  it('defaults to beep and vibration on', () => {
    expect(loadFeedbackSettings(memoryStorage())).toEqual(DEFAULT_FEEDBACK_SETTINGS);
  });

  it('reads saved settings', () => {
    const storage = memoryStorage();
    saveFeedbackSettings({ beep: false, vibrate: true }, storage);
    expect(loadFeedbackSettings(storage)).toEqual({ beep: false, vibrate: true });
  });

  it('falls back on an unreadable entry', () => {
    const storage = memoryStorage({ [FEEDBACK_SETTINGS_KEY]: '{not json' });
    expect(loadFeedbackSettings(storage)).toEqual(DEFAULT_FEEDBACK_SETTINGS);
  });

  it('keeps the default for a wrong type', () => {
    const storage = memoryStorage({ [FEEDBACK_SETTINGS_KEY]: '{"beep":"no","vibrate":false}' });
    expect(loadFeedbackSettings(storage)).toEqual({ beep: true, vibrate: false });
  });

  it('falls back when storage throws', () => {
    const blocked = {
      getItem(): string | null {
        throw new DOMException('blocked', 'SecurityError');
      },
    };
    expect(loadFeedbackSettings(blocked)).toEqual(DEFAULT_FEEDBACK_SETTINGS);
  });
});

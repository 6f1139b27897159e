import { signal } from '@preact/signals';

/** A message to the associate: what happened, to which value, and what to do. */
export interface Notice {
  tone: 'success' | 'error' | 'info';
  text: string;
  /** Increases with every notice, so the same text shown twice is announced twice. */
  id: number;
}

/** The one channel for messages to the associate; the message bar shows the latest. */
export const notice = signal<Notice | null>(null);

let nextNoticeId = 1;

export function showNotice(message: { tone: Notice['tone']; text: string }): void {
  notice.value = { ...message, id: nextNoticeId++ };
}

export function clearNotice(): void {
  notice.value = null;
}

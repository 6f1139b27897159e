import type { ConnectivityTarget } from '../../src/sync/sync-engine.ts';

/** A window stand-in whose connectivity a test switches. */
export class FakeWindow implements ConnectivityTarget {
  navigator = { onLine: true };
  private listeners = new Map<string, Set<() => void>>();

  addEventListener(type: string, listener: () => void): void {
    this.listeners.set(type, (this.listeners.get(type) ?? new Set()).add(listener));
  }

  removeEventListener(type: string, listener: () => void): void {
    this.listeners.get(type)?.delete(listener);
  }

  goOnline(online: boolean): void {
    this.navigator.onLine = online;
    this.listeners.get(online ? 'online' : 'offline')?.forEach((listener) => listener());
  }
}

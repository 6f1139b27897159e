// Persistent storage: without it, a browser short of disk space may delete this origin's
// data, unsent captures included, with no prompt.

/** Whether storage is persistent: `unsupported` where the browser has no Storage API. */
export type PersistenceState = 'granted' | 'denied' | 'unsupported';

/** The part of `navigator.storage` used here, injectable for tests. */
export interface PersistenceApi {
  persist?(): Promise<boolean>;
  persisted?(): Promise<boolean>;
}

function defaultApi(): PersistenceApi | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.storage;
}

/**
 * Asks the browser to keep this origin's storage. Chromium grants or denies without a
 * prompt (from engagement, installation or notifications); Firefox may ask the user.
 * Never rejects: a failed request counts as denied.
 */
export async function requestPersistentStorage(api: PersistenceApi | undefined = defaultApi()): Promise<PersistenceState> {
  if (api?.persist === undefined) {
    return 'unsupported';
  }
  try {
    if (api.persisted !== undefined && (await api.persisted())) {
      return 'granted';
    }
    return (await api.persist()) ? 'granted' : 'denied';
  } catch {
    return 'denied';
  }
}

/** Reads whether storage is persistent, without asking for it. */
export async function readPersistence(api: PersistenceApi | undefined = defaultApi()): Promise<PersistenceState> {
  if (api?.persisted === undefined) {
    return 'unsupported';
  }
  try {
    return (await api.persisted()) ? 'granted' : 'denied';
  } catch {
    return 'denied';
  }
}

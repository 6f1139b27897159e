// Injects the QuotaExceededError that a browser raises when an origin's storage is full.
// fake-indexeddb has no quota, so writes to one object store are made to throw it.

import 'fake-indexeddb/auto';

type WriteMethod = 'put' | 'add';

export interface QuotaFault {
  /** Writes that failed so far. */
  readonly failures: number;
  restore(): void;
}

/**
 * Makes `method` on the object store `storeName` throw a QuotaExceededError for its next
 * `times` calls (every call when left out). Other stores write as usual.
 */
export function failWritesWithQuotaError(storeName: string, method: WriteMethod, times = Number.POSITIVE_INFINITY): QuotaFault {
  const prototype = globalThis.IDBObjectStore.prototype;
  const original = prototype[method];
  let left = times;
  let failures = 0;
  prototype[method] = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    if (this.name === storeName && left > 0) {
      left -= 1;
      failures += 1;
      throw new DOMException(`Writing to ${storeName} exceeds the storage quota.`, 'QuotaExceededError');
    }
    return original.apply(this, args);
  };
  return {
    get failures() {
      return failures;
    },
    restore() {
      prototype[method] = original;
    },
  };
}

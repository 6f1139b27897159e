// Names shared by the page and the service worker for Background Sync. This module has no
// imports, so the service worker can use it without pulling in page code.

/** The Background Sync tag the page registers while captures wait for the server. */
export const OUTBOX_SYNC_TAG = 'serial-capture-outbox';

/**
 * The `type` of the message the service worker sends to open pages after that tag fired,
 * so that they sync and show the outbox as it is now.
 */
export const SYNC_REQUESTED_MESSAGE = 'SYNC_REQUESTED';

/**
 * The Web Lock that every sync holds, in a page or in the service worker, so that two of
 * them never push the same outbox entry at once.
 */
export const SYNC_LOCK_NAME = 'serial-capture-sync';

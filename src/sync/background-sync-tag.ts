// Names shared by the page and the service worker for Background Sync. This module has no
// imports, so the service worker can use it without pulling in page code.

/** The Background Sync tag the page registers while captures wait for the server. */
export const OUTBOX_SYNC_TAG = 'serial-capture-outbox';

/** The `type` of the message the service worker sends to open pages when that tag fires. */
export const SYNC_REQUESTED_MESSAGE = 'SYNC_REQUESTED';

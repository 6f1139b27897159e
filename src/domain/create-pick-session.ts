// Kept apart from picking-session.ts, because device storage creates sessions when pick
// lists arrive, and the rest of the picking rules load only with the Picking screen.

import type { PickSession } from './picking-types.ts';
import type { PickList } from './types.ts';

/** Creates a session for `pickList` with nothing picked yet, waiting for an item. */
export function createPickSession(pickList: PickList): PickSession {
  return {
    pick_list_id: pickList.id,
    lines: pickList.items.map((item) => ({ line_id: item.line_id, product_id: item.product_id, quantity: item.quantity })),
    units: [],
    awaiting: { step: 'item' },
  };
}

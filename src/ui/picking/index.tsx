import { useEffect } from 'preact/hooks';
import type { Device } from '../../storage/sync-state-store.ts';
import { PickListScreen } from './pick-list-screen.tsx';
import { PickListsScreen } from './pick-lists-screen.tsx';
import type { PickingController } from './picking-controller.ts';
import './picking.css';

interface PickingProps {
  controller: PickingController;
  device: Device | undefined;
  /** The pick list opened at `#/picking/{id}`, or undefined for the list of pick lists. */
  pickListId: string | undefined;
  /** Time of the last successful sync, which may have brought or closed pick lists. */
  lastSyncAt: string | undefined;
}

/** Renders the picking screens: the open pick lists, or one pick list being picked. */
export function Picking({ controller, device, pickListId, lastSyncAt }: PickingProps) {
  useEffect(() => {
    if (pickListId === undefined) void controller.loadList();
    else void controller.open(pickListId);
  }, [controller, pickListId, lastSyncAt]);

  return (
    <section class="screen picking" aria-labelledby="picking-heading">
      {!device && (
        <p class="banner" role="note">
          This device is not paired with a store yet. Pair it in <a href="#/settings">Settings</a> to download pick lists.
        </p>
      )}
      {pickListId === undefined ? (
        <PickListsScreen controller={controller} />
      ) : (
        <PickListScreen controller={controller} pickListId={pickListId} />
      )}
    </section>
  );
}

import { signal } from '@preact/signals';
import { pickMessageFor, type PickMessageContext } from '../../domain/picking-messages.ts';
import {
  askPickSerialFor,
  completePick,
  handlePickScan,
  handlePickSerialScan,
  skipPickSerial,
  undoPickedUnit,
  type PickScanDeps,
  type PickSession,
} from '../../domain/picking-session.ts';
import type { ScanEvent } from '../../domain/scan-event.ts';
import { getConfigInForce } from '../../storage/config-store.ts';
import { getPick, listPicks, saveCompletedPick, savePickProgress } from '../../storage/pick-store.ts';
import { findProductByCode } from '../../storage/product-store.ts';
import type { PickRecord } from '../../storage/schema.ts';
import { loadSerialPolicy } from '../lazy-serial-policy.ts';
import { showNotice } from '../notice.ts';
import type { Services } from '../services.ts';
import { describeStorageError } from '../storage-error.ts';

/**
 * Creates the state of the picking screens: the pick lists on the device and the one
 * being picked. Every change to the progress is saved to IndexedDB before the screen
 * shows it, so a captured serial is on the device before the screen confirms it, and the
 * progress survives a reload.
 */
export function createPickingController(services: Services) {
  const { db, engine } = services;
  const records = signal<PickRecord[]>([]);
  const listLoaded = signal(false);
  /** The opened pick list as stored, or null when `openedId` is not on the device. */
  const opened = signal<PickRecord | null | undefined>(undefined);
  const session = signal<PickSession | undefined>(undefined);
  /** Product titles of the opened pick list's lines, by `product_id`. */
  const titles = signal<ReadonlyMap<string, string>>(new Map());
  let openedId: string | undefined;

  // Scans are applied one at a time, in arrival order: a wedge scanner can send the next
  // code before the lookup of the previous one has finished.
  let queue: Promise<void> = Promise.resolve();
  function enqueue(step: () => Promise<void>): Promise<void> {
    queue = queue.then(step).catch((error: unknown) => {
      const name = error instanceof Error ? error.name : '';
      const text = name === 'PickNotOpenError' ? (error as Error).message : describeStorageError(error);
      showNotice({ tone: 'error', text });
    });
    return queue;
  }

  const messageContext: PickMessageContext = {
    lineTitle(lineId) {
      const line = session.value?.lines.find((candidate) => candidate.line_id === lineId);
      return line === undefined ? undefined : titles.value.get(line.product_id);
    },
  };

  async function scanDeps(): Promise<PickScanDeps> {
    return {
      findProduct: (code) => findProductByCode(db, code),
      policy: await loadSerialPolicy(await getConfigInForce(db)),
      newUnitId: () => crypto.randomUUID(),
    };
  }

  async function readTitles(record: PickRecord): Promise<ReadonlyMap<string, string>> {
    const map = new Map<string, string>();
    for (const item of record.pick_list.items) {
      const product = await findProductByCode(db, item.product_id);
      if (product?.product_id === item.product_id && product.title !== undefined) {
        map.set(item.product_id, product.title);
      }
    }
    return map;
  }

  function loadList(): Promise<void> {
    return enqueue(async () => {
      records.value = await listPicks(db);
      listLoaded.value = true;
    });
  }

  /** Opens the pick list `id` from device storage, or reloads the opened one when `id` is undefined. */
  function open(id: string | undefined = openedId): Promise<void> {
    openedId = id;
    return enqueue(async () => {
      if (id === undefined) return;
      const record = await getPick(db, id);
      titles.value = record === undefined ? new Map() : await readTitles(record);
      opened.value = record ?? null;
      session.value = record?.session;
    });
  }

  async function commit(next: PickSession): Promise<void> {
    if (next === session.value) return;
    await savePickProgress(db, next);
    session.value = next;
  }

  function withSession(step: (current: PickSession) => Promise<void>): Promise<void> {
    return enqueue(async () => {
      const current = session.value;
      if (current === undefined || opened.value?.status !== 'open') return;
      await step(current);
    });
  }

  function scan(input: ScanEvent | string): Promise<void> {
    return withSession(async (current) => {
      const result = await handlePickScan(current, input, await scanDeps());
      await commit(result.session);
      showNotice(pickMessageFor(result.outcome, messageContext));
    });
  }

  function typeSerial(unitId: string, text: string): Promise<void> {
    return withSession(async (current) => {
      const result = await handlePickSerialScan(current, unitId, text, await scanDeps());
      await commit(result.session);
      showNotice(pickMessageFor(result.outcome, messageContext));
    });
  }

  function change(update: (current: PickSession) => PickSession): Promise<void> {
    return withSession((current) => commit(update(current)));
  }

  function complete(): Promise<void> {
    return withSession(async (current) => {
      const result = completePick(current, new Date().toISOString());
      if (!result.ok) {
        showNotice(pickMessageFor(result.blocked, messageContext));
        return;
      }
      // The pick and its outbox entry are one strict-durability transaction.
      await saveCompletedPick(db, result.completion, current);
      opened.value = (await getPick(db, current.pick_list_id)) ?? null;
      const units = result.completion.units.length;
      showNotice({
        tone: 'success',
        text:
          `Pick ${current.pick_list_id} saved on this device (${units} ${units === 1 ? 'unit' : 'units'}). ` +
          'It is sent to the server when the device is online.',
      });
      await engine.refreshPending();
      void engine.syncNow();
    });
  }

  return {
    records,
    listLoaded,
    opened,
    session,
    titles,
    loadList,
    open,
    scan,
    typeSerial,
    complete,
    messageContext,
    askSerial: (unitId: string) => change((current) => askPickSerialFor(current, unitId)),
    skipSerial: () => change(skipPickSerial),
    undo: (unitId: string) => change((current) => undoPickedUnit(current, unitId)),
  };
}

export type PickingController = ReturnType<typeof createPickingController>;

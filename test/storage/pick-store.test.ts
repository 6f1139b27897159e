import { describe, expect, it } from 'vitest';
import { createPickSession, type PickSession } from '../../src/domain/picking-session.ts';
import type { PickCompletion } from '../../src/domain/types.ts';
import { listOutbox } from '../../src/storage/outbox-store.ts';
import {
  acknowledgePickCompletion,
  applyOpenPickLists,
  getPick,
  listPicks,
  saveCompletedPick,
  savePickProgress,
} from '../../src/storage/pick-store.ts';
import { openDeviceDb, type DeviceDb } from '../../src/storage/schema.ts';
import { makePickList } from '../domain/pick-deps.ts';
import { openTestDb, uniqueDbName } from './test-db.ts';

const LIST_1 = makePickList('PL-0001', [['L1', '1001', 1]]);
const LIST_2 = makePickList('PL-0002', [['L1', '1017', 2]]);
const AT = '2026-12-04T10:00:00.000Z';
const LATER = '2026-12-04T11:00:00.000Z';

function withSerialUnit(session: PickSession, serial = 'C02XK1ABCD1234'): PickSession {
  const unit = { unit_id: 'U1', line_id: 'L1', product_id: '1001', title: 'Laptop', serialized: true, serial_number: serial };
  return { ...session, units: [unit] };
}

function completionOf(session: PickSession): PickCompletion {
  const units = session.units.map((unit) => ({ line_id: unit.line_id, product_id: unit.product_id, serial_number: unit.serial_number! }));
  return { pick_list_id: session.pick_list_id, completed_at: LATER, units };
}

async function progressOnList1(db: DeviceDb): Promise<PickSession> {
  await applyOpenPickLists(db, [LIST_1, LIST_2], AT);
  const session = withSerialUnit(createPickSession(LIST_1));
  await savePickProgress(db, session);
  return session;
}

describe('applyOpenPickLists', () => {
  it('stores new lists with an empty session', async () => {
    const db = await openTestDb();

    const applied = await applyOpenPickLists(db, [LIST_1, LIST_2], AT);
    const record = await getPick(db, 'PL-0001');

    expect(applied.added).toEqual(['PL-0001', 'PL-0002']);
    expect(record?.status).toBe('open');
    expect(record?.pick_list).toEqual(LIST_1);
    expect(record?.session).toEqual(createPickSession(LIST_1));
    db.close();
  });

  it('keeps progress on a second download', async () => {
    const db = await openTestDb();
    const session = await progressOnList1(db);

    const applied = await applyOpenPickLists(db, [LIST_1, LIST_2], LATER);

    expect(applied.added).toEqual([]);
    expect((await getPick(db, 'PL-0001'))?.session).toEqual(session);
    db.close();
  });

  it('removes a closed list without progress', async () => {
    const db = await openTestDb();
    await progressOnList1(db);

    const applied = await applyOpenPickLists(db, [LIST_1], LATER);

    expect(applied.removed).toEqual(['PL-0002']);
    expect(await getPick(db, 'PL-0002')).toBeUndefined();
    db.close();
  });

  it('keeps a closed list with progress', async () => {
    const db = await openTestDb();
    const session = await progressOnList1(db);

    const applied = await applyOpenPickLists(db, [LIST_2], LATER);
    const record = await getPick(db, 'PL-0001');

    expect(applied.kept).toEqual(['PL-0001']);
    expect(record?.missing_from_server_since).toBe(LATER);
    expect(record?.session).toEqual(session);
    db.close();
  });

  it('clears the mark when the list reopens', async () => {
    const db = await openTestDb();
    await progressOnList1(db);
    await applyOpenPickLists(db, [], LATER);

    await applyOpenPickLists(db, [LIST_1], LATER);

    expect((await getPick(db, 'PL-0001'))?.missing_from_server_since).toBeUndefined();
    db.close();
  });

  it('keeps a completed list until it is sent', async () => {
    const db = await openTestDb();
    const session = await progressOnList1(db);
    await saveCompletedPick(db, completionOf(session), session);

    await applyOpenPickLists(db, [], LATER);
    const kept = await getPick(db, 'PL-0001');
    const [entry] = await listOutbox(db);
    await acknowledgePickCompletion(db, entry!.seq, 'PL-0001');
    await applyOpenPickLists(db, [], LATER);

    expect(kept?.status).toBe('completed');
    expect(await getPick(db, 'PL-0001')).toBeUndefined();
    db.close();
  });
});

describe('applyOpenPickLists after a flagged pick', () => {
  it('keeps a sent pick the server flagged', async () => {
    const db = await openTestDb();
    const session = await progressOnList1(db);
    await saveCompletedPick(db, completionOf(session), session);
    const [entry] = await listOutbox(db);
    const conflict = { line_id: 'L1', product_id: '1001', serial_number: 'C02XK1ABCD1234', reason: 'duplicate_serial' };
    await acknowledgePickCompletion(db, entry!.seq, 'PL-0001', [conflict]);

    await applyOpenPickLists(db, [], LATER);

    expect((await getPick(db, 'PL-0001'))?.conflicts).toEqual([conflict]);
    db.close();
  });
});

describe('savePickProgress', () => {
  it('survives reopening the database', async () => {
    const name = uniqueDbName();
    const db = await openDeviceDb({ name });
    const session = await progressOnList1(db);
    db.close();

    const reopened = await openDeviceDb({ name });

    expect((await getPick(reopened, 'PL-0001'))?.session).toEqual(session);
    reopened.close();
  });

  it('rejects a list not on the device', async () => {
    const db = await openTestDb();

    await expect(savePickProgress(db, createPickSession(LIST_1))).rejects.toMatchObject({ name: 'PickNotOpenError' });
    db.close();
  });
});

describe('saveCompletedPick', () => {
  it('stores the pick and its outbox entry', async () => {
    const db = await openTestDb();
    const session = await progressOnList1(db);

    await saveCompletedPick(db, completionOf(session), session);
    const record = await getPick(db, 'PL-0001');
    const outbox = await listOutbox(db);

    expect(record?.status).toBe('completed');
    expect(record?.completion).toEqual(completionOf(session));
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.kind).toBe('pick_completion');
    expect(outbox[0]?.capture_id).toBe('pick:PL-0001');
    expect(outbox[0]?.payload).toEqual(completionOf(session));
    db.close();
  });

  it('rejects a second completion', async () => {
    const db = await openTestDb();
    const session = await progressOnList1(db);
    await saveCompletedPick(db, completionOf(session), session);

    const other = withSerialUnit(session, 'OTHERSERIAL001');
    await expect(saveCompletedPick(db, completionOf(other), other)).rejects.toMatchObject({ name: 'PickNotOpenError' });

    expect(await listOutbox(db)).toHaveLength(1);
    expect((await getPick(db, 'PL-0001'))?.completion).toEqual(completionOf(session));
    db.close();
  });

  it('rejects progress after completion', async () => {
    const db = await openTestDb();
    const session = await progressOnList1(db);
    await saveCompletedPick(db, completionOf(session), session);

    await expect(savePickProgress(db, createPickSession(LIST_1))).rejects.toMatchObject({ name: 'PickNotOpenError' });
    expect((await getPick(db, 'PL-0001'))?.session).toEqual(session);
    db.close();
  });

  it('writes nothing when the entry cannot be queued', async () => {
    const db = await openTestDb();
    const session = await progressOnList1(db);
    const completion = { ...completionOf(session), note: () => 'not storable' } as unknown as PickCompletion;

    await expect(saveCompletedPick(db, completion, session)).rejects.toMatchObject({ name: 'DataCloneError' });

    expect((await getPick(db, 'PL-0001'))?.status).toBe('open');
    expect(await listOutbox(db)).toHaveLength(0);
    db.close();
  });
});

describe('acknowledgePickCompletion', () => {
  it('marks the pick sent', async () => {
    const db = await openTestDb();
    const session = await progressOnList1(db);
    await saveCompletedPick(db, completionOf(session), session);
    const [entry] = await listOutbox(db);

    await acknowledgePickCompletion(db, entry!.seq, 'PL-0001');

    expect((await getPick(db, 'PL-0001'))?.status).toBe('sent');
    expect(await listOutbox(db)).toHaveLength(0);
    db.close();
  });
});

describe('listPicks', () => {
  it('lists oldest first', async () => {
    const db = await openTestDb();
    const newer = { ...makePickList('PL-0000', [['L1', '1017', 1]]), created_at: '2026-12-05T08:00:00.000Z' };
    await applyOpenPickLists(db, [newer, LIST_2, LIST_1], AT);

    const ids = (await listPicks(db)).map((record) => record.pick_list_id);

    expect(ids).toEqual(['PL-0001', 'PL-0002', 'PL-0000']);
    db.close();
  });
});

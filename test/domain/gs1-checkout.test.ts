import { describe, expect, it } from 'vitest';
import { createCheckoutSession, handleScan, handleSerialScan, setFulfillment, skipSerial } from '../../src/domain/checkout-session.ts';
import { messageFor } from '../../src/domain/messages.ts';
import type { ScanEvent } from '../../src/domain/scan-event.ts';
import { makeScanDeps, scanAll } from './scan-deps.ts';

const GS = '\u001d';
const PHONE_GTIN = '09506000134352'; // 1100, serialized
const LAPTOP = '9506000010014'; // 1001, serialized
const TSHIRT_GTIN = '09506000010175'; // 1017, plain
const SERIAL = 'SNGS1000000001';

function gs1Event(text: string): ScanEvent {
  return { text, symbologyId: ']d2', format: 'GS1 DataMatrix', source: 'wedge', at: 0 };
}

describe('handleScan with GS1 in item step', () => {
  it('adds the item and its serial', async () => {
    const { session, outcome } = await handleScan(createCheckoutSession(), gs1Event(`01${PHONE_GTIN}21${SERIAL}`), makeScanDeps());
    expect(outcome).toMatchObject({ kind: 'serial_captured', serial: SERIAL, product_id: '1100' });
    expect(session.lines).toHaveLength(1);
    expect(session.lines[0]?.serial_number).toBe(SERIAL);
    expect(session.awaiting).toEqual({ step: 'item' });
  });

  it('accepts raw wedge text', async () => {
    const { outcome } = await handleScan(createCheckoutSession(), `]d201${PHONE_GTIN}21${SERIAL}${GS}17271231\r\n`, makeScanDeps());
    expect(outcome).toMatchObject({ kind: 'serial_captured', serial: SERIAL });
  });

  it('keeps the item when the serial fails', async () => {
    const { session, outcome } = await handleScan(createCheckoutSession(), gs1Event(`01${PHONE_GTIN}21ABC123`), makeScanDeps());
    expect(outcome).toMatchObject({ kind: 'serial_format', serial: 'ABC123' });
    expect(session.lines.map((line) => line.product_id)).toEqual(['1100']);
    expect(session.lines[0]?.serial_number).toBeUndefined();
    expect(session.awaiting).toEqual({ step: 'serial', line_id: 'L1' });
  });

  it('rejects a serial already in the order', async () => {
    const deps = makeScanDeps();
    const first = await scanAll(createCheckoutSession(), [`]d201${PHONE_GTIN}21${SERIAL}`], deps);
    const { session, outcome } = await handleScan(first, gs1Event(`01${PHONE_GTIN}21${SERIAL}`), deps);
    expect(outcome).toEqual({ kind: 'serial_in_order', serial: SERIAL, line_id: 'L1' });
    expect(session.awaiting).toEqual({ step: 'serial', line_id: 'L2' });
  });

  it('adds the item only for a lot', async () => {
    const { session, outcome } = await handleScan(createCheckoutSession(), gs1Event(`01${PHONE_GTIN}10LOT7`), makeScanDeps());
    expect(outcome).toMatchObject({ kind: 'item_added', needs_serial: true });
    expect(session.lines[0]?.serial_number).toBeUndefined();
    expect(session.awaiting).toEqual({ step: 'serial', line_id: 'L1' });
  });

  it('never takes a lot as serial', async () => {
    const { session } = await handleScan(createCheckoutSession(), gs1Event(`01${PHONE_GTIN}10${SERIAL}`), makeScanDeps());
    expect(session.lines[0]?.serial_number).toBeUndefined();
  });

  it('takes the serial beside a lot', async () => {
    const { session } = await handleScan(createCheckoutSession(), gs1Event(`01${PHONE_GTIN}10LOT7${GS}21${SERIAL}`), makeScanDeps());
    expect(session.lines[0]?.serial_number).toBe(SERIAL);
  });

  it('ignores a serial on a plain product', async () => {
    const { session, outcome } = await handleScan(createCheckoutSession(), gs1Event(`01${TSHIRT_GTIN}21${SERIAL}`), makeScanDeps());
    expect(outcome).toMatchObject({ kind: 'item_added', needs_serial: false });
    expect(session.lines[0]).toMatchObject({ product_id: '1017', quantity: 1 });
    expect(session.lines[0]?.serial_number).toBeUndefined();
  });

  it('reports an unknown GTIN', async () => {
    const { outcome } = await handleScan(createCheckoutSession(), gs1Event('0100000000000017'), makeScanDeps());
    expect(outcome).toEqual({ kind: 'product_not_found', code: '00000000000017' });
  });

  it('reports a scan without GTIN', async () => {
    const { session, outcome } = await handleScan(createCheckoutSession(), gs1Event(`21${SERIAL}`), makeScanDeps());
    expect(outcome).toEqual({ kind: 'gs1_no_gtin' });
    expect(session.lines).toEqual([]);
  });

  it('reports a missing separator', async () => {
    const { session, outcome } = await handleScan(
      createCheckoutSession(),
      gs1Event(`01${PHONE_GTIN}21${SERIAL}17271231`),
      makeScanDeps(),
    );
    expect(outcome).toMatchObject({ kind: 'gs1_invalid', code: 'missing_separator' });
    expect(session.lines).toEqual([]);
  });

  it('reports a wrong check digit', async () => {
    const { outcome } = await handleScan(createCheckoutSession(), gs1Event(`0109506000134353`), makeScanDeps());
    expect(outcome).toMatchObject({ kind: 'gs1_invalid', code: 'invalid_check_digit' });
  });
});

describe('handleScan with GS1 in serial step', () => {
  async function awaitingPhoneSerial() {
    const deps = makeScanDeps();
    const session = await scanAll(createCheckoutSession(), [`]d201${PHONE_GTIN}10LOT7`], deps);
    return { deps, session };
  }

  it('fills the same product serial', async () => {
    const { deps, session } = await awaitingPhoneSerial();
    const result = await handleScan(session, gs1Event(`01${PHONE_GTIN}21${SERIAL}`), deps);
    expect(result.outcome).toMatchObject({ kind: 'serial_captured', line_id: 'L1', serial: SERIAL });
    expect(result.session.lines).toHaveLength(1);
  });

  it('rejects another product GTIN', async () => {
    const deps = makeScanDeps();
    const session = await scanAll(createCheckoutSession(), [LAPTOP], deps);
    const result = await handleScan(session, gs1Event(`01${PHONE_GTIN}21${SERIAL}`), deps);
    expect(result.outcome).toMatchObject({ kind: 'serial_is_other_product', serial: PHONE_GTIN, product: { product_id: '1100' } });
    expect(result.session).toBe(session);
  });

  it('rejects a GS1 scan without serial', async () => {
    const { deps, session } = await awaitingPhoneSerial();
    const result = await handleScan(session, gs1Event(`01${PHONE_GTIN}10LOT7`), deps);
    expect(result.outcome).toEqual({ kind: 'gs1_no_serial' });
    expect(result.session.lines[0]?.serial_number).toBeUndefined();
  });

  it('rejects an unknown GTIN', async () => {
    const { deps, session } = await awaitingPhoneSerial();
    const result = await handleScan(session, gs1Event(`010000000000001721${SERIAL}`), deps);
    expect(result.outcome).toEqual({ kind: 'gs1_unknown_gtin', gtin: '00000000000017' });
  });

  it('takes a serial-only label', async () => {
    const { deps, session } = await awaitingPhoneSerial();
    const result = await handleScan(session, { text: `21${SERIAL}`, symbologyId: ']C1', source: 'wedge', at: 0 }, deps);
    expect(result.outcome).toMatchObject({ kind: 'serial_captured', serial: SERIAL });
  });

  it('validates the GS1 serial', async () => {
    const { deps, session } = await awaitingPhoneSerial();
    const result = await handleScan(session, gs1Event(`01${PHONE_GTIN}21abc`), deps);
    expect(result.outcome).toMatchObject({ kind: 'serial_format', serial: 'abc' });
  });

  it('reports an unparsable scan', async () => {
    const { deps, session } = await awaitingPhoneSerial();
    const result = await handleScan(session, gs1Event('99'), deps);
    expect(result.outcome).toMatchObject({ kind: 'gs1_invalid', code: 'data_too_short' });
    expect(result.session).toBe(session);
  });

  it('takes plain text as before', async () => {
    const { deps, session } = await awaitingPhoneSerial();
    const result = await handleScan(session, { text: SERIAL, source: 'keyboard', at: 0 }, deps);
    expect(result.outcome).toMatchObject({ kind: 'serial_captured', serial: SERIAL });
  });
});

describe('handleSerialScan', () => {
  it('fills a line not awaited', async () => {
    const deps = makeScanDeps();
    const phone = skipSerial(await scanAll(createCheckoutSession(), [`]d201${PHONE_GTIN}`], deps));
    const session = await scanAll(phone, [LAPTOP], deps);
    const result = await handleSerialScan(session, 'L1', gs1Event(`01${PHONE_GTIN}21${SERIAL}`), deps);
    expect(result.session.lines[0]?.serial_number).toBe(SERIAL);
    expect(result.session.awaiting).toEqual({ step: 'serial', line_id: 'L2' });
  });

  it('refuses a shipped line', async () => {
    const deps = makeScanDeps();
    const added = await scanAll(createCheckoutSession(), [`]d201${PHONE_GTIN}`], deps);
    const shipped = setFulfillment(added, 'L1', 'SHIPPING');
    const result = await handleSerialScan(shipped, 'L1', gs1Event(`01${PHONE_GTIN}21${SERIAL}`), deps);
    expect(result.outcome).toMatchObject({ kind: 'invalid_scan', reason: 'serial_not_needed' });
  });
});

describe('messageFor GS1 outcomes', () => {
  it('names the parse fault', async () => {
    const { outcome } = await handleScan(createCheckoutSession(), gs1Event(`01${PHONE_GTIN}21${SERIAL}17271231`), makeScanDeps());
    const message = messageFor(outcome);
    expect(message.tone).toBe('error');
    expect(message.text).toContain('Is the group separator after AI 21 missing?');
    expect(message.text).toContain('scan the product barcode and the serial one by one');
  });

  it('names the unknown GTIN', () => {
    expect(messageFor({ kind: 'gs1_unknown_gtin', gtin: '00000000000017' }).text).toContain('GTIN 00000000000017');
  });

  it('asks for the product first', () => {
    expect(messageFor({ kind: 'gs1_no_gtin' }).text).toContain('Scan the product barcode first');
  });

  it('asks for the unit serial', () => {
    expect(messageFor({ kind: 'gs1_no_serial' }).text).toContain('Scan the serial number on the unit');
  });
});

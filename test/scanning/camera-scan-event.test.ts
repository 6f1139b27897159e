import { describe, expect, it } from 'vitest';
import { scanEventText, toCameraScanEvent } from '../../src/scanning/camera-scan-event.ts';

describe('toCameraScanEvent', () => {
  it('marks the camera as source', () => {
    const event = toCameraScanEvent({ text: '9506000010014', format: 'EAN-13', symbologyId: ']E0' }, 1_000);
    expect(event).toEqual({ text: '9506000010014', format: 'EAN-13', symbologyId: ']E0', source: 'camera', at: 1_000 });
  });

  it('leaves out an empty symbology id', () => {
    const event = toCameraScanEvent({ text: 'X', format: 'QR Code', symbologyId: '' }, 1);
    expect('symbologyId' in event).toBe(false);
  });
});

describe('scanEventText', () => {
  it('prefixes a GS1 DataMatrix', () => {
    const text = '010950600013435221SNGS1000000001';
    expect(scanEventText({ text, symbologyId: ']d2', source: 'camera', at: 0 })).toBe(`]d2${text}`);
  });

  it('prefixes GS1-128', () => {
    expect(scanEventText({ text: '0109506000134352', symbologyId: ']C1', source: 'camera', at: 0 })).toBe(']C10109506000134352');
  });

  it('passes a plain Code 128', () => {
    expect(scanEventText({ text: 'C02XK1ABCD1234', symbologyId: ']C0', source: 'camera', at: 0 })).toBe('C02XK1ABCD1234');
  });

  it('passes text without an id', () => {
    expect(scanEventText({ text: '9506000010014', source: 'camera', at: 0 })).toBe('9506000010014');
  });
});

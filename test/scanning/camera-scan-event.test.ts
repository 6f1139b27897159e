import { describe, expect, it } from 'vitest';
import { toCameraScanEvent } from '../../src/scanning/camera-scan-event.ts';

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

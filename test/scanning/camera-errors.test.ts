import { describe, expect, it } from 'vitest';
import { describeCameraError, findCameraBlocker } from '../../src/scanning/camera-errors.ts';

const mediaDevices = { getUserMedia: () => Promise.reject(new Error('not used')) };

describe('findCameraBlocker', () => {
  it('allows a secure page with mediaDevices', () => {
    expect(findCameraBlocker({ isSecureContext: true, mediaDevices })).toBeUndefined();
  });

  it('names an insecure page', () => {
    const message = findCameraBlocker({ isSecureContext: false, mediaDevices });
    expect(message).toContain('secure connection');
    expect(message).toContain('hardware scanner');
  });

  it('names missing mediaDevices', () => {
    const message = findCameraBlocker({ isSecureContext: true, mediaDevices: undefined });
    expect(message).toContain('no access to cameras');
    expect(message).toContain('hardware scanner');
  });
});

describe('describeCameraError', () => {
  it('stays silent for AbortError', () => {
    expect(describeCameraError(new DOMException('closed', 'AbortError'))).toBeUndefined();
  });

  it.each([
    ['NotAllowedError', 'Camera access was denied'],
    ['NotFoundError', 'No camera was found'],
    ['OverconstrainedError', 'No camera was found'],
    ['NotReadableError', 'another app'],
  ])('explains %s', (name, expected) => {
    const message = describeCameraError(new DOMException('from the browser', name));
    expect(message).toContain(expected);
    expect(message).toContain('hardware scanner');
  });

  it('names an unknown error', () => {
    expect(describeCameraError(new TypeError('boom'))).toContain('TypeError: boom');
  });
});

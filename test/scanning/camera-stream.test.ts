import { describe, expect, it } from 'vitest';
import { cameraConstraints, pickRearCamera, requestCameraStream } from '../../src/scanning/camera-stream.ts';

function fakeStream() {
  const tracks = [{ readyState: 'live', stop() { this.readyState = 'ended'; } }];
  return { tracks, stream: { getTracks: () => tracks } as unknown as MediaStream };
}

function deferredMediaDevices() {
  let deliver: (stream: MediaStream) => void = () => undefined;
  const calls: MediaStreamConstraints[] = [];
  const mediaDevices = {
    getUserMedia(constraints: MediaStreamConstraints) {
      calls.push(constraints);
      return new Promise<MediaStream>((resolve) => {
        deliver = resolve;
      });
    },
  };
  return { mediaDevices, calls, deliver: (stream: MediaStream) => deliver(stream) };
}

describe('cameraConstraints', () => {
  it('asks for the rear camera by default', () => {
    expect(cameraConstraints().facingMode).toEqual({ ideal: 'environment' });
  });

  it('asks for one camera by id', () => {
    expect(cameraConstraints('cam-2').deviceId).toEqual({ exact: 'cam-2' });
  });
});

describe('requestCameraStream', () => {
  it('resolves with the granted stream', async () => {
    const fake = deferredMediaDevices();
    const pending = requestCameraStream(undefined, new AbortController().signal, fake.mediaDevices);
    const { stream } = fakeStream();
    fake.deliver(stream);
    expect(await pending).toBe(stream);
  });

  it('rejects with AbortError when closed first', async () => {
    const fake = deferredMediaDevices();
    const controller = new AbortController();
    const pending = requestCameraStream(undefined, controller.signal, fake.mediaDevices);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('stops a stream that arrives after abort', async () => {
    const fake = deferredMediaDevices();
    const controller = new AbortController();
    const pending = requestCameraStream(undefined, controller.signal, fake.mediaDevices);
    pending.catch(() => undefined);
    controller.abort();
    const { stream, tracks } = fakeStream();
    fake.deliver(stream);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(tracks[0]?.readyState).toBe('ended');
  });

  it('never asks once aborted', async () => {
    const fake = deferredMediaDevices();
    const controller = new AbortController();
    controller.abort();
    await expect(requestCameraStream(undefined, controller.signal, fake.mediaDevices)).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(fake.calls).toHaveLength(0);
  });

  it('passes the browser error through', async () => {
    const denied = new DOMException('Permission denied', 'NotAllowedError');
    const mediaDevices = { getUserMedia: () => Promise.reject(denied) };
    await expect(requestCameraStream(undefined, new AbortController().signal, mediaDevices)).rejects.toBe(denied);
  });
});

describe('pickRearCamera', () => {
  const front = { deviceId: 'front', label: 'camera2 1, facing front' };
  const back = { deviceId: 'back', label: 'camera2 0, facing back' };
  const usb = { deviceId: 'usb', label: 'USB Camera (046d:0825)' };

  it('keeps a current rear camera', () => {
    const otherBack = { deviceId: 'back-2', label: 'camera2 2, facing back' };
    expect(pickRearCamera([back, otherBack], 'back-2')).toBe('back-2');
  });

  it('moves from front to rear', () => {
    expect(pickRearCamera([front, back], 'front')).toBe('back');
  });

  it('keeps the current camera without a rear label', () => {
    expect(pickRearCamera([usb, front], 'usb')).toBe('usb');
  });

  it('matches rear and environment labels', () => {
    expect(pickRearCamera([front, { deviceId: 'r', label: 'Rear Camera' }], 'front')).toBe('r');
    expect(pickRearCamera([front, { deviceId: 'e', label: 'environment' }], 'front')).toBe('e');
  });
});

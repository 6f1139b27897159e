import { afterEach, describe, expect, it } from 'vitest';
import { whenNoWorkOpen, workOpenInTab } from '../../src/ui/open-work.ts';

afterEach(() => {
  workOpenInTab.value = false;
});

describe('whenNoWorkOpen', () => {
  it('resolves at once with nothing open', async () => {
    await expect(whenNoWorkOpen()).resolves.toBeUndefined();
  });

  it('waits for the open sale to end', async () => {
    workOpenInTab.value = true;
    let resolved = false;
    const waiting = whenNoWorkOpen().then(() => (resolved = true));
    await Promise.resolve();

    expect(resolved).toBe(false);

    workOpenInTab.value = false;
    await waiting;

    expect(resolved).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { Gs1ParserLoadError } from '../../src/domain/gs1-scan.ts';
import { describeStorageError } from '../../src/ui/storage-error.ts';

describe('describeStorageError', () => {
  it('says a scan was not used when the GS1 reader fails to load', () => {
    const text = describeStorageError(new Gs1ParserLoadError('the GS1 barcode reader could not be loaded: Failed to fetch'));

    expect(text).toBe('The scan was not used, because the GS1 barcode reader could not be loaded: Failed to fetch. Reload the app, then scan again.');
  });

  it('names a full device', () => {
    expect(describeStorageError(new DOMException('full', 'QuotaExceededError'))).toContain('out of storage space');
  });
});

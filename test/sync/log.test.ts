import { afterEach, describe, expect, it } from 'vitest';
import { log, redactTokens, setLogSilent, setLogSink, type LogSink } from '../../src/sync/log.ts';

function createRecordingSink(): LogSink & { lines: unknown[][] } {
  const lines: unknown[][] = [];
  return {
    lines,
    info: (...data) => lines.push(['info', ...data]),
    warn: (...data) => lines.push(['warn', ...data]),
    error: (...data) => lines.push(['error', ...data]),
  };
}

afterEach(() => {
  setLogSilent(true);
  setLogSink(console);
});

describe('log', () => {
  it('is silent in tests', () => {
    const sink = createRecordingSink();
    setLogSink(sink);

    log.info('sync started');

    expect(sink.lines).toHaveLength(0);
  });

  it('prefixes lines and redacts tokens', () => {
    const sink = createRecordingSink();
    setLogSink(sink);
    setLogSilent(false);

    log.warn('paired', { device_id: 'device-1', device_token: 'secret' });

    expect(sink.lines).toEqual([['warn', '[sync]', 'paired', { device_id: 'device-1', device_token: '[redacted]' }]]);
  });
});

describe('redactTokens', () => {
  it('redacts nested token fields', () => {
    const redacted = redactTokens({ device: { deviceToken: 'secret', store_id: 's1' }, list: [{ token: 'x' }] });

    expect(redacted).toEqual({
      device: { deviceToken: '[redacted]', store_id: 's1' },
      list: [{ token: '[redacted]' }],
    });
  });

  it('leaves errors unchanged', () => {
    const error = new Error('fetch failed');

    expect(redactTokens(error)).toBe(error);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SseParser } from './sse';

const STREAM =
  ': hello\n\nid: 1\nevent: timeline\ndata: {"a":1}\n\ndata: line one\r\ndata: line two\r\n\r\nretry: 3000\nid: 7\ndata\n\n';

describe('SSE parser', () => {
  it('parses events, ids, multi-line data, comments and retry', () => {
    expect(new SseParser().push(STREAM)).toEqual([
      { id: '1', event: 'timeline', data: '{"a":1}', retry: undefined },
      { id: '1', event: 'message', data: 'line one\nline two', retry: undefined },
      { id: '7', event: 'message', data: '', retry: 3000 },
    ]);
  });

  it('gives the same messages however the stream is split into chunks', () => {
    const whole = new SseParser().push(STREAM);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: STREAM.length }), { maxLength: 10 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const parser = new SseParser();
        const messages = [];
        let start = 0;
        for (const point of [...points, STREAM.length]) {
          messages.push(...parser.push(STREAM.slice(start, point)));
          start = point;
        }
        expect(messages).toEqual(whole);
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { isReadable, sha256Hex } from './evidence';

describe('evidence content', () => {
  it.each([
    ['text/plain', true],
    ['text/csv; charset=utf-8', true],
    ['application/json', true],
    ['application/x-ndjson', true],
    ['application/vnd.api+json', true],
    ['image/png', false],
    ['application/octet-stream', false],
  ])('%s is readable in place: %s', (mediaType, readable) => {
    expect(isReadable(mediaType)).toBe(readable);
  });

  it('hashes content as the server does', async () => {
    expect(await sha256Hex(new Blob(['']))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

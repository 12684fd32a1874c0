import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ENTRY = fileURLToPath(new URL('./index.ts', import.meta.url));

/**
 * The SDK goes into other people's apps, in Node and in browsers: it must bundle for the
 * browser with nothing left to import at run time (type-only imports of the contract and of
 * OpenFeature vanish), and stay small. The budget is the ceiling; raise it only on purpose.
 */
describe('the SDK bundle', () => {
  it('builds for the browser with no runtime imports, within its size budget', async () => {
    const result = await build({
      entryPoints: [ENTRY],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((path) => !path.startsWith('packages/sdk/src/'))).toEqual([]);
    const bytes = result.outputFiles[0]!.contents.byteLength;
    // 20.8 KB minified (6.8 KB gzipped) on 2026-12-01.
    expect(bytes).toBeLessThan(30_000);
  });
});

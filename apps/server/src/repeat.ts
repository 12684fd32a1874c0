import type { Logger } from 'pino';

/**
 * Runs `pass` every `everyMs` (and at once with `immediately`), never two passes at a time; a
 * pass that throws is logged as `<what> pass failed` and the next one tries again. Returns how
 * to stop. The timer does not keep the process alive.
 */
export function repeatEvery(
  options: { everyMs: number; log: Logger; what: string; immediately?: boolean },
  pass: () => Promise<void>,
): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await pass();
    } catch (error) {
      options.log.error({ err: error }, `${options.what} pass failed; retrying at the next`);
    } finally {
      running = false;
    }
  };
  if (options.immediately) void run();
  const timer = setInterval(() => void run(), options.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Polls `probe` every 50 ms until it gives a value (anything but undefined or false), or throws
 * naming `what` after `ms`. The one wait of the server tests that watch something happen
 * elsewhere: a mail arriving, a worker taking partitions, an alert raised.
 */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

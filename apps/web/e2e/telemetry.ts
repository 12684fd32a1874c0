const WINDOW = 5 * 60_000;

/** A seeded uniform source, so the stream (and the alerts it raises) is the same every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Fraud-model decisions, `windows` 5-minute windows of `perWindow` from `base`: from window
 * `shiftFrom` on, confidence drops (drift) and group B is approved a third as often as A
 * (fairness). The demo's fraud model has no monitors configured, so its default ones judge it.
 */
export function fraudStream(base: number, windows: number, perWindow: number, shiftFrom: number) {
  const random = seeded(7311);
  const events: unknown[] = [];
  for (let w = 0; w < windows; w++) {
    const broken = w >= shiftFrom;
    for (let i = 0; i < perWindow; i++) {
      const group = random() < 0.5 ? 'A' : 'B';
      const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
      events.push({
        system: 'fraud-model',
        ts: new Date(base + w * WINDOW + Math.floor((i * WINDOW) / perWindow)).toISOString(),
        id: `tx-${w}-${i}`,
        confidence: Math.min(1, Math.max(0, 0.8 + 0.05 * normal - (broken ? 0.08 : 0))),
        prediction: random() < (broken && group === 'B' ? 0.1 : 0.3) ? 'approve' : 'decline',
        segment: { group },
      });
    }
  }
  return events;
}

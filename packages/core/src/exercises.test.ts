import { describe, expect, it } from 'vitest';
import { changeSpeed, drillTimeAt, wallTimeOf } from './exercises';

describe('the drill clock', () => {
  const start = 1_000_000;
  // Started at real time, sped up ×10 after a minute, paused a minute later, resumed at ×1.
  let clock = changeSpeed([], start, 1);
  clock = changeSpeed(clock, start + 60_000, 10);
  clock = changeSpeed(clock, start + 120_000, 0);
  clock = changeSpeed(clock, start + 180_000, 1);

  it('maps wall time onto drill time through speed-ups and pauses', () => {
    expect(drillTimeAt(clock, start - 5)).toBe(0);
    expect(drillTimeAt(clock, start + 30_000)).toBe(30_000);
    expect(drillTimeAt(clock, start + 90_000)).toBe(60_000 + 300_000);
    expect(drillTimeAt(clock, start + 150_000)).toBe(660_000);
    expect(drillTimeAt(clock, start + 190_000)).toBe(670_000);
  });

  it('finds when a drill time was or will be reached', () => {
    expect(wallTimeOf(clock, 30_000)).toBe(start + 30_000);
    expect(wallTimeOf(clock, 360_000)).toBe(start + 90_000);
    // Drill time 660 s was reached when the pause began; 700 s comes 40 s after the resume.
    expect(wallTimeOf(clock, 700_000)).toBe(start + 180_000 + 40_000);
    expect(wallTimeOf(changeSpeed(clock, start + 200_000, 0), 10_000_000)).toBeNull();
  });

  it('refuses a speed out of range or a change in the past', () => {
    expect(() => changeSpeed(clock, start + 200_000, 61)).toThrow(/speed/);
    expect(() => changeSpeed(clock, start + 10, 2)).toThrow(/past/);
  });
});

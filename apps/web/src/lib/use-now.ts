import { useSyncExternalStore } from 'react';

// One shared one-second tick for every clock on the page, instead of an interval per clock.
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const notify of listeners) notify();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The current time, re-rendering every second: for countdowns and relative times. */
export function useNow(): Date {
  const value = useSyncExternalStore(subscribe, () => now);
  return new Date(value);
}

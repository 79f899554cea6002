import type { Clock } from '../core/ports';

/** The machine's clock: `Date` and timers, in Node and in a browser alike. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

// Types of shiftDates.mjs, for the TypeScript tests that `await import()` it.
/** The moment the example calendar is written for. */
export const EXAMPLE_NOW: string;
/** Days from the example's day to the day of `now` (in Paris): 0 on 2026-11-23. */
export function daysToNow(now?: number): number;
/** A date as written, `days` later, written alike. */
export function shiftDay(text: string, days: number): string;
/** Shifts the dates of every post under `dir`/posts by `days`. */
export function shiftCalendar(dir: string, days: number): void;

import type { Clock, Secrets } from '../../src/core/ports';

/** A clock that never waits: `sleep` moves time on and is recorded. */
export class FakeClock implements Clock {
  readonly slept: number[] = [];
  constructor(public time = Date.parse('2026-12-01T09:30:00Z')) {}
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.slept.push(ms);
    this.time += ms;
  }
}

/** Secrets from a plain table, keyed `network/name`. */
export class MemorySecrets implements Secrets {
  constructor(private readonly values: Record<string, string>) {}
  async get(network: string, name: string): Promise<string | undefined> {
    return this.values[`${network}/${name}`];
  }
}

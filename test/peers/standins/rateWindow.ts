/**
 * A fixed-window request counter, as the stand-ins enforce a network's limits: `limit` requests
 * per `windowMs`, the window starting at the first request after the previous one ended. Time
 * comes from `now` (a test's fake clock), so that waiting for a reset takes no real time.
 *
 * @example const tweets = new RateWindow(200, 15 * 60_000, () => clock.now()); if (!tweets.take()) return tooMany()
 */
export class RateWindow {
  private start: number | undefined;
  private used = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number,
    /** Where windows start, when fixed (LinkedIn's days start at midnight UTC). */
    private readonly align?: (now: number) => number,
  ) {}

  /** Counts one request; false when the window's limit is already reached. */
  take(): boolean {
    this.roll();
    if (this.used >= this.limit) return false;
    this.used++;
    return true;
  }

  /** Requests left in the current window. */
  get remaining(): number {
    this.roll();
    return this.limit - this.used;
  }

  /** When the current window ends, epoch milliseconds. */
  get resetAt(): number {
    this.roll();
    return (this.start ?? this.now()) + this.windowMs;
  }

  private roll(): void {
    const now = this.now();
    if (this.start === undefined || now >= this.start + this.windowMs) {
      this.start = this.align ? this.align(now) : now;
      this.used = 0;
    }
  }
}

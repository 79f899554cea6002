import { hex, hmacSha256 } from '../crypto/sha256';
import type { PostMeta } from '../model';
import type { WebhookFormat } from '../platforms/webhookFormat';

/**
 * Our own webhook event (`format: json`), one per thread part. `R` is what stands for the part
 * replied to: the id the receiver gave the part before (or `<key>-<part>`), `{ part: n }` in a
 * dry run.
 */
export interface WebhookEvent<R> {
  /** The post's file, relative to the calendar. */
  readonly post: string;
  readonly network: 'webhook';
  /** 1-based. */
  readonly part: number;
  readonly parts: number;
  readonly text: string;
  readonly lang: string | null;
  /** The post's date, ISO 8601 in UTC. */
  readonly date: string | null;
  /** The post's media, on the first part: calendar-relative files and alt text (nothing is uploaded). */
  readonly media: ReadonlyArray<{ readonly file: string; readonly alt: string }>;
  readonly inReplyTo: R | null;
  /** `<key>-<part>`: the same for this part on every run, also sent as `Idempotency-Key`. */
  readonly idempotencyKey: string;
}

/** Slack's incoming-webhook body. */
export interface SlackBody {
  readonly text: string;
}

/** Discord's execute-webhook body: the text, and no mention pinged (`@everyone` stays text). */
export interface DiscordBody {
  readonly content: string;
  readonly allowed_mentions: { readonly parse: readonly string[] };
}

/** One part on its way to a webhook, with what the body says about the post around it. */
export interface WebhookPart<R> {
  /** The post's file, relative to the calendar. */
  readonly file: string;
  readonly meta: PostMeta;
  readonly text: string;
  /** 0-based. */
  readonly index: number;
  readonly count: number;
  /** The post's media (calendar-relative), sent with the first part only. */
  readonly media: ReadonlyArray<{ readonly file: string; readonly alt: string }>;
  readonly inReplyTo: R | null;
  /** The post's stable key for this network (see `stableKey`). */
  readonly key: string;
}

/** The idempotency key of part `index` (0-based): `<key>-<part>`. */
export function webhookPartKey(key: string, index: number): string {
  return `${key}-${index + 1}`;
}

/**
 * The body of the POST for one part, in the format asked for. The dry run and the sender both
 * build their bodies here.
 *
 * @example webhookBody('slack', part) // { text: 'Nova 2 &amp; vous' }
 */
export function webhookBody<R>(format: WebhookFormat, part: WebhookPart<R>): WebhookEvent<R> | SlackBody | DiscordBody {
  switch (format) {
    case 'slack':
      return { text: slackEscape(part.text) };
    case 'discord':
      return { content: part.text, allowed_mentions: { parse: [] } };
    case 'json':
      return {
        post: part.file,
        network: 'webhook',
        part: part.index + 1,
        parts: part.count,
        text: part.text,
        lang: part.meta.lang ?? null,
        date: part.meta.date !== undefined ? new Date(part.meta.date).toISOString() : null,
        media: part.index === 0 ? part.media.map((m) => ({ file: m.file, alt: m.alt })) : [],
        inReplyTo: part.inReplyTo,
        idempotencyKey: webhookPartKey(part.key, part.index),
      };
  }
}

/**
 * Slack's three control characters as the entities Slack asks for (and only those), so that a
 * post's `<`, `>` and `&` are shown as written and never read as `<!channel>` or a link.
 */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The headers that sign a body. */
export interface WebhookSignature {
  readonly 'x-edcal-timestamp': string;
  readonly 'x-edcal-signature': string;
}

/**
 * The signature headers of a body: `X-Edcal-Timestamp`, the time in epoch seconds, and
 * `X-Edcal-Signature: sha256=<hex>`, the HMAC-SHA256 under `secret` of `<timestamp>.<body>`
 * (the raw body, byte for byte). Signing the time with the body lets a receiver refuse a
 * replayed request (an old timestamp) as well as a forged one.
 *
 * @example webhookSignature('s3cret', 1_764_581_400_000, '{"text":"Nova"}')
 * // { 'x-edcal-timestamp': '1764581400', 'x-edcal-signature': 'sha256=…' }
 */
export function webhookSignature(secret: string, now: number, body: string): WebhookSignature {
  const timestamp = String(Math.floor(now / 1000));
  return { 'x-edcal-timestamp': timestamp, 'x-edcal-signature': `sha256=${hex(hmacSha256(secret, `${timestamp}.${body}`))}` };
}

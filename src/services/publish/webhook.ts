import type { SentPart } from '../../core/model';
import type { PlatformSettings } from '../../core/platforms/types';
import { DISCORD_MAX, discordLength } from '../../core/platforms/webhook';
import type { HttpResponse } from '../../core/ports';
import { webhookBody, webhookPartKey, webhookSignature } from '../../core/publish/webhook';
import { call, failure, field, jsonOf, redact, textOf } from './failures';
import { type Account, loginOnce, type Outgoing, type Sender, type SenderPorts, SendError } from './sender';

interface Target {
  /** Where each part is POSTed (`?wait=true` added for Discord). */
  readonly url: string;
  /** The HMAC secret, or '' when requests go unsigned. */
  readonly secret: string;
  readonly account: Account;
  /** What no error may show: the secret, the URL, and its token-like parts. */
  readonly hidden: readonly string[];
}

/**
 * The webhook sender: one JSON POST per thread part to `platforms.webhook.url` (or the
 * `webhook/url` credential, which wins: a Slack or Discord webhook URL is itself a secret), in the
 * `format` asked for: our own event (`json`, see `WebhookEvent`), Slack's `{ text }` or Discord's
 * `{ content }` (sent with `?wait=true`, so that Discord answers with the message and its id).
 * With a `webhook/secret` credential every request is signed: `X-Edcal-Timestamp` (epoch
 * seconds) and `X-Edcal-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`. Every
 * request carries `Idempotency-Key: <key>-<part>`, but a receiver need not honour it: the sender
 * is not idempotent, the publisher records each part before the next call and never re-sends
 * blindly. A part's id is the answer's `id` (and its `url` when one is given), else its
 * idempotency key.
 *
 * @example const sender = webhookSender(config.platforms.webhook ?? {}, { http: retrying(new NodeHttp(), clock), secrets, clock })
 */
export function webhookSender(settings: PlatformSettings, ports: SenderPorts): Sender {
  const format = settings.format ?? 'json';

  async function resolve(): Promise<Target> {
    const stored = (await ports.secrets.get('webhook', 'url'))?.trim();
    const written = stored || settings.url;
    if (!written) throw new SendError('auth', 'No webhook URL is set (platforms.webhook.url, or the webhook/url credential).', undefined, undefined, { id: 'publish.webhook-no-url' });
    let url: URL | undefined;
    try {
      url = new URL(written);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      throw new SendError('auth', 'The stored webhook URL is not an http or https URL.', undefined, undefined, { id: 'publish.webhook-bad-url' });
    }
    if (format === 'discord') url.searchParams.set('wait', 'true');
    const secret = (await ports.secrets.get('webhook', 'secret')) ?? '';
    // Slack's and Discord's tokens are path segments; an in-house one may be a query value.
    const tokens = [...url.pathname.split('/'), ...[...url.searchParams.values()]].filter((t) => t.length >= 16);
    const hidden = [secret, written, url.href, ...tokens].filter((t) => t !== '').sort((a, b) => b.length - a.length);
    return { url: url.href, secret, account: { name: url.host }, hidden };
  }

  // One login per run, tried again after a failure.
  const connected = loginOnce(resolve);

  /** `text` without anything `hidden`. */
  const clean = (text: string, hidden: readonly string[]) => hidden.reduce(redact, text);

  async function post(to: Target, body: string, idempotencyKey: string): Promise<HttpResponse> {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': idempotencyKey };
    if (to.secret !== '') Object.assign(headers, webhookSignature(to.secret, ports.clock.now(), body));
    let response: HttpResponse;
    try {
      response = await call(ports.http, { method: 'POST', url: to.url, headers, body }, to.secret);
    } catch (error) {
      if (error instanceof SendError) throw new SendError(error.failure, clean(error.networkMessage, to.hidden), error.status, error.retryAfter, error.local);
      throw error;
    }
    if (response.status >= 200 && response.status < 300) return response;
    throw failure(response, clean(webhookMessage(response), to.hidden), ports.clock.now(), to.secret, retryAfterField(response, ports.clock.now()));
  }

  return {
    network: 'webhook',
    idempotent: false,
    async connect() {
      return (await connected()).account;
    },
    async send(outgoing: Outgoing, sent: (part: SentPart) => Promise<void>) {
      const to = await connected();
      const from = outgoing.sent.length;
      const count = outgoing.parts.length;
      if (from >= count) return;
      if (format === 'discord') {
        // Found before the first call, so that a thread never goes out with a hole in it.
        for (let i = from; i < count; i++) {
          const length = discordLength(outgoing.parts[i]!.text);
          if (length > DISCORD_MAX) {
            throw new SendError('rejected', `Part ${i + 1} is ${length} characters; Discord takes at most ${DISCORD_MAX}.`, undefined, undefined, {
              id: 'publish.webhook-too-long',
              params: { part: i + 1, length, max: DISCORD_MAX },
            });
          }
        }
      }
      const media = outgoing.media.map((m) => ({ file: m.file, alt: m.alt }));
      let replyTo: string | null = outgoing.sent.at(-1)?.id ?? null;
      for (let i = from; i < count; i++) {
        const key = webhookPartKey(outgoing.key, i);
        const body = webhookBody(format, { file: outgoing.file, meta: outgoing.meta, text: outgoing.parts[i]!.text, index: i, count, media, inReplyTo: replyTo, key: outgoing.key });
        const answer = await post(to, JSON.stringify(body), key);
        const json = jsonOf(answer);
        const given = field(json, 'id');
        const id = typeof given === 'string' && given !== '' ? given : typeof given === 'number' ? String(given) : key;
        const link = field(json, 'url');
        await sent({ id, ...(typeof link === 'string' && /^https?:\/\//.test(link) ? { url: link } : {}) });
        replyTo = id;
      }
    },
  };
}

/**
 * The receiver's own words for an error answer: Discord's `{ code, message, errors }` (with the
 * fields it names, e.g. `content: Must be 2000 or fewer in length.`), a JSON `error`, `message`,
 * `detail` or `title`, else the text (Slack answers `invalid_payload`, `no_text`…).
 */
function webhookMessage(response: HttpResponse): string {
  const body = jsonOf(response);
  const words = [field(body, 'message'), field(body, 'error'), field(body, 'detail'), field(body, 'title')].find((w): w is string => typeof w === 'string' && w !== '');
  const details: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value !== 'object' || value === null || details.length >= 5) return;
    const errors = field(value, '_errors');
    if (Array.isArray(errors)) for (const e of errors) if (typeof field(e, 'message') === 'string') details.push(`${path}: ${field(e, 'message') as string}`);
    for (const [name, inner] of Object.entries(value)) if (name !== '_errors') walk(inner, path ? `${path}.${name}` : name);
  };
  walk(field(body, 'errors'), '');
  if (words) return [words, ...details].join(' ');
  return textOf(response) || `HTTP ${response.status}`;
}

/** Discord's `retry_after` (seconds, with decimals) on a 429, as epoch milliseconds. */
function retryAfterField(response: HttpResponse, now: number): number | undefined {
  const seconds = field(jsonOf(response), 'retry_after');
  return response.status === 429 && typeof seconds === 'number' && seconds >= 0 ? now + Math.ceil(seconds * 1000) : undefined;
}

import { message, type MessageId, type MessageParams } from '../../core/i18n/messages';
import type { PostMeta, PlatformId, SentPart } from '../../core/model';
import type { Clock, Http, Secrets } from '../../core/ports';
import type { PartDetail } from '../../core/render';

/** The account a sender reached, shown before publishing and by "Test connection". */
export interface Account {
  /** As people know it: `@nova.bsky.social`, `@nova@mastodon.social`, an organisation's name. */
  readonly name: string;
  readonly url?: string;
}

/** A media file to send: read from the calendar only when a sender uploads it. */
export interface OutgoingMedia {
  /** Calendar-relative path, e.g. `media/nova.png`. */
  readonly file: string;
  readonly alt: string;
  /** From the file's extension, e.g. `image/png`. */
  readonly mime: string;
  readonly size: number;
  bytes(): Promise<Uint8Array>;
}

/** One post on its way to one network, built from the very parts the check measured. */
export interface Outgoing {
  /** Calendar-relative path of the post file. */
  readonly file: string;
  readonly meta: PostMeta;
  /** The network's parts, in order (one unless it is a thread). */
  readonly parts: readonly PartDetail[];
  /** The post's media, for the first part. */
  readonly media: readonly OutgoingMedia[];
  /** Parts already sent by an earlier run, in order: send only those after them. */
  readonly sent: readonly SentPart[];
  /**
   * Stable for this post and network across runs (a hash of the file path and the network):
   * the base of idempotency keys and deterministic record keys.
   */
  readonly key: string;
  /**
   * Tells something people should know of a send that went through all the same (a mention that
   * could not be resolved went out as plain text), as a message of the catalogue.
   */
  readonly notice?: (id: MessageId, params: MessageParams) => void;
}

/** Why a send failed, in a form the publisher reports and decides retries on. */
export type SendFailure =
  /** The network refused the post (4xx other than below): fix it, do not retry as is. */
  | 'rejected'
  /** Credentials missing, wrong or expired: reconnect. */
  | 'auth'
  /** 429, retries exhausted. */
  | 'rate-limited'
  /** 5xx, retries exhausted. */
  | 'server'
  /** No answer: the request may or may not have been acted on. */
  | 'no-answer';

/**
 * A failed send. `networkMessage` is the network's own words, never a credential. A failure found
 * before sending (an image too big, a part over this instance's limit) says it in `local`, a
 * message of the catalogue, so that it reaches people in their language.
 */
export class SendError extends Error {
  constructor(
    readonly failure: SendFailure,
    readonly networkMessage: string,
    readonly status?: number,
    /** Epoch milliseconds the network asked to wait until. */
    readonly retryAfter?: number,
    readonly local?: { readonly id: MessageId; readonly params?: MessageParams },
  ) {
    super(`${failure}${status !== undefined ? ` ${status}` : ''}: ${networkMessage}`);
    this.name = 'SendError';
  }
}

/**
 * A failure this tool found itself, not in a network's words: said to people in their language
 * (`local`, a message of the catalogue, `network` among its params) and in English in
 * `networkMessage`, for logs.
 *
 * @example throw localError('auth', 'publish.no-credentials', { network: 'X' })
 */
export function localError(failure: SendFailure, id: MessageId, params: MessageParams, status?: number): SendError {
  return new SendError(failure, message('en', id, params), status, undefined, { id, params });
}

/**
 * A sender's login, made on first use and then shared by every call of the run; a failed one is
 * forgotten, so that the next call tries again.
 *
 * @example const session = loginOnce(() => login(token)); const { account } = await session()
 */
export function loginOnce<T>(login: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= login().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}

/** What every sender is given: the host's ports, never a global `fetch` or clock. */
export interface SenderPorts {
  /** Retries 429 and 5xx with backoff (see retry.ts) before a sender sees them. */
  readonly http: Http;
  readonly secrets: Secrets;
  readonly clock: Clock;
}

/**
 * One network's publisher, one file per network next to this one, all on this interface.
 * A sender logs in once per run (`connect`) and reuses the session for every post.
 */
export interface Sender {
  readonly network: PlatformId;
  /**
   * True when re-sending a part cannot duplicate it (Bluesky's deterministic record keys with
   * `putRecord`, Mastodon's `Idempotency-Key`): a run stopped mid-call is simply run again.
   * Otherwise the publisher writes `state: sending` before each call and never re-sends blindly.
   */
  readonly idempotent: boolean;
  /** Logs in (once, then reused) and says which account was reached. Rejects with `SendError`. */
  connect(): Promise<Account>;
  /**
   * Sends the parts after `post.sent`, in order, each a reply to the one before, calling `sent`
   * once each part is stored by the network (and awaiting it: the publisher records it first).
   * Rejects with `SendError`.
   */
  send(post: Outgoing, sent: (part: SentPart) => Promise<void>): Promise<void>;
}

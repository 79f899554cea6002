import type { PlatformId, Severity } from '../model';
import type { MessageId } from '../i18n/messages';
import type { WebhookFormat } from './webhookFormat';

/** Per-network settings from `.editorial.yaml` (`platforms.<id>`). */
export interface PlatformSettings {
  /** X: the account has Premium (25,000 weighted characters). */
  readonly premium?: boolean;
  /** Mastodon: the instance's `configuration.statuses.max_characters`. */
  readonly maxCharacters?: number;
  /** Mastodon: `configuration.statuses.characters_reserved_per_url`. */
  readonly charactersReservedPerUrl?: number;
  /** Overrides the recommended or enforced number of hashtags. */
  readonly maxHashtags?: number;
  /** Overrides the number of media per post. */
  readonly maxMedia?: number;
  /** Mastodon: the instance URL. */
  readonly instance?: string;
  /**
   * The API's address when not the network's own: Bluesky's PDS (default `https://bsky.social`),
   * X's or LinkedIn's API origin (default `https://api.x.com`, `https://api.linkedin.com`: another
   * only for a test's stand-in).
   */
  readonly service?: string;
  /** Bluesky: the AppView counts are read from (`edcal metrics fetch`; default `https://public.api.bsky.app`). */
  readonly appview?: string;
  /** Mastodon: who sees the statuses (`public` unless set). */
  readonly visibility?: 'public' | 'unlisted' | 'private' | 'direct';
  /**
   * Webhook: the endpoint every part is POSTed to (http or https). A Slack or Discord URL holds
   * its secret: rather give it as the `webhook/url` credential (EDCAL_WEBHOOK_URL), which wins.
   */
  readonly url?: string;
  /** Webhook: the body's shape, `json` (ours, the default), `slack` or `discord`. */
  readonly format?: WebhookFormat;
  /** Who posts, for previews. */
  readonly account?: { readonly name?: string; readonly handle?: string };
}

/** A span of the text a network receives (UTF-16 offsets). */
export interface Entity {
  readonly start: number;
  readonly end: number;
}

/** A hashtag the network will link: `tag` is without `#`. */
export interface Hashtag extends Entity {
  readonly tag: string;
}

/** A link the network will recognise, `url` as written. */
export interface Link extends Entity {
  readonly url: string;
}

/** How long a text is for a network, and where the network would cut it. */
export interface Measure {
  readonly length: number;
  readonly limit: number;
  /** UTF-16 offset just after the last character that fits (`text.length` when all fits). */
  readonly fitsUntil: number;
  readonly unit: 'weighted' | 'graphemes' | 'bytes';
}

/** A cap on hashtags: enforced by the network (error) or a known penalty (warning). */
export interface HashtagCap {
  readonly max: number;
  readonly severity: Severity;
  readonly message: MessageId;
}

/** A mention the network links (`@nova_app`, `@lea@mastodon.social`). */
export interface Mention extends Entity {
  readonly handle: string;
}

/** How the network shows a post in its feed: what previews draw. */
export interface Display {
  /** Mentions the network links, in order. */
  mentions(text: string): readonly Mention[];
  /** The text its app shows for a link (shortened, without `https://`). */
  linkText(url: string): string;
  /** Whether links in the text can be clicked (not on Instagram). */
  readonly linksClickable: boolean;
  /** Where the feed folds long text behind "… more": after so many characters or lines. */
  readonly fold?: { readonly chars: number; readonly lines: number };
  /** The hashtags the network links, when not all of those it finds (Threads links one topic). */
  linkedHashtags?(hashtags: readonly Hashtag[]): readonly Hashtag[];
}

/**
 * Everything the product knows about one network, in one place: the linter, the CLI, previews and
 * publishers all read these rules, never their own copies.
 */
export interface PlatformRules {
  readonly id: PlatformId;
  /** Display name, e.g. `'Bluesky'`. */
  readonly name: string;
  /** Length of one post as the network counts it. */
  measure(text: string, settings: PlatformSettings): Measure;
  /** Hashtags the network links, in order. */
  hashtags(text: string): readonly Hashtag[];
  /** Links the network recognises, in order. */
  links(text: string): readonly Link[];
  /** True when the network publishes threads (replies chained by the author). */
  readonly threads: boolean;
  readonly media: { readonly max?: number; readonly required: boolean };
  /** Hashtag cap, unless settings override `max`. */
  readonly hashtagCap?: HashtagCap;
  /** Most distinct links one post may hold. */
  readonly maxLinks?: number;
  /** Limit of the post's title where the network shows one (YouTube, Pinterest). */
  readonly titleLimit?: number;
  /** What a poll may be, where the network publishes polls; absent: it has none. */
  readonly polls?: PollRules;
  /** How the feed shows the post. */
  readonly display: Display;
}

/** A network's poll limits, from its API documentation. */
export interface PollRules {
  readonly minOptions: number;
  readonly maxOptions: number;
  /** Characters (graphemes) per option. */
  readonly maxOptionLength: number;
  /** Shortest and longest time open, milliseconds. */
  readonly minDuration: number;
  readonly maxDuration: number;
  /** Where only some durations exist (LinkedIn), those, milliseconds. */
  readonly durations?: readonly number[];
  /** Characters of the question, where the network asks one (LinkedIn). */
  readonly maxQuestionLength?: number;
}

/**
 * The post model: plain, readonly data shared by the CLI, the extension and the webviews.
 * Nothing here knows about files on disk or about VS Code.
 */

import type { FrontmatterChange } from './frontmatter/change';

/** Network ids, as written in a post's `platforms` list and in `:::id` variant fences. */
export const PLATFORM_IDS = [
  'x',
  'bluesky',
  'mastodon',
  'threads',
  'linkedin',
  'instagram',
  'facebook',
  'youtube',
  'tiktok',
  'pinterest',
  'webhook',
] as const;

/** A network id, e.g. `'bluesky'`. */
export type PlatformId = (typeof PLATFORM_IDS)[number];

/** The workflow of a post, in order. */
export const STATUSES = ['idea', 'draft', 'review', 'approved', 'scheduled', 'published'] as const;

/** Where a post stands in the workflow, e.g. `'review'`. */
export type PostStatus = (typeof STATUSES)[number];

/** A zero-based position in a file's text (UTF-16 offsets, as editors count). */
export interface Position {
  /** Zero-based line. */
  readonly line: number;
  /** Zero-based UTF-16 column. */
  readonly character: number;
}

/** A half-open range of a file's text. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** How bad a finding is. */
export type Severity = 'error' | 'warning' | 'info';

/** A text edit on a post file, by offsets into the file's text. */
export interface TextEdit {
  /** UTF-16 offset of the first replaced character. */
  readonly start: number;
  /** UTF-16 offset after the last replaced character. */
  readonly end: number;
  readonly newText: string;
}

/** An obvious repair for a finding, e.g. removing a duplicate hashtag. */
export interface Fix {
  /** What the fix does, localised, e.g. "Remove the duplicate #nova". */
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** True when this is the fix a person would almost always pick. */
  readonly preferred?: boolean;
  /**
   * For a fix made by the frontmatter editor: its changes, so that several fixes applied together
   * go through the editor in turn (two renames to one key must not write it twice).
   */
  readonly changes?: readonly FrontmatterChange[];
}

/**
 * One problem found in a post. Codes are stable strings of the form `area.problem`
 * (e.g. `'length.over-limit'`) that link to their documentation.
 */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  /** Localised, one sentence. */
  readonly message: string;
  readonly range: Range;
  /** The network the finding is about, when it is about one. */
  readonly platform?: PlatformId;
  readonly fixes?: readonly Fix[];
}

/** One image or video attached to a post. */
export interface MediaItem {
  /** Path as written: relative to the post file, or to the calendar root when it starts with `/`. */
  readonly file: string;
  /** Alternative text for people who cannot see the image. */
  readonly alt?: string;
}

/**
 * Where a media file stands, as the host finds it: there (`ok`), missing, not a regular file, or
 * outside the calendar once `..` and symlinks are resolved.
 */
export type MediaStatus = 'ok' | 'missing' | 'not-a-file' | 'outside';

/** A recorded sign-off, e.g. `{ by: 'Léa <lea@nova.example>', at: '2026-11-20T15:02+01:00', hash: 'sha256-…' }`. */
export interface Approval {
  /** `Name <email>`, as git knows the person. */
  readonly by: string;
  readonly at: string;
  /** What was approved: `approvalHash` of what each network would receive then (see src/core/approval/hash.ts). */
  readonly hash?: string;
  readonly note?: string;
}

/**
 * Where publishing to one network stands, as recorded in `results.<network>.state`:
 * - `sending`: written before a call that cannot be safely repeated, cleared once it answered;
 *   still there on the next run means the run stopped mid-call: "unknown, check the network";
 * - `published`: every part went out;
 * - `failed`: the network refused or stayed unreachable (the next run tries the parts not sent);
 * - `missed`: the post's time passed beyond its publishing window: not sent, and never will be.
 */
export const PUBLISH_STATES = ['sending', 'published', 'failed', 'missed'] as const;

export type PublishState = (typeof PUBLISH_STATES)[number];

/** One part as the network stored it: its id, a link to it, and what a reply to it needs. */
export interface SentPart {
  /** The network's id (`at://…` URI for Bluesky, a status or tweet id…). */
  readonly id: string;
  readonly url?: string;
  /** Bluesky's content id, needed to reply to the part. */
  readonly cid?: string;
}

/** What publishing to one network produced, as recorded under `results.<network>`. */
export interface PublishResult {
  readonly state?: PublishState;
  /** The first part's id and link (the thread's root). */
  readonly id?: string;
  readonly url?: string;
  /** When the last attempt ended, ISO 8601. */
  readonly at?: string;
  /** Every part sent so far, in order. */
  readonly parts: readonly SentPart[];
  /** The last failure, in the network's own words when it gave some. */
  readonly error?: string;
  /** The HTTP status of the last failure. */
  readonly status?: number;
  /** When the network said to try again, ISO 8601. */
  readonly retryAfter?: string;
}

/** How people enter a contest: by replying, reposting, liking, or posting with its hashtag. */
export const CONTEST_ENTRIES = ['reply', 'repost', 'like', 'hashtag'] as const;
export type ContestEntry = (typeof CONTEST_ENTRIES)[number];

/** A contest's draw once made (`edcal contest draw`): what anyone needs to make it again. */
export interface ContestDraw {
  readonly seed: string;
  readonly entrants: number;
  readonly listHash: string;
  /** When it was made, as written. */
  readonly at?: string;
  /** `network:handle` of each winner, in the order drawn. */
  readonly winners: readonly string[];
}

/** A contest ("jeu concours"), as `contest: { ends, prize, rules, entry, hashtag, winners }` in the frontmatter. */
export interface Contest {
  /** When entries close, epoch ms (a day alone: its end). */
  readonly ends?: number;
  readonly endsText?: string;
  readonly prize?: string;
  /** A link to the rules. */
  readonly rules?: string;
  readonly entry?: ContestEntry;
  /** The hashtag people post with to enter (`entry: hashtag`), without `#`. */
  readonly hashtag?: string;
  /** How many win (1 unless said). */
  readonly winners: number;
  readonly draw?: ContestDraw;
}

/** A poll, as `poll: { options: [...], duration: 1d, question? }` in the frontmatter. */
export interface Poll {
  /** The choices, in order. */
  readonly options: readonly string[];
  /** How long it stays open, milliseconds. */
  readonly duration: number;
  /** As written, e.g. `1d`. */
  readonly durationText: string;
  /** LinkedIn asks a question above the choices; the others show the post's text. */
  readonly question?: string;
}

/** The frontmatter of a post once read and checked; fields are absent when missing or invalid. */
export interface PostMeta {
  readonly title?: string;
  /** The instant the post goes out, as epoch milliseconds. */
  readonly date?: number;
  /** The date exactly as written in the file, e.g. `'2026-12-01T09:30'`. */
  readonly dateText?: string;
  /** True when only a day was given (`2027-01-12`): the time is not decided yet. */
  readonly dateOnly?: boolean;
  /** `notAfter:`, epoch milliseconds: later than this the post is missed, not sent (overrides `publishWindow`). */
  readonly notAfter?: number;
  /** Known network ids, in the order written, without duplicates. */
  readonly platforms: readonly PlatformId[];
  readonly status?: PostStatus;
  readonly campaign?: string;
  readonly tags: readonly string[];
  readonly lang?: string;
  /** A content warning: Mastodon shows it instead of the text until opened (`spoiler_text`). */
  readonly contentWarning?: string;
  readonly media: readonly MediaItem[];
  readonly poll?: Poll;
  readonly contest?: Contest;
  readonly approvals: readonly Approval[];
  readonly results: Readonly<Partial<Record<PlatformId, PublishResult>>>;
}

/** One part of what a network receives (a single post, or one post of a thread). */
export interface RenderedPart {
  /** The exact text sent to the network. */
  readonly text: string;
  /** Length as the network counts it. */
  readonly length: number;
  /** The network's limit for one post. */
  readonly limit: number;
  /** UTF-16 offset in `text` where the network would cut it (equals `text.length` when it fits). */
  readonly fitsUntil: number;
  /** Hashtags the network recognises, without `#`, in order, duplicates kept. */
  readonly hashtags: readonly string[];
  /** Links the network recognises, as written. */
  readonly links: readonly string[];
  /** Offset in the file of the part's first character (for diagnostics). */
  readonly sourceStart: number;
  /** Offset in the file after the part's last character. */
  readonly sourceEnd: number;
  /** Maps an offset in `text` back to an offset in the file. */
  readonly toSource: (offset: number) => number;
}

/** What one network receives for a post: its parts, and whether a `:::id` variant supplied them. */
export interface RenderedPlatform {
  readonly platform: PlatformId;
  readonly parts: readonly RenderedPart[];
  readonly fromVariant: boolean;
}

/**
 * The protocol between the extension and its webviews (calendar and preview), both directions. Every message
 * is a plain object with a `type`; pushes from the extension are whole snapshots, never deltas.
 */
import type { CalendarFilters, CalendarPost } from '../core/calendar';
import type { PlatformId } from '../core/model';
import type { PlatformPreview } from '../core/preview';

export type CalendarView = 'month' | 'week' | 'agenda';

/** What the view shows: kept by the webview (restored after a restart) and by the extension. */
export interface CalendarViewState {
  readonly view: CalendarView;
  /** A day of the period shown, `YYYY-MM-DD`. */
  readonly anchor: string;
  readonly filters: CalendarFilters;
  /** The calendar's root folder (URI) in a workspace with several; absent with one. */
  readonly calendar?: string;
}

/** Everything the webview draws, sent whole on every change. */
export interface CalendarSnapshot {
  /** The posts dated in the window around what the view shows (sent again when it moves). */
  readonly posts: readonly CalendarPost[];
  /** Every campaign and tag of the calendar, for the filters. */
  readonly campaigns: readonly string[];
  readonly tags: readonly string[];
  readonly timezone: string;
  /** Today in the calendar's zone. */
  readonly today: string;
  /** Minutes under which two posts for one network clash. */
  readonly clashMinutes: number;
  /** The viewer's offset differs from the calendar's: show it in tooltips. */
  readonly viewerZone: string;
  /** UI strings in the user's language, by English key. */
  readonly strings: Readonly<Record<string, string>>;
  /** BCP 47 tag for dates (`fr`, `en`). */
  readonly locale: string;
}

export type ToWebview = { readonly type: 'snapshot'; readonly snapshot: CalendarSnapshot; readonly state?: CalendarViewState };

export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'open'; readonly id: string }
  /** The per-network preview of a post. */
  | { readonly type: 'preview'; readonly id: string }
  | { readonly type: 'reschedule'; readonly id: string; readonly day: string; readonly time?: string }
  | { readonly type: 'create'; readonly day: string; readonly time?: string }
  | { readonly type: 'state'; readonly state: CalendarViewState }
  /** After each render: how long it took and how many posts it drew (for benchmarks). */
  | { readonly type: 'rendered'; readonly ms: number; readonly chips: number };

/** The initial render's data, embedded in the HTML as an escaped attribute. */
export interface CalendarInit {
  readonly snapshot: CalendarSnapshot;
  readonly state: CalendarViewState;
}

/** Type guard for messages coming from the webview (never trust their shape). */
export function isFromWebview(value: unknown): value is FromWebview {
  if (!value || typeof value !== 'object') return false;
  const m = value as Record<string, unknown>;
  const day = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
  const time = (v: unknown) => v === undefined || (typeof v === 'string' && /^\d{2}:\d{2}$/.test(v));
  switch (m['type']) {
    case 'ready':
      return true;
    case 'open':
    case 'preview':
      return typeof m['id'] === 'string';
    case 'reschedule':
      return typeof m['id'] === 'string' && day(m['day']) && time(m['time']);
    case 'create':
      return day(m['day']) && time(m['time']);
    case 'state':
      return !!m['state'] && typeof m['state'] === 'object';
    case 'rendered':
      return typeof m['ms'] === 'number' && typeof m['chips'] === 'number';
    default:
      return false;
  }
}

/** The preview webview: everything it draws for the active post, sent whole on each change. */
export interface PreviewSnapshot {
  readonly file: string;
  /** The document version drawn (echoed back in `rendered`). */
  readonly version: number;
  readonly title: string;
  /** When the post goes out, already formatted in the calendar's zone. */
  readonly when: string;
  readonly previews: readonly PlatformPreview[];
  /** The post's problems, by network (`''` for those about the whole post). */
  readonly problems: ReadonlyArray<{ readonly platform: string; readonly message: string; readonly severity: string; readonly start: number; readonly end: number }>;
  /** For each network, the index of the part the cursor is in. */
  readonly activeParts: Readonly<Record<string, number>>;
  /** Media files as webview URIs, by the path written in the post. */
  readonly mediaUris: Readonly<Record<string, string>>;
}

/** The preview's first render, embedded in its HTML; UI strings travel even when there is no post. */
export interface PreviewInit {
  readonly snapshot: PreviewSnapshot | undefined;
  /** UI strings in the user's language, by English key. */
  readonly strings: Readonly<Record<string, string>>;
}

/** All networks side by side, or one at a time in tabs. */
export type PreviewLayout = 'side' | 'tabs';

/** What the preview webview keeps across hiding and reloads. */
export interface PreviewViewState {
  readonly layout: PreviewLayout;
  readonly tab?: PlatformId;
}

export type ToPreview = { readonly type: 'preview' } & PreviewInit;

export type FromPreview =
  | { readonly type: 'ready' }
  /** Select offsets of the post `file` at `version` (the one drawn) in the editor. */
  | { readonly type: 'reveal'; readonly file: string; readonly version: number; readonly start: number; readonly end: number }
  /** After each render: its duration, the version drawn, when its message arrived and when the frame was painted (epoch ms). */
  | { readonly type: 'rendered'; readonly ms: number; readonly version: number; readonly receivedAt: number; readonly paintedAt: number };

export function isFromPreview(value: unknown): value is FromPreview {
  if (!value || typeof value !== 'object') return false;
  const m = value as Record<string, unknown>;
  if (m['type'] === 'ready') return true;
  if (m['type'] === 'reveal') return typeof m['file'] === 'string' && typeof m['version'] === 'number' && typeof m['start'] === 'number' && typeof m['end'] === 'number';
  if (m['type'] === 'rendered') return typeof m['ms'] === 'number' && typeof m['version'] === 'number' && typeof m['receivedAt'] === 'number' && typeof m['paintedAt'] === 'number';
  return false;
}

/**
 * The protocol between the extension and its webviews (calendar and preview), both directions. Every message
 * is a plain object with a `type`. The calendar gets whole snapshots; the preview, redrawn on each keystroke,
 * gets a whole snapshot first, then only what changed since the one it holds (`previewDelta`).
 */
import { isDay, type CalendarFilters, type CalendarPost, type Weekday } from '../core/calendar';
import { PLATFORM_IDS, STATUSES, type PlatformId } from '../core/model';
import type { PlatformPreview, PreviewPart } from '../core/preview';

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
  /** BCP 47 tag for dates: the calendar's `locale` (`fr`, `en`), whatever VS Code's language. */
  readonly locale: string;
  /** Every network, in the calendar's order (`networkOrder`): chips, filters and counts follow it. */
  readonly networks: readonly PlatformId[];
  /** The weekdays on which a day without a post is marked as a gap (`editorialCalendar.gapDays`). */
  readonly gapDays: readonly Weekday[];
  /** A branch the calendar is compared with (Compare Calendar with Branch…), while it is. */
  readonly comparison?: CalendarComparison;
}

/** What the calendar marks while compared with a branch: the working tree's posts against the branch's. */
export interface CalendarComparison {
  readonly branch: string;
  /** One line saying what changed ("1 added, 2 rescheduled"). */
  readonly summary: string;
  /** Where posts stood on the branch: a moved post's old slot (`id`: the post now), a removed post. */
  readonly ghosts: ReadonlyArray<{ readonly kind: 'moved' | 'removed'; readonly title: string; readonly date: number; readonly dateOnly?: boolean; readonly id?: string }>;
  /** Posts that differ from the branch, by id: new, moved, or with other text, networks or status. */
  readonly marks: Readonly<Record<string, 'added' | 'moved' | 'changed'>>;
}

export type ToWebview = {
  readonly type: 'snapshot';
  readonly snapshot: CalendarSnapshot;
  readonly state?: CalendarViewState;
  /** The post to focus once drawn: the one just moved (its id changes when its file is renamed). */
  readonly focus?: string;
};

export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'open'; readonly id: string }
  /** The per-network preview of a post. */
  | { readonly type: 'preview'; readonly id: string }
  /** Publish a post now (the extension asks first, and refuses in an untrusted workspace). */
  | { readonly type: 'publish'; readonly id: string }
  /** Approve a post (the extension runs Approve Post, which refuses in an untrusted workspace). */
  | { readonly type: 'approve'; readonly id: string }
  | { readonly type: 'reschedule'; readonly id: string; readonly day: string; readonly time?: string }
  /** Ctrl+Z in the calendar: undo its last move (Ctrl+Shift+Z, Ctrl+Y: redo it). */
  | { readonly type: 'undo' }
  | { readonly type: 'redo' }
  | { readonly type: 'create'; readonly day: string; readonly time?: string }
  | { readonly type: 'state'; readonly state: CalendarViewState }
  /** Stop marking the branch's changes. */
  | { readonly type: 'endComparison' }
  /** After each render: how long it took and how many posts it drew (for benchmarks). */
  | { readonly type: 'rendered'; readonly ms: number; readonly chips: number };

/** The initial render's data, embedded in the HTML as an escaped attribute. */
export interface CalendarInit {
  readonly snapshot: CalendarSnapshot;
  readonly state: CalendarViewState;
}

/**
 * Type guard for messages coming from the calendar webview. A webview runs page code: never trust
 * its messages' shape. Every field is checked (days are real days of years 1000–9999, times
 * 00:00–23:59, numbers finite), and what is not a message of this protocol is refused whole.
 */
export function isFromWebview(value: unknown): value is FromWebview {
  if (!isObject(value)) return false;
  const m = value;
  const time = (v: unknown) => v === undefined || (typeof v === 'string' && /^(?:[01]\d|2[0-3]):[0-5]\d$/.test(v));
  switch (m['type']) {
    case 'ready':
    case 'endComparison':
    case 'undo':
    case 'redo':
      return true;
    case 'open':
    case 'preview':
    case 'publish':
    case 'approve':
      return isId(m['id']);
    case 'reschedule':
      return isId(m['id']) && isDay(m['day']) && time(m['time']);
    case 'create':
      return isDay(m['day']) && time(m['time']);
    case 'state':
      return isViewState(m['state']);
    case 'rendered':
      return isCount(m['ms']) && isCount(m['chips']);
    default:
      return false;
  }
}

/** A view state as the webview keeps it (also what the serializer restores). */
export function isViewState(value: unknown): value is CalendarViewState {
  if (!isObject(value)) return false;
  const calendar = value['calendar'];
  return ['month', 'week', 'agenda'].includes(value['view'] as string) && isDay(value['anchor']) && isFilters(value['filters']) && (calendar === undefined || isId(calendar));
}

function isFilters(value: unknown): value is CalendarFilters {
  if (!isObject(value)) return false;
  const list = (v: unknown, allowed?: readonly string[]) => v === undefined || (Array.isArray(v) && v.length <= 1000 && v.every((x) => typeof x === 'string' && x.length <= 1000 && (!allowed || allowed.includes(x))));
  const text = value['text'];
  return list(value['platforms'], PLATFORM_IDS) && list(value['statuses'], STATUSES) && list(value['campaigns']) && list(value['tags']) && (text === undefined || (typeof text === 'string' && text.length <= 1000));
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
/** A post's URI as the extension sent it: a string of sane length (the panel checks it is a post). */
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 4096;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

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
  /** Where the post's contest stands (`contestLabel`), when it holds one. */
  readonly contest?: string;
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

/**
 * To the preview: a whole snapshot (`seq` numbers what the webview holds), or what changed since
 * snapshot `base`. A delta that does not follow what the webview holds is dropped, and the webview
 * asks for the whole snapshot again (`resync`).
 */
export type ToPreview = ({ readonly type: 'preview'; readonly seq: number } & PreviewInit) | PreviewDelta;

export interface PreviewDelta {
  readonly type: 'previewDelta';
  readonly base: number;
  readonly seq: number;
  readonly changes: SnapshotChanges;
}

/** The fields of a snapshot that changed; `previews` lists only the networks that did. */
export interface SnapshotChanges extends Partial<Omit<PreviewSnapshot, 'file' | 'previews'>> {
  readonly previews?: readonly PreviewChange[];
}

/** A network's card: whole (its parts count or anything but its parts changed), or some of its parts. */
export type PreviewChange = { readonly index: number; readonly preview: PlatformPreview } | { readonly index: number; readonly parts: readonly PartChange[] };

/** A part: its text as a splice of the one before, its entities when they changed, the rest whole. */
export interface PartChange {
  readonly index: number;
  readonly splice: TextSplice;
  readonly part: Omit<PreviewPart, 'text' | 'entities'> & { readonly entities?: PreviewPart['entities'] };
}

/** Replace `remove` UTF-16 units at `at` by `insert`. */
export interface TextSplice {
  readonly at: number;
  readonly remove: number;
  readonly insert: string;
}

export type FromPreview =
  | { readonly type: 'ready' }
  /** A delta did not follow the snapshot held: send the whole snapshot. */
  | { readonly type: 'resync' }
  /** Select offsets of the post `file` at `version` (the one drawn) in the editor. */
  | { readonly type: 'reveal'; readonly file: string; readonly version: number; readonly start: number; readonly end: number }
  /** Open where the post drawn went out on `platform` (the link its results record). */
  | { readonly type: 'openPublished'; readonly file: string; readonly version: number; readonly platform: string }
  /** After each render: its duration, the version drawn, when its message arrived and when the frame was painted (epoch ms). */
  | { readonly type: 'rendered'; readonly ms: number; readonly version: number; readonly receivedAt: number; readonly paintedAt: number };

/** Type guard for messages from the preview webview: as for the calendar, every field is checked. */
export function isFromPreview(value: unknown): value is FromPreview {
  if (!isObject(value)) return false;
  const m = value;
  const offset = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
  if (m['type'] === 'ready' || m['type'] === 'resync') return true;
  if (m['type'] === 'reveal') return isId(m['file']) && offset(m['version']) && offset(m['start']) && offset(m['end']) && (m['start'] as number) <= (m['end'] as number);
  if (m['type'] === 'openPublished') return isId(m['file']) && offset(m['version']) && typeof m['platform'] === 'string' && m['platform'].length <= 32;
  if (m['type'] === 'rendered') return isCount(m['ms']) && offset(m['version']) && isCount(m['receivedAt']) && isCount(m['paintedAt']);
  return false;
}

/**
 * Type guard for messages to the preview webview, which it checks before drawing: a snapshot or a
 * delta of the shapes above, every field of the right type (texts strings, offsets whole numbers).
 */
export function isToPreview(value: unknown): value is ToPreview {
  if (!isObject(value)) return false;
  if (value['type'] === 'preview') {
    const snapshot = value['snapshot'];
    return isOffset(value['seq']) && isStrings(value['strings']) && (snapshot === undefined || isSnapshot(snapshot));
  }
  if (value['type'] !== 'previewDelta') return false;
  return isOffset(value['base']) && isOffset(value['seq']) && isChanges(value['changes']);
}

const isOffset = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isString = (v: unknown): v is string => typeof v === 'string';
const isList = (v: unknown, item: (x: unknown) => boolean): boolean => Array.isArray(v) && v.every(item);
const isStrings = (v: unknown): boolean => isObject(v) && Object.values(v).every(isString);

function isSnapshot(v: unknown): v is PreviewSnapshot {
  const whole = ['version', 'title', 'when', 'problems', 'activeParts', 'mediaUris'];
  return isObject(v) && isString(v['file']) && isList(v['previews'], isPlatformPreview) && isChanges({ ...v, previews: undefined }) && whole.every((k) => v[k] !== undefined);
}

function isChanges(v: unknown): v is SnapshotChanges {
  if (!isObject(v)) return false;
  const optional = (key: string, check: (x: unknown) => boolean) => v[key] === undefined || check(v[key]);
  const problem = (x: unknown) => isObject(x) && isString(x['platform']) && isString(x['message']) && isString(x['severity']) && isOffset(x['start']) && isOffset(x['end']);
  const change = (x: unknown) => isObject(x) && isOffset(x['index']) && (x['preview'] !== undefined ? isPlatformPreview(x['preview']) : isList(x['parts'], isPartChange));
  return (
    optional('version', isOffset) &&
    optional('title', isString) &&
    optional('when', isString) &&
    optional('problems', (x) => isList(x, problem)) &&
    optional('activeParts', (x) => isObject(x) && Object.values(x).every(isOffset)) &&
    optional('mediaUris', isStrings) &&
    optional('previews', (x) => isList(x, change))
  );
}

function isPlatformPreview(v: unknown): v is PlatformPreview {
  return isObject(v) && (PLATFORM_IDS as readonly unknown[]).includes(v['platform']) && isString(v['name']) && isObject(v['account']) && typeof v['fromVariant'] === 'boolean' && Array.isArray(v['media']) && isList(v['parts'], (p) => isPart(p) && isString((p as Record<string, unknown>)['text']) && Array.isArray((p as Record<string, unknown>)['entities']));
}

function isPartChange(v: unknown): v is PartChange {
  const s = isObject(v) ? v['splice'] : undefined;
  return isObject(v) && isOffset(v['index']) && isObject(s) && isOffset(s['at']) && isOffset(s['remove']) && isString(s['insert']) && isPart(v['part']);
}

/** A part's fields but its text. */
function isPart(v: unknown): boolean {
  if (!isObject(v)) return false;
  const entity = (e: unknown) => isObject(e) && ['hashtag', 'mention', 'link'].includes(e['kind'] as string) && isOffset(e['start']) && isOffset(e['end']) && isString(e['display']) && (e['href'] === undefined || isString(e['href']));
  return (v['entities'] === undefined || isList(v['entities'], entity)) && (v['fold'] === undefined || isOffset(v['fold'])) && (v['cut'] === undefined || isOffset(v['cut'])) && isOffset(v['length']) && isOffset(v['limit']) && isOffset(v['sourceStart']) && isOffset(v['sourceEnd']);
}

/** The report webview's first render: the period shown, and the toolbar's words. */
export interface ReportInit {
  /** `YYYY-MM`. */
  readonly month: string;
}

/** What the report webview asks: another month, the same again, or a copy saved as a file. */
export type FromReport =
  | { readonly type: 'month'; readonly month: string }
  | { readonly type: 'refresh' }
  | { readonly type: 'export'; readonly format: 'html' | 'md' | 'json' };

import { drawWinners, entrantKey, type DrawResult, type Entrant } from '../core/contest/draw';
import type { CalendarConfig } from '../core/config';
import { editFrontmatter } from '../core/frontmatter/editor';
import { refusalMessage } from '../core/frontmatter/fix';
import { message, type Locale } from '../core/i18n/messages';
import { decodePost, MAX_POST_BYTES } from '../core/lint';
import type { PlatformId } from '../core/model';
import { PLATFORMS } from '../core/platforms/registry';
import type { Clock, Git, PostWriter, Workspace } from '../core/ports';
import { parsePost, type ParsedPost } from '../core/post';
import { relativePath } from '../core/text/paths';
import type { Collection } from './contest/collect';
import { passes, type ReadFailure } from './contest/read';

/** Where some of the entries came from: a network's API, or the CSV given. */
export interface DrawSource {
  /** A network's id, or the CSV's name as given. */
  readonly name: string;
  readonly network?: PlatformId;
  /** Entries read (before duplicates and the brand are taken out). */
  readonly entries: number;
  /** Entries left out: made after the contest's end (or before the post). */
  readonly outside: number;
  /** False when the network's list carries no time (likes, reposts): every entry read counted. */
  readonly timed: boolean;
}

/** What drawing a contest did, or why it did not. */
export type DrawOutcome =
  | { readonly kind: 'drawn'; readonly result: DrawResult; readonly at: string; readonly commit?: string; readonly sources: readonly DrawSource[]; /** What the reader should know (a network the CSV stood for, one not read). */ readonly notes: readonly string[] }
  | { readonly kind: 'refused'; readonly reason: 'unreadable' | 'no-contest' | 'not-ended' | 'already' | 'no-entry' | 'no-hashtag' | 'unread' | 'nothing-to-read' | 'no-entrants' | 'unwritable'; readonly message: string };

export interface DrawPorts {
  readonly workspace: Workspace;
  readonly writer: PostWriter;
  readonly clock: Clock;
  /** Commits the post alone; absent, nothing is committed. */
  readonly git?: Pick<Git, 'commit'>;
  /**
   * Reads the entrants from the networks the post went out on (`collectEntrants`, bound to
   * its ports); `covered`: the networks the CSV has entrants for. Absent, only the CSV counts.
   */
  readonly collect?: (post: ParsedPost, file: string, covered: ReadonlySet<PlatformId>) => Promise<Collection>;
}

/** Entrants given as a list (a CSV file), and its name as shown. */
export interface GivenEntrants {
  readonly entrants: readonly Entrant[];
  readonly source: string;
}

/**
 * Draws a contest's winners (see `drawWinners`) among the entrants read from the networks
 * (`ports.collect`) and those `given`: only once its entries have closed (`contest.ends`), only
 * once (a draw recorded is never redrawn), never from part of a network's list (a network
 * that cannot be read whole refuses the draw, and nothing is written), the brand's own accounts
 * (every `platforms.*.account.handle`, and each post's author as the networks name it) never
 * winning. Records `contest.draw: { seed, entrants, listHash, at, winners }` through the
 * frontmatter editor and commits the file alone ("contest draw: <title>") when `git` is given.
 */
export async function drawContest(ports: DrawPorts, calendar: { readonly root: string; readonly config: CalendarConfig }, path: string, given: GivenEntrants | undefined, seed: string): Promise<DrawOutcome> {
  const { config } = calendar;
  const locale = config.locale;
  const file = relativePath(calendar.root, path) ?? path;
  const refuse = (reason: Extract<DrawOutcome, { kind: 'refused' }>['reason'], text: string): DrawOutcome => ({ kind: 'refused', reason, message: text });
  const text = decodePost(await ports.workspace.read(path, MAX_POST_BYTES).catch(() => new Uint8Array()), locale);
  if (typeof text !== 'string') return refuse('unreadable', message(locale, 'contest.unreadable', { file }));
  const post = parsePost(file, text, config);
  const contest = post.meta.contest;
  if (!contest) return refuse('no-contest', message(locale, 'contest.none', { file }));
  if (contest.draw) return refuse('already', message(locale, 'contest.already', { file, seed: contest.draw.seed }));
  const now = ports.clock.now();
  if (contest.ends === undefined || now < contest.ends) return refuse('not-ended', message(locale, 'contest.not-ended', { file, ends: contest.endsText ?? '-' }));

  const entrants: Entrant[] = [...(given?.entrants ?? [])];
  const sources: DrawSource[] = [];
  const notes: string[] = [];
  const authors: string[] = [];
  // Without `entry`, the networks' lists to read are unknown: the CSV alone counts.
  if (ports.collect && (contest.entry !== undefined || !given)) {
    if (contest.entry === undefined) return refuse('no-entry', message(locale, 'contest.no-entry', { file }));
    if (contest.entry === 'hashtag' && contest.hashtag === undefined) return refuse('no-hashtag', message(locale, 'contest.no-hashtag', { file }));
    const covered = new Set((given?.entrants ?? []).map((e) => e.network));
    const collected = await ports.collect(post, file, covered);
    if (collected.kind === 'refused') return refuse('unread', `${file}: ${readMessage(locale, collected.network, collected.failure, undefined)}`);
    const persons = personsOf(given?.entrants ?? []);
    for (const n of collected.networks) {
      entrants.push(...n.entrants.map((e) => withPerson(e, persons)));
      sources.push({ name: n.network, network: n.network, entries: n.entrants.length, outside: n.outside, timed: n.timed });
      if (n.author) authors.push(n.author);
    }
    for (const s of collected.skipped) notes.push(readMessage(locale, s.network, s.failure, given!.source));
    for (const n of collected.unread.filter((u) => !covered.has(u))) notes.push(message(locale, 'contest.unread-network', { network: PLATFORMS[n].name }));
    if (!given && collected.networks.length === 0) return refuse('nothing-to-read', message(locale, 'contest.nothing-to-read', { file }));
  }
  if (given) sources.push({ name: given.source, entries: given.entrants.length, outside: 0, timed: true });
  const brand = [...Object.values(config.platforms).flatMap((s) => (s?.account?.handle ? [s.account.handle] : [])), ...authors];
  const result = drawWinners(entrants, { seed, winners: contest.winners, exclude: brand });
  if (result.entrants === 0) return refuse('no-entrants', message(locale, 'contest.no-entrants', { file }));
  const at = new Date(now).toISOString();
  const before = await ports.writer.read(path);
  const edit = editFrontmatter(before, [
    { kind: 'set', path: ['contest', 'draw'], value: { seed, entrants: result.entrants, listHash: result.listHash, at } },
    ...result.winners.map((w) => ({ kind: 'append', path: ['contest', 'draw', 'winners'], value: `${w.network}:${w.handle}` }) as const),
  ]);
  if (!edit.ok) return refuse('unwritable', refusalMessage(locale, edit, file));
  await ports.writer.apply(path, before, edit.edits);
  const drawn = { kind: 'drawn', result, at, sources, notes } as const;
  if (!ports.git) return drawn;
  try {
    await ports.git.commit([path], `contest draw: ${post.meta.title ?? file}`);
    return drawn;
  } catch (error) {
    return { ...drawn, commit: (error as Error).message };
  }
}

/** The `person` the CSV gives each `network:handle` (entrantKey's form without a person). */
function personsOf(csv: readonly Entrant[]): Map<string, string> {
  return new Map(csv.flatMap((e) => (e.person !== undefined && e.person.trim() !== '' ? [[entrantKey({ network: e.network, handle: e.handle }), e.person] as const] : [])));
}

/** A network's entrant with the person the CSV says they are, so that one person entering on two networks counts once. */
function withPerson(e: Entrant, persons: ReadonlyMap<string, string>): Entrant {
  const person = persons.get(entrantKey(e));
  return person !== undefined ? { ...e, person } : e;
}

/**
 * Why a network's entrants were not read, and what follows: the CSV `source` stands for the
 * network, or nothing was drawn (run again when the failure passes, else give a CSV).
 */
export function readMessage(locale: Locale, network: PlatformId, failure: ReadFailure, source: string | undefined): string {
  const name = PLATFORMS[network].name;
  const at = failure.retryAt !== undefined ? new Date(failure.retryAt).toISOString() : undefined;
  const cause = message(locale, `contest.read-${failure.reason}`, { network: name, detail: failure.detail, read: failure.read, at: at ?? '?' });
  const then =
    source !== undefined
      ? message(locale, 'contest.read-csv-stands', { network: name, source })
      : passes(failure.reason)
        ? message(locale, at !== undefined ? 'contest.read-again-at' : 'contest.read-again', { at: at ?? '' })
        : message(locale, 'contest.read-give-csv', { network: name });
  return `${cause} ${then}`;
}

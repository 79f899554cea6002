import { drawWinners, type DrawResult, type Entrant } from '../core/contest/draw';
import type { CalendarConfig } from '../core/config';
import { editFrontmatter } from '../core/frontmatter/editor';
import { refusalMessage } from '../core/frontmatter/fix';
import { message } from '../core/i18n/messages';
import { decodePost, MAX_POST_BYTES } from '../core/lint';
import type { Clock, Git, PostWriter, Workspace } from '../core/ports';
import { parsePost } from '../core/post';
import { relativePath } from '../core/text/paths';

/** What drawing a contest did, or why it did not. */
export type DrawOutcome =
  | { readonly kind: 'drawn'; readonly result: DrawResult; readonly at: string; readonly commit?: string }
  | { readonly kind: 'refused'; readonly reason: 'unreadable' | 'no-contest' | 'not-ended' | 'already' | 'no-entrants' | 'unwritable'; readonly message: string };

export interface DrawPorts {
  readonly workspace: Workspace;
  readonly writer: PostWriter;
  readonly clock: Clock;
  /** Commits the post alone; absent, nothing is committed. */
  readonly git?: Pick<Git, 'commit'>;
}

/**
 * Draws a contest's winners among `entrants` with `seed` (see `drawWinners`): only once its
 * entries have closed (`contest.ends`), only once (a draw recorded is never redrawn), the brand's
 * own accounts (every `platforms.*.account.handle`) never winning. Records `contest.draw: { seed,
 * entrants, listHash, at, winners }` through the frontmatter editor and commits the file alone
 * ("contest draw: <title>") when `git` is given.
 */
export async function drawContest(ports: DrawPorts, calendar: { readonly root: string; readonly config: CalendarConfig }, path: string, entrants: readonly Entrant[], seed: string): Promise<DrawOutcome> {
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
  const brand = Object.values(config.platforms).flatMap((s) => (s?.account?.handle ? [s.account.handle] : []));
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
  if (!ports.git) return { kind: 'drawn', result, at };
  try {
    await ports.git.commit([path], `contest draw: ${post.meta.title ?? file}`);
    return { kind: 'drawn', result, at };
  } catch (error) {
    return { kind: 'drawn', result, at, commit: (error as Error).message };
  }
}

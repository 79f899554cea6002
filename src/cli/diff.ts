import { realpathSync } from 'node:fs';
import { parsePostDate } from '../core/dates';
import { message } from '../core/i18n/messages';
import { diffJson } from '../core/review/calendarDiff';
import { changedMonthsMarkdown } from '../core/review/diffMonths';
import { diffMarkdown, diffText } from '../core/review/diffReport';
import { gitRenames, gitTop, isCommit } from '../node/git';
import { GitTree } from '../node/gitTree';
import { reviewDiff, reviewRoots } from '../services/reviewDiff';
import { UsageError, parseCommandArgs } from './args';
import type { CommandResult } from './check';
import { printable, safeLineStart } from './report/escape';
import { workspace } from './tasks';

const FORMATS = ['text', 'json', 'md'] as const;

/**
 * `edcal diff BASE [HEAD] [--format text|json|md]`: what changes in the calendar from one git
 * revision to another (the working tree when HEAD is left out), read with git, never checked out.
 */
export async function diff(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CommandResult> {
  const args = parseCommandArgs(argv, 'diff', env, ['--format'], []);
  const { locale, lang } = args;
  if (args.options.has('--help') || args.options.has('-h')) return { stdout: message(locale, 'cli.help-diff'), exitCode: 0 };
  const format = (args.options.get('--format') ?? 'text') as string;
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(message(locale, 'cli.bad-choice', { option: '--format', allowed: FORMATS.join(', '), value: format }));
  const [baseRev, headRev, ...extra] = args.positionals;
  if (baseRev === undefined || extra.length > 0) throw new UsageError(message(locale, 'cli.diff-what'));
  const top = gitTop(cwd);
  if (top === undefined) throw new UsageError(message(locale, 'cli.diff-no-repository', { dir: printable(cwd) }));
  for (const rev of [baseRev, headRev]) if (rev !== undefined && !isCommit(top, rev)) throw new UsageError(message(locale, 'cli.diff-bad-revision', { revision: printable(rev) }));

  const base = GitTree.open(top, baseRev);
  const head = headRev !== undefined ? GitTree.open(top, headRev) : workspace;
  try {
    // git gives the top with symlinks resolved: so must the folder the command runs in.
    const dir = realpathSync(cwd);
    const roots = await reviewRoots({ base, head }, dir);
    const now = args.now !== undefined ? parsePostDate(args.now, 'UTC')!.time : Date.now();
    const review = await reviewDiff({ base, head }, roots, top, gitRenames(top, baseRev, headRev), { locale: lang ?? locale, now });
    const shown = lang ?? review.config.locale;
    const labels = { locale: shown, base: baseRev, head: headRev ?? message(shown, 'diff.worktree') };
    const stdout =
      format === 'json'
        ? diffJson(review.diff)
        : format === 'md'
          ? diffMarkdown(review.diff, labels, changedMonthsMarkdown(review.diff, review.head, review.config.timezone, shown))
          : diffText(review.diff, labels).split('\n').map((line) => safeLineStart(printable(line))).join('\n');
    const stderr = review.unreadable.map((u) => `${printable(u.file)}: ${u.message}`).join('\n');
    return { stdout, ...(stderr ? { stderr } : {}), exitCode: 0 };
  } finally {
    base.close();
    if (head instanceof GitTree) head.close();
  }
}

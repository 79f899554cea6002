import { relative } from 'node:path';
import { parsePostDate } from '../core/dates';
import { message } from '../core/i18n/messages';
import type { Clock } from '../core/ports';
import { NodeGit } from '../node/git';
import { NodePostWriter } from '../node/postWriter';
import { systemClock } from '../services/clock';
import { approvePost } from '../services/approve';
import { UsageError, parseCommandArgs } from './args';
import type { CommandResult } from './check';
import { toPosix } from './publish';
import { printable } from './report/escape';
import { collectTasks, mediaProbe, workspace } from './tasks';

/**
 * `edcal approve FILE... [--note TEXT] [--no-commit]`: approves each post as git's user, pinned to
 * what each network would receive, and commits each file alone ("approve: <title>").
 */
export async function approve(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CommandResult> {
  const args = parseCommandArgs(argv, 'approve', env, ['--note'], ['--no-commit']);
  const { locale, lang } = args;
  if (args.options.has('--help') || args.options.has('-h')) return { stdout: message(locale, 'cli.help-approve'), exitCode: 0 };
  if (args.positionals.length === 0) throw new UsageError(message(locale, 'cli.approve-what'));
  const { tasks, calendars, problems } = await collectTasks(args.positionals, cwd, locale, lang);
  const zone = calendars[0]?.config.timezone ?? 'UTC';
  const start = args.now !== undefined ? parsePostDate(args.now, zone)!.time : systemClock.now();
  const offset = start - systemClock.now();
  const clock: Clock = { now: () => systemClock.now() + offset, sleep: systemClock.sleep };
  const note = args.options.get('--note');
  const lines: string[] = [];
  let refused = problems.length;
  for (const task of tasks) {
    const outcome = await approvePost(
      { workspace, writer: new NodePostWriter(), git: new NodeGit(cwd), clock },
      { root: task.root, config: task.config, media: mediaProbe(task.root) },
      task.file,
      { commit: !args.options.has('--no-commit'), ...(typeof note === 'string' ? { note } : {}) },
    );
    const file = printable(toPosix(relative(cwd, task.file)) || '.');
    const out = lang ?? task.config.locale;
    if (outcome.kind === 'refused') {
      refused++;
      lines.push(`${file}: ${printable(outcome.message)}`);
      continue;
    }
    lines.push(message(out, 'cli.approved', { file, by: printable(outcome.by), status: outcome.status }) + (outcome.commit ? ` ${message(out, 'cli.approve-not-committed', { detail: printable(outcome.commit) })}` : ''));
  }
  for (const p of problems) lines.push(`${printable(toPosix(relative(cwd, p.file)))}: ${p.diagnostics[0]?.message ?? ''}`);
  return { stdout: lines.join('\n'), exitCode: refused > 0 ? 1 : 0 };
}

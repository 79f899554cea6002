import { relative, sep } from 'node:path';
import { parsePostDate } from '../core/dates';
import { message } from '../core/i18n/messages';
import { PLATFORMS } from '../core/platforms/registry';
import { PUBLISHED_NETWORKS } from '../core/publish/networks';
import { postGate } from '../core/publish/plan';
import { publishRequests } from '../core/publish/requests';
import { NodeGit } from '../node/git';
import { checkPost } from '../services/checkPost';
import { UsageError, parseCommandArgs } from './args';
import type { CommandResult } from './check';
import { sendPosts } from './publishRun';
import { printable } from './report/escape';
import { collectTasks, mediaProbe, workspace } from './tasks';

const FORMATS = ['text', 'json'] as const;

/**
 * `edcal publish [--due] [--dry-run] [--commit] [PATH…]`: sends the posts named (or, with
 * `--due`, every post whose time has come) to their networks and records what happened in each
 * file. `--dry-run` prints what each network would receive instead, as JSON, needing no
 * credentials and no network. Progress goes to `progress` (stderr) as it happens.
 */
export async function publish(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv, progress: (line: string) => void = () => {}): Promise<CommandResult> {
  const args = parseCommandArgs(argv, 'publish', env, ['--format'], ['--dry-run', '--due', '--commit']);
  const { locale, lang } = args;
  if (args.options.has('--help') || args.options.has('-h')) return { stdout: message(locale, 'cli.help-publish'), exitCode: 0 };
  const dryRun = args.options.has('--dry-run');
  const format = (args.options.get('--format') ?? (dryRun ? 'json' : 'text')) as string;
  const allowed: readonly string[] = dryRun ? ['json'] : FORMATS;
  if (!allowed.includes(format)) throw new UsageError(message(locale, 'cli.bad-choice', { option: '--format', allowed: allowed.join(', '), value: format }));
  if (dryRun && args.options.has('--commit')) throw new UsageError(message(locale, 'cli.publish-dry-commit'));
  const due = args.options.has('--due');
  if (!due && args.positionals.length === 0) throw new UsageError(message(locale, 'cli.publish-what'));

  const { tasks, calendars, problems } = await collectTasks(args.positionals, cwd, locale, lang);
  const zone = calendars[0]?.config.timezone ?? 'UTC';
  const now = args.now !== undefined ? parsePostDate(args.now, zone)!.time : Date.now();
  if (!dryRun) return sendPosts({ tasks, problems, cwd, env, now, due, commit: args.options.has('--commit'), format: format as 'text' | 'json', locale: lang ?? calendars[0]?.config.locale ?? locale, zone, progress });

  const out: Record<string, Record<string, unknown[]>> = {};
  const notices = new Set<string>();
  for (const task of tasks) {
    const checked = await checkPost(workspace, { root: task.root, config: task.config }, task.file, { now, media: mediaProbe(task.root), git: new NodeGit(task.root) });
    const file = toPosix(relative(cwd, task.file)) || '.';
    if (!checked.result) {
      notices.add(message(locale, 'cli.publish-unreadable', { file: printable(file) }));
      continue;
    }
    if (due && postGate({ ...checked.result, diagnostics: checked.diagnostics }, now, task.config, { due }).kind !== 'ready') continue;
    const requests = publishRequests(checked.result, task.config);
    out[file] = Object.fromEntries(PUBLISHED_NETWORKS.filter((n) => requests[n]).map((n) => [n, requests[n]!]));
    const later = checked.result.post.meta.platforms.filter((p) => !PUBLISHED_NETWORKS.includes(p));
    if (later.length > 0) notices.add(message(locale, 'cli.publish-not-yet-networks', { networks: later.map((p) => PLATFORMS[p].name).join(', ') }));
    const errors = checked.diagnostics.filter((d) => d.severity === 'error').length;
    if (errors > 0) notices.add(message(locale, 'cli.publish-blocked', { file: printable(file), count: errors }));
  }
  return { stdout: JSON.stringify(out, null, 2), ...(notices.size > 0 ? { stderr: [...notices].join('\n') } : {}), exitCode: 0 };
}

export const toPosix = (path: string) => (sep === '/' ? path : path.split(sep).join('/'));

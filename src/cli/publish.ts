import { relative, sep } from 'node:path';
import { parsePostDate } from '../core/dates';
import { message } from '../core/i18n/messages';
import { PLATFORMS } from '../core/platforms/registry';
import { publishRequests, PUBLISHED_NETWORKS } from '../core/publish/requests';
import { checkPost } from '../services/checkPost';
import { UsageError, parseCommandArgs } from './args';
import type { CommandResult } from './check';
import { printable } from './report/escape';
import { collectTasks, mediaProbe, workspace } from './tasks';

/**
 * `edcal publish --dry-run [PATH…]`: what each network would receive, one request body per thread
 * part, as JSON, with no credentials and no network. Sending is not built yet: without
 * `--dry-run` the command says so and sends nothing.
 */
export async function publish(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CommandResult> {
  const args = parseCommandArgs(argv, 'publish', env, ['--format'], ['--dry-run']);
  const { locale, lang } = args;
  if (args.options.has('--help') || args.options.has('-h')) return { stdout: message(locale, 'cli.help-publish'), exitCode: 0 };
  if (!args.options.has('--dry-run')) throw new UsageError(message(locale, 'cli.publish-not-yet'));
  const format = args.options.get('--format') ?? 'json';
  if (format !== 'json') throw new UsageError(message(locale, 'cli.bad-choice', { option: '--format', allowed: 'json', value: String(format) }));
  const nowText = args.now;

  const { tasks, calendars } = await collectTasks(args.positionals, cwd, locale, lang);
  const now = typeof nowText === 'string' ? parsePostDate(nowText, calendars[0]?.config.timezone ?? 'UTC')!.time : Date.now();
  const out: Record<string, Record<string, unknown[]>> = {};
  const notices = new Set<string>();
  for (const task of tasks) {
    const checked = await checkPost(workspace, { root: task.root, config: task.config }, task.file, { now, media: mediaProbe(task.root) });
    const file = toPosix(relative(cwd, task.file)) || '.';
    if (!checked.result) {
      notices.add(message(locale, 'cli.publish-unreadable', { file: printable(file) }));
      continue;
    }
    const requests = publishRequests(checked.result, task.config);
    out[file] = Object.fromEntries(PUBLISHED_NETWORKS.filter((n) => requests[n]).map((n) => [n, requests[n]!]));
    const later = checked.result.post.meta.platforms.filter((p) => !PUBLISHED_NETWORKS.includes(p));
    if (later.length > 0) notices.add(message(locale, 'cli.publish-not-yet-networks', { networks: later.map((p) => PLATFORMS[p].name).join(', ') }));
    const errors = checked.diagnostics.filter((d) => d.severity === 'error').length;
    if (errors > 0) notices.add(message(locale, 'cli.publish-blocked', { file: printable(file), count: errors }));
  }
  return { stdout: JSON.stringify(out, null, 2), ...(notices.size > 0 ? { stderr: [...notices].join('\n') } : {}), exitCode: 0 };
}

const toPosix = (path: string) => (sep === '/' ? path : path.split(sep).join('/'));

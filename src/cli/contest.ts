import { randomBytes } from 'node:crypto';
import { relative, resolve, sep } from 'node:path';
import type { Entrant } from '../core/contest/draw';
import { parsePostDate } from '../core/dates';
import { message } from '../core/i18n/messages';
import { csvRows } from '../core/metrics/csv';
import { PLATFORM_IDS, type PlatformId } from '../core/model';
import { PLATFORMS } from '../core/platforms/registry';
import { NodeGit } from '../node/git';
import { NodeHttp } from '../node/http';
import { NodePostWriter } from '../node/postWriter';
import { EnvSecrets } from '../node/secrets';
import { systemClock } from '../services/clock';
import { drawContest, type DrawSource } from '../services/contest';
import { collectEntrants } from '../services/contest/collect';
import { retrying } from '../services/publish/retry';
import { UsageError, parseCommandArgs } from './args';
import type { CommandResult } from './check';
import { printable } from './report/escape';
import { readCsvFile } from './csvFile';
import { collectTasks, workspace } from './tasks';

const NETWORK_COLUMNS = ['network', 'réseau', 'reseau', 'platform'];
const HANDLE_COLUMNS = ['handle', 'account', 'compte', 'pseudo', 'username'];
const PERSON_COLUMNS = ['person', 'personne', 'email', 'e-mail'];

/**
 * `edcal contest draw FILE [--entrants FILE.csv] [--seed S] [--no-commit]`: the post's contest
 * drawn with a published seed among its entrants read from the networks (and the CSV's), the
 * draw recorded in the post and committed alone (see `drawContest`). Progress (entrants read,
 * waits for a rate limit) goes to `progress` (stderr) as it happens.
 */
export async function contest(argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv, progress: (line: string) => void = () => {}): Promise<CommandResult> {
  const args = parseCommandArgs(argv, 'contest', env, ['--entrants', '--seed'], ['--no-commit']);
  const { locale, lang } = args;
  if (args.options.has('--help') || args.options.has('-h')) return { stdout: message(locale, 'cli.help-contest'), exitCode: 0 };
  const [verb, post, ...rest] = args.positionals;
  const entrantsFile = args.options.get('--entrants') as string | undefined;
  if (verb !== 'draw' || post === undefined || rest.length > 0) throw new UsageError(message(locale, 'cli.contest-what'));
  const { tasks, calendars } = await collectTasks([post], cwd, locale, lang);
  const task = tasks[0];
  if (!task) throw new UsageError(message(locale, 'cli.contest-what'));
  const config = lang ? { ...task.config, locale: lang } : task.config;
  const out = config.locale;
  const given = entrantsFile !== undefined ? { entrants: await readEntrants(resolve(cwd, entrantsFile), entrantsFile, out), source: toPosix(entrantsFile) } : undefined;
  const seed = (args.options.get('--seed') as string | undefined) ?? randomBytes(16).toString('hex');
  const zone = calendars[0]?.config.timezone ?? 'UTC';
  // --now is the draw's time as recorded, exactly.
  const fixed = args.now !== undefined ? parsePostDate(args.now, zone)!.time : undefined;
  const now = () => fixed ?? systemClock.now();
  const http = retrying(new NodeHttp(), systemClock, {
    onWait: (ms, response, request) => progress(message(out, 'cli.publish-waiting', { status: response.status, host: new URL(request.url).host, seconds: Math.ceil(ms / 1000) })),
  });
  const collectPorts = { http, secrets: new EnvSecrets(env), now, onProgress: (network: PlatformId, count: number) => progress(message(out, 'cli.contest-reading', { network: PLATFORMS[network].name, count })) };
  const outcome = await drawContest(
    {
      workspace,
      writer: new NodePostWriter(),
      clock: { now, sleep: systemClock.sleep },
      collect: (p, file, covered) => collectEntrants(p, file, config, collectPorts, covered),
      ...(args.options.has('--no-commit') ? {} : { git: new NodeGit(task.root) }),
    },
    { root: task.root, config },
    task.file,
    given,
    seed,
  );
  const file = printable(toPosix(relative(cwd, task.file)) || '.');
  if (outcome.kind === 'refused') return { stdout: '', stderr: printable(outcome.message), exitCode: 1 };
  const { result, sources } = outcome;
  const name = (s: DrawSource) => (s.network ? PLATFORMS[s.network].name : printable(s.name));
  const untimed = sources.filter((s) => !s.timed).map(name);
  const lines = [
    message(out, 'cli.contest-drawn', { file, count: result.winners.length, entrants: result.entrants, seed: printable(result.seed), listHash: result.listHash }),
    ...result.winners.map((w, i) => `  ${i + 1}. ${printable(w.handle)} (${w.network})`),
    message(out, 'cli.contest-sources', { sources: sources.map((s) => `${name(s)} ${s.entries}`).join(', ') }),
    ...sources.filter((s) => s.outside > 0).map((s) => message(out, 'cli.contest-outside', { network: name(s), count: s.outside })),
    ...(untimed.length > 0 ? [message(out, 'cli.contest-untimed', { networks: untimed.join(', ') })] : []),
    ...outcome.notes.map(printable),
    ...(outcome.commit ? [message(out, 'cli.contest-not-committed', { detail: printable(outcome.commit) })] : []),
  ];
  return { stdout: lines.join('\n'), exitCode: 0 };
}

/** The entrants of a CSV file: `network`, `handle`, and `person` when given (English or French names). */
async function readEntrants(path: string, shown: string, locale: 'en' | 'fr'): Promise<Entrant[]> {
  const text = await readCsvFile(path, shown, locale);
  const [header = [], ...rows] = csvRows(text);
  const names = header.map((h) => h.trim().toLowerCase());
  const col = (options: readonly string[]) => names.findIndex((n) => options.includes(n));
  const [network, handle, person] = [col(NETWORK_COLUMNS), col(HANDLE_COLUMNS), col(PERSON_COLUMNS)];
  if (handle < 0 || network < 0) throw new UsageError(message(locale, 'cli.contest-no-handle-column', { file: printable(shown), columns: printable(header.join(', ')) }));
  return rows.flatMap((row, i) => {
    const n = (row[network] ?? '').trim().toLowerCase();
    const h = (row[handle] ?? '').trim();
    if (h === '') return [];
    if (!(PLATFORM_IDS as readonly string[]).includes(n)) throw new UsageError(message(locale, 'cli.bad-choice', { option: `${shown}:${i + 2} network`, allowed: PLATFORM_IDS.join(', '), value: printable(n) }));
    const p = person >= 0 ? (row[person] ?? '').trim() : '';
    return [{ network: n as PlatformId, handle: h, ...(p !== '' ? { person: p } : {}) }];
  });
}

const toPosix = (path: string) => (sep === '/' ? path : path.split(sep).join('/'));

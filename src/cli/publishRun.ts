import { relative } from 'node:path';
import { message, type Locale } from '../core/i18n/messages';
import { PLATFORMS } from '../core/platforms/registry';
import { NodeHttp } from '../node/http';
import { NodePostWriter } from '../node/postWriter';
import { EnvSecrets } from '../node/secrets';
import { systemClock } from '../services/clock';
import { commitFiles, NodeGit } from '../node/git';
import { Publisher, type NetworkOutcome, type PostOutcome } from '../services/publish/publisher';
import { retrying } from '../services/publish/retry';
import { createSender } from '../services/publish/senders';
import type { Clock } from '../core/ports';
import { gateMessage } from '../core/publish/gateMessage';
import type { CommandResult } from './check';
import type { FileReport, LintTask } from './lintFiles';
import { toPosix } from './publish';
import { printable } from './report/escape';
import { mediaProbe, workspace } from './tasks';

/** How a publishing run ended, as its exit status (2 is a usage error, as for every command). */
export const PUBLISH_EXIT = { sent: 0, failed: 1, partial: 3, nothing: 4 } as const;

export interface SendOptions {
  readonly tasks: readonly LintTask[];
  readonly problems: readonly FileReport[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** The time the run takes as now (`--now`), moving on with the real clock. */
  readonly now: number;
  readonly due: boolean;
  readonly commit: boolean;
  readonly format: 'text' | 'json';
  readonly locale: Locale;
  /** The calendar's zone, for the times in messages. */
  readonly zone: string;
  readonly progress: (line: string) => void;
}

/** Sends each post, one after the other, and prints a summary: a table, or JSON. */
export async function sendPosts(options: SendOptions): Promise<CommandResult> {
  const { locale, progress } = options;
  const clock = offsetClock(options.now);
  const http = retrying(new NodeHttp(), clock, {
    onWait: (ms, response, request) => progress(message(locale, 'cli.publish-waiting', { status: response.status, host: hostOf(request.url), seconds: Math.ceil(ms / 1000) })),
  });
  const secrets = new EnvSecrets(options.env);
  const publisher = new Publisher({ workspace, writer: new NodePostWriter(), clock, sender: (network, config) => createSender(network, config, { http, secrets, clock }), git: new NodeGit(options.cwd) });
  const outcomes: PostOutcome[] = [];
  for (const task of options.tasks) {
    const calendar = { root: task.root, config: task.config, media: mediaProbe(task.root) };
    const shown = printable(toPosix(relative(options.cwd, task.file)) || '.');
    const outcome = await publisher.publish(calendar, task.file, {
      due: options.due,
      onProgress: (p) => {
        if (p.kind === 'network') progress(message(locale, 'cli.publish-sending', { file: shown, network: PLATFORMS[p.network].name }));
        if (p.kind === 'part' && p.of > 1) progress(message(locale, 'cli.publish-part', { file: shown, network: PLATFORMS[p.network].name, index: p.index, of: p.of }));
      },
    });
    outcomes.push(outcome);
  }
  const shownOutcomes = outcomes.filter((o) => shows(o, options.due));
  const written = outcomes.filter((o) => o.networks.some((n) => n.kind === 'published' || n.kind === 'failed') || o.gate.kind === 'missed').map((o) => o.path);
  let commitNote = '';
  if (options.commit && written.length > 0) {
    commitNote = await commitFiles(options.cwd, written, message(locale, 'cli.publish-commit-message', { count: written.length }));
  }
  const exitCode = exitOf(outcomes, options.due);
  const stdout = options.format === 'json' ? JSON.stringify(shownOutcomes.map((o) => toJson(o, options.cwd)), null, 2) : table(shownOutcomes, options.cwd, locale, options.zone, exitCode);
  const notes = [...options.problems.map((p) => `${printable(toPosix(relative(options.cwd, p.file)))}: ${p.diagnostics[0]?.message ?? ''}`), ...(commitNote ? [commitNote] : [])];
  return { stdout, ...(notes.length > 0 ? { stderr: notes.join('\n') } : {}), exitCode };
}

/**
 * Whether a post needs someone: with `--due`, a post whose time has come but cannot go (not
 * approved, errors, missed, unreadable); named on the command line, any post not sent.
 */
function needsAttention(outcome: PostOutcome, due: boolean): boolean {
  const g = outcome.gate;
  if (g.kind === 'ready' || g.kind === 'done') return false;
  if (!due) return true;
  return g.kind === 'missed' || g.kind === 'errors' || g.kind === 'stale-approval' || g.kind === 'unreadable' || (g.kind === 'not-approved' && g.now);
}

/** With `--due`, posts that were never due are not listed: only what was sent, or needs someone. */
function shows(outcome: PostOutcome, due: boolean): boolean {
  return !due || outcome.gate.kind === 'ready' || needsAttention(outcome, due);
}

function exitOf(outcomes: readonly PostOutcome[], due: boolean): number {
  const networks = outcomes.flatMap((o) => o.networks);
  const sent = networks.some((n) => n.kind === 'published');
  const bad = networks.some((n) => n.kind === 'failed' || n.kind === 'unknown') || outcomes.some((o) => needsAttention(o, due));
  if (sent) return bad ? PUBLISH_EXIT.partial : PUBLISH_EXIT.sent;
  if (bad) return PUBLISH_EXIT.failed;
  return PUBLISH_EXIT.nothing;
}

function table(outcomes: readonly PostOutcome[], cwd: string, locale: Locale, zone: string, exitCode: number): string {
  const rows: string[][] = [];
  for (const o of outcomes) {
    const file = printable(toPosix(relative(cwd, o.path)) || '.');
    if (o.networks.length === 0) {
      rows.push([file, '', gateWords(o, locale, zone)]);
      continue;
    }
    for (const n of o.networks) rows.push([file, PLATFORMS[n.network].name, printable(networkWords(n, locale))]);
  }
  const summary = message(locale, exitCode === PUBLISH_EXIT.nothing ? 'cli.publish-nothing' : 'cli.publish-summary', {
    sent: outcomes.flatMap((o) => o.networks).filter((n) => n.kind === 'published').length,
    failed: outcomes.flatMap((o) => o.networks).filter((n) => n.kind === 'failed' || n.kind === 'unknown').length,
  });
  if (rows.length === 0) return summary;
  const width = (i: number) => Math.max(...rows.map((r) => r[i]!.length));
  const [w0, w1] = [width(0), width(1)];
  return [...rows.map((r) => `${r[0]!.padEnd(w0)}  ${r[1]!.padEnd(w1)}  ${r[2]}`), '', summary].join('\n');
}

function networkWords(n: NetworkOutcome, locale: Locale): string {
  switch (n.kind) {
    case 'published':
      return [message(locale, 'cli.publish-published', { url: n.parts[0]?.url ?? n.parts[0]?.id ?? '', parts: n.parts.length }), ...n.notices].join(' ');
    case 'already':
      return message(locale, 'cli.publish-already', { state: n.result.state ?? 'published', url: n.result.url ?? n.result.id ?? '' });
    case 'failed':
    case 'unknown':
      return n.message;
    case 'not-supported':
      return message(locale, 'cli.publish-not-supported');
  }
}

function gateWords(o: PostOutcome, locale: Locale, zone: string): string {
  return o.gate.kind === 'unreadable' ? printable(o.gate.message) : gateMessage(locale, o.gate, zone);
}

function toJson(o: PostOutcome, cwd: string): unknown {
  return {
    file: toPosix(relative(cwd, o.path)) || '.',
    gate: o.gate,
    networks: o.networks.map((n) => {
      if (n.kind === 'failed') return { network: n.network, kind: n.kind, message: n.message, ...(n.error?.status !== undefined ? { status: n.error.status } : {}) };
      if (n.kind === 'published') return { network: n.network, kind: n.kind, parts: n.parts, ...(n.notices.length > 0 ? { notices: n.notices } : {}) };
      return n;
    }),
  };
}

/** Now as `--now` says, moving on with real time (waits are real). */
function offsetClock(start: number): Clock {
  const offset = start - systemClock.now();
  return { now: () => systemClock.now() + offset, sleep: (ms) => systemClock.sleep(ms) };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

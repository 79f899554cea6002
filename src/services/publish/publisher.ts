import type { CalendarConfig } from '../../core/config';
import { editFrontmatter, type FrontmatterEditResult } from '../../core/frontmatter/editor';
import type { FrontmatterChange } from '../../core/frontmatter/change';
import { refusalMessage } from '../../core/frontmatter/fix';
import { message, type Locale } from '../../core/i18n/messages';
import type { LintResult } from '../../core/lint';
import { PLATFORMS } from '../../core/platforms/registry';
import type { PlatformId, PublishResult, SentPart } from '../../core/model';
import type { Clock, Git, PostWriter, Workspace } from '../../core/ports';
import { stableKey } from '../../core/publish/keys';
import { mimeType } from '../../core/publish/mime';
import { networkStep, postGate, type PostGate } from '../../core/publish/plan';
import { resultChanges, type ResultEvent } from '../../core/publish/results';
import { resolveMediaPath } from '../../core/rules/mediaFiles';
import { childPath, relativePath } from '../../core/text/paths';
import { formatInZone } from '../../core/zone';
import { checkPost } from '../checkPost';
import type { MediaProbe } from '../media';
import { localError, SendError, type Account, type Outgoing, type OutgoingMedia, type Sender } from './sender';

/** What happened to one network of a post in this run. */
export type NetworkOutcome =
  | { readonly network: PlatformId; readonly kind: 'published'; readonly parts: readonly SentPart[]; readonly account?: Account; readonly notices: readonly string[] }
  /** Published or missed by an earlier run. */
  | { readonly network: PlatformId; readonly kind: 'already'; readonly result: PublishResult }
  | { readonly network: PlatformId; readonly kind: 'failed'; readonly message: string; readonly error?: SendError }
  /** A call may or may not have gone through: not re-sent; a person must check the network. */
  | { readonly network: PlatformId; readonly kind: 'unknown'; readonly message: string }
  | { readonly network: PlatformId; readonly kind: 'not-supported' };

/** What happened to a post in this run. */
export interface PostOutcome {
  /** Absolute path. */
  readonly path: string;
  /** Calendar-relative path. */
  readonly file: string;
  readonly gate: PostGate | { readonly kind: 'unreadable'; readonly message: string };
  readonly networks: readonly NetworkOutcome[];
}

/** Progress, as it happens, for a status line or a notification. */
export type PublishProgress =
  | { readonly kind: 'network'; readonly file: string; readonly network: PlatformId }
  | { readonly kind: 'part'; readonly file: string; readonly network: PlatformId; readonly index: number; readonly of: number }
  | { readonly kind: 'outcome'; readonly file: string; readonly outcome: NetworkOutcome };

/** What the publisher is given by its host. */
export interface PublisherPorts {
  readonly workspace: Workspace;
  readonly writer: PostWriter;
  readonly clock: Clock;
  /** The sender of a network for a calendar, or undefined when this tool does not publish there. */
  readonly sender: (network: PlatformId, config: CalendarConfig) => Sender | undefined;
  /** Who wrote each post (approval.self): without it, authors approving their own post go unseen. */
  readonly git?: Pick<Git, 'authors'>;
}

/** A calendar, as the publisher needs it. */
export interface PublishCalendar {
  readonly root: string;
  readonly config: CalendarConfig;
  readonly media: MediaProbe;
}

/**
 * Publishes posts, each network exactly once: checks the post as `check` does, sends only what
 * the gate lets through (approved or scheduled, no error, within its window), and records every
 * step under `results` through the frontmatter editor, so that a run stopped anywhere leaves the
 * file saying what went out. A network that cannot take a repeated call gets `state: sending`
 * before each call; finding it there, a later run reports it instead of sending again.
 */
export class Publisher {
  /** One sender per calendar and network for the whole run: one login each. */
  private readonly senders = new Map<string, Sender | undefined>();
  private readonly accounts = new Map<Sender, Promise<Account>>();

  constructor(private readonly ports: PublisherPorts) {}

  /** Publishes one post file. `due`: only once its time has come. Never throws for a network's failure. */
  async publish(calendar: PublishCalendar, path: string, options: { readonly due: boolean; readonly onProgress?: (p: PublishProgress) => void }): Promise<PostOutcome> {
    const { config } = calendar;
    const locale = config.locale;
    const now = this.ports.clock.now();
    const file = relativePath(calendar.root, path) ?? path;
    const checked = await checkPost(this.ports.workspace, calendar, path, { now, media: calendar.media, ...(this.ports.git ? { git: this.ports.git } : {}) });
    if (!checked.result) return { path, file, gate: { kind: 'unreadable', message: checked.diagnostics[0]?.message ?? '' }, networks: [] };
    const result = checked.result;
    const gate = postGate({ ...result, diagnostics: checked.diagnostics }, now, config, options);
    const { meta } = result.post;

    if (gate.kind === 'missed') {
      // Recorded once, so that the calendar shows it and later runs leave it.
      const changes = meta.platforms.flatMap((p) => (networkStep(meta.results[p], p, true).kind === 'send' ? resultChanges(p, meta.results[p], { kind: 'missed', at: new Date(now).toISOString() }) : []));
      if (changes.length > 0) await this.record(path, changes, locale, file).catch(() => undefined);
      return { path, file, gate, networks: [] };
    }
    if (gate.kind !== 'ready') return { path, file, gate, networks: [] };

    const networks: NetworkOutcome[] = [];
    const report = (outcome: NetworkOutcome) => {
      networks.push(outcome);
      options.onProgress?.({ kind: 'outcome', file, outcome });
    };
    for (const network of meta.platforms) {
      const sender = this.senderFor(network, config);
      const step = networkStep(meta.results[network], network, sender?.idempotent ?? false, now);
      if (step.kind === 'not-supported' || !sender) {
        report({ network, kind: 'not-supported' });
        continue;
      }
      if (step.kind === 'done') {
        report({ network, kind: 'already', result: step.result });
        continue;
      }
      if (step.kind === 'wait') {
        report({ network, kind: 'failed', message: message(locale, 'publish.waiting', { network: networkName(network), time: formatInZone(step.until, config.timezone) }) });
        continue;
      }
      if (step.kind === 'unknown') {
        report({ network, kind: 'unknown', message: message(locale, 'publish.unknown', { network: networkName(network), file }) });
        continue;
      }
      options.onProgress?.({ kind: 'network', file, network });
      report(await this.send(calendar, path, file, result, network, sender, step.result, options.onProgress));
    }
    // Published once every network is: one this tool does not publish to (TikTok…) is left to a person.
    if (networks.length > 0 && networks.every((n) => n.kind === 'published' || n.kind === 'already') && networks.some((n) => n.kind === 'published')) {
      await this.record(path, [{ kind: 'set', path: ['status'], value: 'published' }], locale, file).catch(() => undefined);
    }
    return { path, file, gate, networks };
  }

  /** Who each network's sender logs in as (for a confirmation, or "Test connection"). */
  account(network: PlatformId, config: CalendarConfig): Promise<Account> | undefined {
    const sender = this.senderFor(network, config);
    return sender ? this.connect(sender) : undefined;
  }

  private senderFor(network: PlatformId, config: CalendarConfig): Sender | undefined {
    // A sender is made from the network's settings, and the calendar's `mediaBaseUrl` (Meta's networks).
    const key = `${network}\u0000${JSON.stringify(config.platforms[network] ?? {})}\u0000${config.mediaBaseUrl ?? ''}`;
    if (!this.senders.has(key)) this.senders.set(key, this.ports.sender(network, config));
    return this.senders.get(key);
  }

  private connect(sender: Sender): Promise<Account> {
    let account = this.accounts.get(sender);
    if (!account) {
      account = sender.connect();
      this.accounts.set(sender, account);
      account.catch(() => this.accounts.delete(sender));
    }
    return account;
  }

  private async send(
    calendar: PublishCalendar,
    path: string,
    file: string,
    result: LintResult,
    network: PlatformId,
    sender: Sender,
    previous: PublishResult | undefined,
    onProgress: ((p: PublishProgress) => void) | undefined,
  ): Promise<NetworkOutcome> {
    const locale = calendar.config.locale;
    const { meta } = result.post;
    const parts = result.renders.find((r) => r.platform === network)?.parts ?? [];
    const sent: SentPart[] = [...(previous?.parts ?? [])];
    const notices: string[] = [];
    const at = () => new Date(this.ports.clock.now()).toISOString();
    const record = (event: ResultEvent) => this.record(path, resultChanges(network, previous, event), locale, file);

    // Refused edits (aliases, a layout the editor cannot keep) are found before anything is sent.
    const probe = await this.edit(path, resultChanges(network, previous, { kind: 'sending', at: at() }));
    if (!probe.ok) return { network, kind: 'failed', message: refusalMessage(locale, probe, file) };
    try {
      const account = await this.connect(sender);
      if (sent.length < parts.length) {
        // Written for every network: the entry then has a state (an entry with an id and none is
        // one written by hand, left alone), and the calendar shows the post on its way.
        await record({ kind: 'sending', at: at() });
        const outgoing: Outgoing = {
          file,
          meta,
          parts,
          media: await this.media(calendar, result),
          sent: [...sent],
          key: stableKey(file, network, meta.dateText ?? ''),
          notice: (id, params) => notices.push(message(locale, id, { network: networkName(network), ...params })),
        };
        await sender.send(outgoing, async (part) => {
          await record({ kind: 'part', part, first: sent.length === 0 });
          sent.push(part);
          onProgress?.({ kind: 'part', file, network, index: sent.length, of: parts.length });
        });
      }
      await record({ kind: 'published', at: at() });
      return { network, kind: 'published', parts: sent, account, notices };
    } catch (error) {
      const words = failureMessage(locale, calendar.config.timezone, network, error);
      // No answer from a network that cannot take a repeat: `sending` stays, for a person to check.
      if (error instanceof SendError && error.failure === 'no-answer' && !sender.idempotent) {
        return { network, kind: 'unknown', message: message(locale, 'publish.unknown', { network: networkName(network), file }) + ' ' + words };
      }
      const failed: ResultEvent = {
        kind: 'failed',
        at: at(),
        error: words,
        ...(error instanceof SendError && error.status !== undefined ? { status: error.status } : {}),
        ...(error instanceof SendError && error.retryAfter !== undefined ? { retryAfter: new Date(error.retryAfter).toISOString() } : {}),
      };
      await record(failed).catch(() => undefined);
      return { network, kind: 'failed', message: words, ...(error instanceof SendError ? { error } : {}) };
    }
  }

  /** The post's media, read from inside the calendar only, when a sender uploads them. */
  private async media(calendar: PublishCalendar, result: LintResult): Promise<OutgoingMedia[]> {
    const { workspace } = this.ports;
    const out: OutgoingMedia[] = [];
    for (const item of result.post.meta.media) {
      const calendarPath = resolveMediaPath(result.post.path, item.file);
      if (calendarPath === undefined) continue;
      const absolute = childPath(calendar.root, calendarPath);
      const stat = await workspace.stat(absolute);
      out.push({
        file: calendarPath,
        alt: item.alt ?? '',
        mime: mimeType(calendarPath),
        size: stat.size,
        bytes: async () => {
          // Looked at again as it is read: a symlink swapped in since the check must not leak a file.
          const [real, root] = await Promise.all([workspace.realPath(absolute), workspace.realPath(calendar.root)]);
          if (relativePath(root, real) === undefined) throw localError('rejected', 'media.outside-calendar', { file: calendarPath });
          return workspace.read(real, Math.max(stat.size, 1) * 2 + 1024);
        },
      });
    }
    return out;
  }

  private async edit(path: string, changes: readonly FrontmatterChange[]): Promise<FrontmatterEditResult & { before?: string }> {
    const before = await this.ports.writer.read(path);
    return { ...editFrontmatter(before, changes), before };
  }

  /** Writes `changes` into the post through the frontmatter editor, from the text as it is now. */
  private async record(path: string, changes: readonly FrontmatterChange[], locale: Locale, file: string): Promise<void> {
    if (changes.length === 0) return;
    const edit = await this.edit(path, changes);
    if (!edit.ok) throw new Error(refusalMessage(locale, edit, file));
    if (edit.edits.length > 0) await this.ports.writer.apply(path, edit.before!, edit.edits);
  }
}

/** A network's display name for messages. */
function networkName(network: PlatformId): string {
  return PLATFORMS[network].name;
}

/** A failure in people's words: ours for what we found, the network's own otherwise. */
export function failureMessage(locale: Locale, zone: string, network: PlatformId, error: unknown): string {
  const name = networkName(network);
  if (!(error instanceof SendError)) return message(locale, 'publish.internal-error', { network: name, detail: error instanceof Error ? error.message : String(error) });
  if (error.local) return message(locale, error.local.id, { network: name, ...error.local.params });
  const said = error.networkMessage;
  switch (error.failure) {
    case 'auth':
      return message(locale, 'publish.reconnect', { network: name, detail: said });
    case 'rate-limited':
      return error.retryAfter !== undefined ? message(locale, 'publish.rate-limited-until', { network: name, detail: said, time: formatInZone(error.retryAfter, zone) }) : message(locale, 'publish.rate-limited', { network: name, detail: said });
    case 'server':
      return message(locale, 'publish.server', { network: name, detail: said });
    case 'no-answer':
      return message(locale, 'publish.no-answer', { network: name, detail: said });
    case 'rejected':
      return message(locale, 'publish.rejected', { network: name, detail: said });
  }
}

import * as vscode from 'vscode';
import type { CalendarConfig } from '../core/config';
import type { PlatformId, TextEdit } from '../core/model';
import type { Http, PostWriter, Secrets } from '../core/ports';
import { PLATFORMS } from '../core/platforms/registry';
import { PUBLISHED_NETWORKS } from '../core/publish/networks';
import { gateMessage } from '../core/publish/gateMessage';
import { postGate } from '../core/publish/plan';
import { systemClock } from '../services/clock';
import { checkPost } from '../services/checkPost';
import { failureMessage, Publisher, type NetworkOutcome } from '../services/publish/publisher';
import { retrying } from '../services/publish/retry';
import { createSender } from '../services/publish/senders';
import type { Calendar, Calendars } from './calendars';
import { toWorkspaceEdit } from './convert';
import { host } from './host';
import type { MediaStatuses } from './mediaStatuses';
import { uriOf, workspaceFor } from './workspace';

/** The credentials each network needs, as "Connect Network…" asks for them; an optional one may be left empty. */
function credentialsOf(network: PlatformId): ReadonlyArray<{ readonly name: string; readonly prompt: string; readonly password: boolean; readonly optional?: boolean }> | undefined {
  switch (network) {
    case 'bluesky':
      return [
        { name: 'identifier', prompt: vscode.l10n.t('Bluesky handle or email (e.g. nova.bsky.social)'), password: false },
        { name: 'app-password', prompt: vscode.l10n.t('Bluesky app password (Settings → Privacy and security → App passwords)'), password: true },
      ];
    case 'mastodon':
      return [{ name: 'access-token', prompt: vscode.l10n.t('Mastodon access token (Preferences → Development → New application, scopes read and write)'), password: true }];
    case 'x':
      return [{ name: 'access-token', prompt: vscode.l10n.t('X user access token (OAuth 2.0, scopes tweet.read, tweet.write, users.read, media.write)'), password: true }];
    case 'linkedin':
      return [{ name: 'access-token', prompt: vscode.l10n.t('LinkedIn access token (scope w_member_social, or w_organization_social for a page)'), password: true }];
    case 'threads':
      return [
        { name: 'user-id', prompt: vscode.l10n.t('Threads user id (the id of GET /me on graph.threads.net)'), password: false },
        { name: 'access-token', prompt: vscode.l10n.t('Threads user access token (permissions threads_basic, threads_content_publish)'), password: true },
      ];
    case 'instagram':
      return [
        { name: 'user-id', prompt: vscode.l10n.t('Instagram professional account id (the IG user id linked to your Facebook Page)'), password: false },
        { name: 'access-token', prompt: vscode.l10n.t('Instagram access token (Facebook Login; permissions instagram_basic, instagram_content_publish, pages_read_engagement)'), password: true },
      ];
    case 'facebook':
      return [
        { name: 'page-id', prompt: vscode.l10n.t('Facebook Page id'), password: false },
        { name: 'access-token', prompt: vscode.l10n.t('Facebook Page access token (permissions pages_manage_posts, pages_read_engagement)'), password: true },
      ];
    case 'webhook':
      return [
        { name: 'url', prompt: vscode.l10n.t('Webhook URL (a Slack or Discord URL is a secret: keep it here rather than in .editorial.yaml; empty: platforms.webhook.url)'), password: true, optional: true },
        { name: 'secret', prompt: vscode.l10n.t('Webhook signing secret, shared with the receiver (empty: requests are not signed)'), password: true, optional: true },
      ];
    default:
      return undefined;
  }
}

/** Credentials in VS Code's SecretStorage (the OS keychain), never in settings or files. */
export class SecretStorageSecrets implements Secrets {
  constructor(private readonly storage: vscode.SecretStorage) {}
  get(network: string, name: string): Promise<string | undefined> {
    return Promise.resolve(this.storage.get(secretKey(network, name)));
  }
  store(network: string, name: string, value: string): Thenable<void> {
    return this.storage.store(secretKey(network, name), value);
  }
}

const secretKey = (network: string, name: string) => `editorialCalendar.${network}.${name}`;

/**
 * Results written into the post through a WorkspaceEdit (undo works, the open editor follows),
 * then saved: the file on disk says what went out even if VS Code is closed right after.
 */
export class DocumentWriter implements PostWriter {
  constructor(private readonly root: vscode.Uri) {}
  async read(path: string): Promise<string> {
    return (await vscode.workspace.openTextDocument(uriOf(this.root, path))).getText();
  }
  async apply(path: string, before: string, edits: readonly TextEdit[]): Promise<void> {
    const document = await vscode.workspace.openTextDocument(uriOf(this.root, path));
    if (document.getText() !== before) throw new Error(vscode.l10n.t('{0} changed while it was being published.', vscode.workspace.asRelativePath(document.uri)));
    if (!(await vscode.workspace.applyEdit(toWorkspaceEdit(document, edits)))) throw new Error(vscode.l10n.t('{0} could not be edited.', vscode.workspace.asRelativePath(document.uri)));
    await document.save();
  }
}

/** What the publishing commands need. */
export interface PublishingContext {
  readonly calendars: Calendars;
  readonly media: MediaStatuses;
  readonly secrets: SecretStorageSecrets;
  /** Asks before sending; tests answer it themselves. */
  confirm: (message: string, detail: string, action: string) => Thenable<boolean>;
}

/** A modal question with one action, as VS Code asks before anything irreversible. */
export const modalConfirm = async (message: string, detail: string, action: string): Promise<boolean> => (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;

/**
 * The host's HTTP, else undefined after saying that publishing needs VS Code on a computer: a
 * browser's extension host reaches no network but the workbench's.
 */
function networkAccess(): Http | undefined {
  const http = host().http;
  if (!http) void vscode.window.showWarningMessage(vscode.l10n.t('Publishing runs in VS Code on a computer, or with edcal publish in CI: not in the browser. Approve here, and publish from there.'));
  return http;
}

function publisherFor(ctx: PublishingContext, calendar: Calendar, network: Http): Publisher {
  const clock = systemClock;
  const http = retrying(network, clock);
  const git = host().git;
  return new Publisher({
    workspace: workspaceFor(calendar.root),
    writer: new DocumentWriter(calendar.root),
    clock,
    sender: (network, config: CalendarConfig) => createSender(network, config, { http, secrets: ctx.secrets, clock }),
    // Publishing runs only in a trusted workspace, where git may be asked who wrote a post.
    ...(calendar.root.scheme === 'file' && git ? { git: git(calendar.root.fsPath) } : {}),
  });
}

/**
 * "Connect Network…": asks for a network's credentials, stores them in SecretStorage, then tests
 * them at once and says which account they reached. `given` skips the questions (for tests).
 */
export async function connectNetwork(ctx: PublishingContext, network?: PlatformId, given?: Readonly<Record<string, string>>): Promise<string | undefined> {
  if (!networkAccess()) return undefined;
  const chosen = network ?? (await pickNetwork());
  const needed = chosen ? credentialsOf(chosen) : undefined;
  if (!chosen || !needed) return undefined;
  for (const credential of needed) {
    const value = given?.[credential.name] ?? (await vscode.window.showInputBox({ prompt: credential.prompt, password: credential.password, ignoreFocusOut: true }));
    // Escape cancels; an optional credential left empty keeps what was stored.
    if (value === undefined || (!value.trim() && !credential.optional)) return undefined;
    if (value.trim()) await ctx.secrets.store(chosen, credential.name, value.trim());
  }
  return testConnection(ctx, chosen);
}

/** "Test Connection": logs in with the stored credentials and shows the account reached (or why not). */
export async function testConnection(ctx: PublishingContext, network?: PlatformId): Promise<string | undefined> {
  const calendar = ctx.calendars.all[0];
  if (!calendar || !networkAccess()) return undefined;
  const chosen = network ?? (await pickNetwork());
  if (!chosen) return undefined;
  return test(ctx, calendar, chosen);
}

async function pickNetwork(): Promise<PlatformId | undefined> {
  const picked = await vscode.window.showQuickPick(
    PUBLISHED_NETWORKS.map((id) => ({ label: PLATFORMS[id].name, id })),
    { placeHolder: vscode.l10n.t('Network to connect') },
  );
  return picked?.id;
}

async function test(ctx: PublishingContext, calendar: Calendar, network: PlatformId): Promise<string | undefined> {
  const http = networkAccess();
  if (!http) return undefined;
  const account = publisherFor(ctx, calendar, http).account(network, calendar.config);
  try {
    const reached = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Connecting to {0}…', PLATFORMS[network].name) }, () => account!);
    void vscode.window.showInformationMessage(vscode.l10n.t('Connected to {0} as {1}.', PLATFORMS[network].name, reached.name));
    return reached.name;
  } catch (error) {
    void vscode.window.showErrorMessage(failureMessage(calendar.config.locale, calendar.config.timezone, network, error));
    return undefined;
  }
}

/**
 * "Publish Post": the post as saved, checked as `check` does; a confirmation listing the networks,
 * the accounts and what blocks; then a progress notification per network and a summary with
 * links. The results are written into the post (undo works) and saved. Never in an untrusted
 * workspace.
 */
export async function publishPost(ctx: PublishingContext, uri: vscode.Uri): Promise<readonly NetworkOutcome[] | undefined> {
  const http = networkAccess();
  if (!http) return undefined;
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Publishing is turned off in an untrusted workspace: trust this folder to publish from it.'));
    return undefined;
  }
  const found = ctx.calendars.postOf(uri);
  if (!found) return undefined;
  const { calendar } = found;
  const document = await vscode.workspace.openTextDocument(uri);
  if (document.isDirty) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Save the post first: what is published is the saved file.'));
    return undefined;
  }
  const publishCalendar = { root: calendar.root.path, config: calendar.config, media: ctx.media.probeFor(calendar) };
  const publisher = publisherFor(ctx, calendar, http);
  const checked = await checkPost(workspaceFor(calendar.root), publishCalendar, uri.path, { now: systemClock.now(), media: publishCalendar.media });
  if (!checked.result) return undefined;
  const gate = postGate({ ...checked.result, diagnostics: checked.diagnostics }, systemClock.now(), calendar.config, { due: false });
  if (gate.kind !== 'ready') {
    const why = gateMessage(calendar.config.locale, gate, calendar.config.timezone);
    void vscode.window.showWarningMessage(why.charAt(0).toUpperCase() + why.slice(1) + '.');
    return undefined;
  }
  const { platforms } = checked.result.post.meta;
  const lines: string[] = [];
  for (const network of platforms) {
    const name = PLATFORMS[network].name;
    if (!PUBLISHED_NETWORKS.includes(network)) {
      lines.push(vscode.l10n.t('{0}: not published by this extension yet, post it by hand', name));
      continue;
    }
    try {
      lines.push(vscode.l10n.t('{0}: as {1}', name, (await publisher.account(network, calendar.config))!.name));
    } catch (error) {
      lines.push(failureMessage(calendar.config.locale, calendar.config.timezone, network, error));
    }
  }
  const title = checked.result.post.meta.title ?? vscode.workspace.asRelativePath(uri);
  if (!(await ctx.confirm(vscode.l10n.t('Publish "{0}" now?', title), lines.join('\n'), vscode.l10n.t('Publish')))) return undefined;

  const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Publishing "{0}"', title) }, (progress) =>
    publisher.publish(publishCalendar, uri.path, {
      due: false,
      onProgress: (p) => {
        if (p.kind === 'network') progress.report({ message: PLATFORMS[p.network].name });
        if (p.kind === 'part' && p.of > 1) progress.report({ message: vscode.l10n.t('{0}: part {1} of {2}', PLATFORMS[p.network].name, p.index, p.of) });
      },
    }),
  );
  // Not awaited: the notification stays until dismissed, the command is done.
  void summarise(outcome.networks);
  return outcome.networks;
}

async function summarise(networks: readonly NetworkOutcome[]): Promise<void> {
  const links = networks.flatMap((n) => (n.kind === 'published' && n.parts[0]?.url ? [{ title: vscode.l10n.t('Open on {0}', PLATFORMS[n.network].name), url: n.parts[0].url }] : []));
  const failed = networks.filter((n): n is Extract<NetworkOutcome, { kind: 'failed' | 'unknown' }> => n.kind === 'failed' || n.kind === 'unknown');
  const sent = networks.filter((n) => n.kind === 'published').map((n) => PLATFORMS[n.network].name);
  const notices = networks.flatMap((n) => (n.kind === 'published' ? n.notices : []));
  const text =
    failed.length === 0
      ? [vscode.l10n.t('Published on {0}.', sent.join(', ')), ...notices].join(' ')
      : [sent.length > 0 ? vscode.l10n.t('Published on {0}.', sent.join(', ')) : '', ...failed.map((f) => f.message)].filter(Boolean).join(' ');
  const show = failed.length === 0 ? vscode.window.showInformationMessage : vscode.window.showErrorMessage;
  const picked = await show(text, ...links.map((l) => l.title));
  const link = links.find((l) => l.title === picked);
  if (link) await vscode.env.openExternal(vscode.Uri.parse(link.url));
}

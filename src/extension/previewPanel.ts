import { contestLabel } from '../core/contest/label';
import * as vscode from 'vscode';
import { buildPreviews } from '../core/preview';
import { formatPostTime } from '../core/zone';
import { resolveMediaPath } from '../core/rules/mediaFiles';
import type { LintResult } from '../core/lint';
import { isFromPreview, type PreviewInit, type PreviewSnapshot, type ToPreview } from '../webview/protocol';
import { previewChanges } from '../webview/previewDelta';
import type { Calendars } from './calendars';
import { pageAssets, webviewHtml, type PageAssets } from './webviewHtml';
import type { LiveLinter } from './liveLinter';
import type { MediaStatuses } from './mediaStatuses';

/**
 * The per-network preview beside the editor: follows the active post, redrawn on every keystroke
 * (checked at once, without the diagnostics' debounce: a check takes a few milliseconds at most) and
 * when the cursor moves to another part.
 */
export class PreviewPanel implements vscode.Disposable {
  private static current: PreviewPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private document: vscode.TextDocument | undefined;
  private readonly rendered = new vscode.EventEmitter<PreviewRendered>();
  /** Fires once each render is painted in the webview (benchmarks and tests). */
  readonly onDidRender = this.rendered.event;

  /** Opens the preview of `uri` (the editor title button passes it), else of the active editor's post. */
  static async show(deps: PreviewDeps, uri?: vscode.Uri): Promise<PreviewPanel> {
    const document = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (PreviewPanel.current) {
      if (document) PreviewPanel.current.follow(document);
      PreviewPanel.current.panel.reveal(vscode.ViewColumn.Beside, true);
      return PreviewPanel.current;
    }
    const assets = await pageAssets(deps.extensionUri, 'preview');
    if (PreviewPanel.current) return PreviewPanel.current; // opened while the page was read
    const panel = vscode.window.createWebviewPanel('editorialCalendar.preview', vscode.l10n.t('Post preview'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, PreviewPanel.options(deps));
    return (PreviewPanel.current = new PreviewPanel(panel, deps, assets, document));
  }

  /**
   * Scripts on; files only from the calendars (the posts' media), never the rest of the workspace
   * (the page's own script and styles are in its HTML: see webviewHtml). Media are given a URI only
   * when inside their calendar, symlinks resolved (see `snapshot`).
   */
  private static options(deps: PreviewDeps): vscode.WebviewOptions {
    const roots: vscode.Uri[] = [];
    for (const uri of deps.calendars.all.map((c) => c.root)) {
      if (!roots.some((r) => r.toString() === uri.toString())) roots.push(uri);
    }
    return { enableScripts: true, localResourceRoots: roots };
  }

  static get instance(): PreviewPanel | undefined {
    return PreviewPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly deps: PreviewDeps,
    private readonly assets: PageAssets,
    document: vscode.TextDocument | undefined,
  ) {
    // Kept even before the calendars are loaded: the first check of the post will draw it.
    this.document = document;
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'calendar.svg');
    panel.webview.html = this.html(this.snapshot());
    this.roots = rootsKey(panel.webview.options);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => {
        if (!isFromPreview(m)) return;
        // Whatever changed while the page loaded, or after a delta that did not fit: all of it.
        if (m.type === 'ready' || m.type === 'resync') {
          this.sent = undefined;
          this.push();
        }
        if (m.type === 'rendered') this.rendered.fire({ ms: m.ms, version: m.version, receivedAt: m.receivedAt, paintedAt: m.paintedAt });
        // Only for what is drawn now: a click on a card of another post or an older text is ignored.
        if (m.type === 'reveal' && this.document && m.file === this.drawn?.file && m.version === this.document.version) void this.reveal(m.start, m.end);
        // Only a link the drawn post's results hold, and only https: never a URL the page made up.
        if (m.type === 'openPublished' && this.document && m.file === this.drawn?.file && m.version === this.document.version) {
          const url = this.drawn.previews.find((p) => p.platform === m.platform)?.published?.url;
          if (url) void vscode.env.openExternal(vscode.Uri.parse(url));
        }
      }),
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e && deps.calendars.postOf(e.document.uri)) this.follow(e.document);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => e.document === this.document && e.contentChanges.length > 0 && this.push()),
      // Also after the debounced check: media or settings may have changed what it finds.
      deps.linter.onDidLint((uri) => uri.toString() === this.document?.uri.toString() && this.push()),
      deps.calendars.onDidChange(() => this.updateRoots()),
      // A cursor move redraws only when it enters another thread part.
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor.document !== this.document) return;
        const key = JSON.stringify(this.activeParts(e.textEditor.document, deps.linter.currentResult(e.textEditor.document)));
        if (key !== this.lastActive) this.push();
      }),
    );
  }

  private lastActive = '';
  /** What the webview holds (sent whole or made by deltas), numbered: deltas are computed from it. */
  private sent: { readonly seq: number; readonly snapshot: PreviewSnapshot; readonly strings: string } | undefined;
  private seq = 0;
  /** The last snapshot sent to the webview (tests read what was really drawn). */
  drawn: PreviewSnapshot | undefined;
  private roots = '';

  /**
   * New calendars or folders may hold media the webview may not load yet. Changing the roots reloads
   * the page from its HTML, so the HTML is rebuilt with the current post first.
   */
  private updateRoots(): void {
    const options = PreviewPanel.options(this.deps);
    const roots = rootsKey(options);
    if (roots !== this.roots) {
      this.roots = roots;
      this.panel.webview.options = options;
      this.panel.webview.html = this.html(this.snapshot());
    } else this.push();
  }

  /** For each network, the index of the thread part holding the cursor (0 when outside). */
  private activeParts(document: vscode.TextDocument, result: LintResult | undefined): Record<string, number> {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
    const cursor = editor ? document.offsetAt(editor.selection.active) : 0;
    const parts: Record<string, number> = {};
    for (const r of result?.renders ?? []) parts[r.platform] = Math.max(0, r.parts.findIndex((part) => cursor >= part.sourceStart && cursor <= part.sourceEnd));
    return parts;
  }

  /** Shows another post. */
  follow(document: vscode.TextDocument): void {
    this.document = document;
    this.push();
  }

  private async reveal(start: number, end: number): Promise<void> {
    const document = this.document!;
    const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.window.visibleTextEditors.find((e) => e.document === document)?.viewColumn ?? vscode.ViewColumn.One });
    const range = new vscode.Range(document.positionAt(start), document.positionAt(end));
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** Sends the current snapshot: only what changed since the one the webview holds, when it holds one of this post. */
  private push(): void {
    const snapshot = this.snapshot();
    const strings = previewStrings();
    const key = JSON.stringify(strings);
    const changes = snapshot && this.sent && this.sent.strings === key ? previewChanges(this.sent.snapshot, snapshot) : undefined;
    // The webview holds it all already (the diagnostics' debounced check of a text the keystroke checked).
    if (changes && Object.keys(changes).length === 0) return;
    const seq = ++this.seq;
    const message: ToPreview = changes && this.sent ? { type: 'previewDelta', base: this.sent.seq, seq, changes } : { type: 'preview', seq, snapshot, strings };
    this.sent = snapshot ? { seq, snapshot, strings: key } : undefined;
    void this.panel.webview.postMessage(message);
  }

  /** What the webview draws for the active post (undefined: no post). */
  snapshot(): PreviewSnapshot | undefined {
    const document = this.document;
    if (!document) return undefined;
    const post = this.deps.calendars.postOf(document.uri);
    const result = post && this.deps.linter.currentResult(document);
    if (!post || !result) return (this.drawn = undefined);
    const config = post.calendar.config;
    const previews = buildPreviews(result, config);
    const activeParts = this.activeParts(document, result);
    this.lastActive = JSON.stringify(activeParts);
    const mediaUris: Record<string, string> = {};
    for (const m of result.post.meta.media) {
      const path = resolveMediaPath(post.path, m.file);
      if (path !== undefined && this.deps.media.lookup(post.calendar, path) === 'ok') {
        mediaUris[m.file] = this.panel.webview.asWebviewUri(vscode.Uri.joinPath(post.calendar.root, path)).toString();
      }
    }
    return (this.drawn = {
      file: post.path,
      version: document.version,
      title: result.post.meta.title ?? post.path,
      // As feeds show it, in the calendar's language and zone (a French calendar reads French).
      when: result.post.meta.date !== undefined ? formatPostTime(result.post.meta.date, config.timezone, config.locale, result.post.meta.dateOnly) : '',
      previews,
      problems: result.diagnostics.map((d) => ({ platform: d.platform ?? '', message: d.message, severity: d.severity, start: document.offsetAt(new vscode.Position(d.range.start.line, d.range.start.character)), end: document.offsetAt(new vscode.Position(d.range.end.line, d.range.end.character)) })),
      activeParts,
      mediaUris,
      ...(result.post.meta.contest ? { contest: contestLabel(result.post.meta.contest, config.timezone, config.locale) } : {}),
    });
  }

  private html(snapshot: PreviewSnapshot | undefined): string {
    this.sent = undefined; // a new page holds the snapshot of its HTML, numbered 0: no delta fits it
    return webviewHtml(this.panel.webview, { title: vscode.l10n.t('Post preview'), assets: this.assets, init: { snapshot, strings: previewStrings() } satisfies PreviewInit });
  }

  dispose(): void {
    if (PreviewPanel.current === this) PreviewPanel.current = undefined;
    for (const d of this.disposables) d.dispose();
    this.rendered.dispose();
    this.panel.dispose();
  }
}

/** A render of the preview, painted: how long drawing took, which version, when its message arrived and when it was painted (epoch ms). */
export interface PreviewRendered {
  readonly ms: number;
  readonly version: number;
  readonly receivedAt: number;
  readonly paintedAt: number;
}

export interface PreviewDeps {
  readonly extensionUri: vscode.Uri;
  readonly calendars: Calendars;
  readonly linter: LiveLinter;
  readonly media: MediaStatuses;
}

/** The resource roots of webview options, comparable as a string. */
const rootsKey = (options: vscode.WebviewOptions) => JSON.stringify(options.localResourceRoots?.map(String));

/** The preview's UI strings in the user's language, by English key. */
function previewStrings(): Record<string, string> {
  const strings: Record<string, string> = {};
  for (const key of PREVIEW_STRINGS) strings[key] = vscode.l10n.t(key);
  return strings;
}

/** The preview's UI strings (translated in l10n/bundle.l10n.fr.json). */
const PREVIEW_STRINGS = [
  'Published',
  'Open the published post',
  'Poll',
  'Poll · open {0}',
  'Open a post of the editorial calendar to preview it.',
  '{0} preview',
  'No alt text',
  'ALT',
  'Error',
  'Warning',
  'Info',
  'part {0} of {1}',
  '{0} of {1} characters',
  'No image',
  '{0}/{1} media',
  'Problems',
  'Show in the editor',
  'variant',
  'Layout',
  'Side by side',
  'Tabs',
  'Networks',
  // What the feeds write where they fold, and their action words (src/webview/preview/looks.ts).
  '… more',
  '…see more',
  'See more',
  '…more',
  'Like',
  'Comment',
  'Repost',
  'Send',
  'Share',
];

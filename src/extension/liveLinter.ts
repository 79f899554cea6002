import * as vscode from 'vscode';
import { lint, type LintResult } from '../core/lint';
import type { Calendar, Calendars } from './calendars';
import { type DocsLinks, toVsDiagnostic } from './convert';
import type { MediaStatuses } from './mediaStatuses';
import { CONFIG_FILE } from '../core/config';
import type { PostAuthors } from './postAuthors';
import type { PostIndex } from './postIndex';
import { settings } from './settings';

/**
 * Diagnostics for every post: open editors are checked on each keystroke (debounced; a result
 * for an older version of the text is dropped), closed files come from the background index.
 */
export class LiveLinter implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('editorial-calendar');
  private readonly results = new Map<string, { version: number; result: LintResult }>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after an open post was checked again. */
  readonly onDidLint = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly calendars: Calendars,
    private readonly index: PostIndex,
    private readonly docs: DocsLinks,
    private readonly media: MediaStatuses,
    private readonly authors: PostAuthors,
  ) {
    this.disposables.push(
      // Git told who wrote an open post: checked again, as for a media status.
      authors.onDidChange((uri) => {
        const d = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
        if (!d || !this.results.delete(d.uri.toString())) return;
        if (this.unpublished?.key === d.uri.toString()) this.unpublished = undefined;
        this.schedule(d);
      }),
      // A media file's status became known or changed: its posts are checked again, debounced
      // as a keystroke would be (the diagnostics never run ahead of their delay).
      media.onDidChange((calendar) => {
        for (const d of vscode.workspace.textDocuments) {
          if (this.calendars.postOf(d.uri)?.calendar !== calendar || !this.results.delete(d.uri.toString())) continue;
          if (this.unpublished?.key === d.uri.toString()) this.unpublished = undefined;
          this.schedule(d);
        }
      }),
      vscode.workspace.onDidOpenTextDocument((d) => this.lintNow(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.calendars.postOf(e.document.uri)) this.schedule(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.closed(d)),
      index.onDidChange((uris) => this.showIndexed(uris)),
    );
  }

  /** The last result for an open post, if it matches the document's current version. */
  resultFor(document: vscode.TextDocument): LintResult | undefined {
    const entry = this.results.get(document.uri.toString());
    return entry && entry.version === document.version ? entry.result : undefined;
  }

  /** The last result for an open post, even while a newer check is pending (for the status bar). */
  lastResultFor(document: vscode.TextDocument): LintResult | undefined {
    return this.results.get(document.uri.toString())?.result;
  }

  private configUris: vscode.Uri[] = [];

  /** Checks every open post now, and shows the problems of each `.editorial.yaml` (at start and after changes). */
  relintAll(): void {
    for (const d of vscode.workspace.textDocuments) this.lintNow(d);
    for (const uri of this.configUris) this.collection.delete(uri);
    this.configUris = this.calendars.all.map((c) => vscode.Uri.joinPath(c.root, CONFIG_FILE));
    this.collection.set(this.calendars.all.map((c, i) => [this.configUris[i]!, c.configDiagnostics.map((d) => toVsDiagnostic(d, this.docs))]));
    if (!settings().checkWholeCalendar) {
      // Only open posts are shown: clear what the background check had published.
      for (const post of this.index.all) if (!this.results.has(post.uri)) this.collection.delete(vscode.Uri.parse(post.uri));
    } else this.showIndexed([...this.index.all].map((p) => p.uri));
  }

  /**
   * The result for the document's text as it is now: the last check when still current, else a
   * fresh one that is not published (diagnostics keep their debounce; the preview does not wait).
   */
  currentResult(document: vscode.TextDocument): LintResult | undefined {
    const current = this.resultFor(document);
    if (current) return current;
    const ahead = this.checkedAhead(document);
    if (ahead) return ahead;
    const post = this.calendars.postOf(document.uri);
    if (!post) return undefined;
    const result = this.check(post, document);
    this.unpublished = { key: document.uri.toString(), version: document.version, result };
    return result;
  }

  /** The last result `currentResult` computed ahead of the debounce (one document: the previewed one). */
  private unpublished: { key: string; version: number; result: LintResult } | undefined;

  /** That result, if it is of the document's current text. */
  private checkedAhead(document: vscode.TextDocument): LintResult | undefined {
    const u = this.unpublished;
    return u && u.key === document.uri.toString() && u.version === document.version ? u.result : undefined;
  }

  private check(post: { calendar: Calendar; path: string }, document: vscode.TextDocument): LintResult {
    // Media, their digests and authors not known yet are looked up in the background; the post is checked again then.
    return lint(post.path, document.getText(), {
      config: post.calendar.config,
      media: (path) => this.media.lookup(post.calendar, path),
      mediaDigest: (path) => this.media.digestOf(post.calendar, path),
      authors: () => this.authors.lookup(document.uri),
    });
  }

  /** Checks a document right away and publishes its diagnostics. Returns the result for posts. */
  lintNow(document: vscode.TextDocument): LintResult | undefined {
    const post = this.calendars.postOf(document.uri);
    const key = document.uri.toString();
    if (!post) {
      if (this.results.delete(key)) this.collection.delete(document.uri);
      return undefined;
    }
    return this.publish(document, this.check(post, document));
  }

  private publish(document: vscode.TextDocument, result: LintResult): LintResult {
    this.results.set(document.uri.toString(), { version: document.version, result });
    this.collection.set(document.uri, result.diagnostics.map((d) => toVsDiagnostic(d, this.docs)));
    this.changed.fire(document.uri);
    return result;
  }

  private schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    const version = document.version;
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        // A newer keystroke scheduled its own run: this one is stale.
        // Already published for this text (a settings change re-checked it): nothing to do.
        if (document.version !== version || document.isClosed || this.resultFor(document)) return;
        // The preview may already have checked this very text: publish that check, not a second one.
        const ahead = this.checkedAhead(document);
        if (ahead) this.publish(document, ahead);
        else this.lintNow(document);
      }, settings().lintDelay),
    );
  }

  private closed(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.results.delete(key);
    if (!settings().checkWholeCalendar) this.collection.delete(document.uri);
    // Back to what is on disk (unsaved changes were discarded or saved).
    void this.index.refresh(document.uri);
  }

  /** Publishes index results for files that are not open in an editor. */
  private showIndexed(uris: readonly string[]): void {
    if (!settings().checkWholeCalendar) return;
    // One batched update: a message per file would mean 10,000 messages to the workbench.
    const updates: Array<[vscode.Uri, vscode.Diagnostic[] | undefined]> = [];
    for (const key of uris) {
      if (this.results.has(key)) continue;
      const uri = vscode.Uri.parse(key);
      const diagnostics = this.index.get(uri)?.diagnostics ?? this.index.problemsAt(uri);
      updates.push([uri, diagnostics ? diagnostics.map((d) => toVsDiagnostic(d, this.docs)) : undefined]);
    }
    for (const [uri, diagnostics] of updates) if (!diagnostics) this.collection.delete(uri);
    this.collection.set(updates.filter((u): u is [vscode.Uri, vscode.Diagnostic[]] => u[1] !== undefined));
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
    this.collection.dispose();
    this.changed.dispose();
  }
}

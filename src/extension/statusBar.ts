import * as vscode from 'vscode';
import type { LintResult } from '../core/lint';
import { PLATFORMS } from '../core/platforms/registry';
import type { LiveLinter } from './liveLinter';

/**
 * The counts of the post under the cursor, per network, for the thread part the cursor is in:
 * `X 245/280 · Bluesky 260/300`, in the warning colour when a part is over its limit.
 */
export class CountsStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('editorialCalendar.counts', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];
  /** What is shown, to leave the item alone when a keystroke or cursor move changes none of it. */
  private shown = '';

  constructor(private readonly linter: LiveLinter) {
    this.item.name = vscode.l10n.t('Post length per network');
    this.item.command = 'editorialCalendar.showPostDetails';
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.window.onDidChangeTextEditorSelection(() => this.update()),
      linter.onDidLint(() => this.update()),
    );
    this.update();
  }

  /** The text shown, for tests. */
  get text(): string {
    return this.item.text;
  }

  update(): void {
    const editor = vscode.window.activeTextEditor;
    // While a check is pending after a keystroke, keep showing the last counts rather than flicker.
    const result = editor ? this.linter.lastResultFor(editor.document) : undefined;
    if (!editor || !result || result.renders.length === 0) {
      if (this.shown !== '') this.item.hide();
      this.shown = '';
      return;
    }
    const counts = countsAt(result, editor.document.offsetAt(editor.selection.active));
    const text = counts.map((c) => `${c.name} ${c.length}/${c.limit}`).join(' · ');
    const over = counts.some((c) => c.length > c.limit);
    let table = `| ${vscode.l10n.t('Network')} | ${vscode.l10n.t('Part')} | ${vscode.l10n.t('Length')} | ${vscode.l10n.t('Hashtags')} |\n|---|---|---|---|\n`;
    for (const c of counts) table += `| ${c.name} | ${c.part}/${c.parts} | ${c.length}/${c.limit} | ${c.hashtags.map((h) => `#${h}`).join(' ') || '—'} |\n`;
    // Each change to the item is a message to the workbench, on the thread the keystroke is drawn on.
    const shown = `${text}\n${over}\n${table}`;
    if (shown === this.shown) return;
    this.shown = shown;
    this.item.text = text;
    this.item.backgroundColor = over ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.tooltip = new vscode.MarkdownString(table);
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.item.dispose();
  }
}

/** Per network: the part containing `offset` (else the first), with its counts. */
export function countsAt(result: LintResult, offset: number) {
  return result.renders.map((render) => {
    let index = render.parts.findIndex((p) => offset >= p.sourceStart && offset <= p.sourceEnd);
    if (index < 0) index = 0;
    const part = render.parts[index]!;
    return { platform: render.platform, name: PLATFORMS[render.platform].name, part: index + 1, parts: render.parts.length, length: part.length, limit: part.limit, hashtags: part.hashtags };
  });
}

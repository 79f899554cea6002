import * as vscode from 'vscode';
import type { Diagnostic as CoreDiagnostic, Fix } from '../core/model';
import { editsOfFixes } from '../core/frontmatter/fix';
import { codeOf, SOURCE, toWorkspaceEdit } from './convert';
import type { LiveLinter } from './liveLinter';

/**
 * Quick fixes from the core's fixes: the fix for one finding (preferred where obvious), "fix all of
 * this kind in the file", and `source.fixAll` (every preferred fix of the file).
 */
export class PostCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.SourceFixAll];

  constructor(private readonly linter: LiveLinter) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const result = this.linter.resultFor(document) ?? this.linter.lintNow(document);
    if (!result) return [];
    // Fixes may be costly to work out (thread splits): only those asked about are computed.
    const all = result.diagnostics.filter((d) => d.fixes && d.fixes.length > 0);
    const actions: vscode.CodeAction[] = [];

    if (!context.only || context.only.contains(vscode.CodeActionKind.QuickFix)) {
      for (const vsDiagnostic of context.diagnostics) {
        if (vsDiagnostic.source !== SOURCE) continue;
        const core = all.find((d) => d.code === codeOf(vsDiagnostic) && sameRange(d, vsDiagnostic.range) && d.message === vsDiagnostic.message);
        if (!core) continue;
        for (const fix of core.fixes!.filter((f) => f.edits.length > 0)) actions.push(this.action(document, fix.title, [fix], vscode.CodeActionKind.QuickFix, [vsDiagnostic], fix.preferred));
        const sameKind = all.filter((d) => d.code === core.code);
        if (sameKind.length > 1) {
          const title = vscode.l10n.t('Fix all "{0}" problems in this file', core.code);
          actions.push(this.action(document, title, sameKind.map((d) => d.fixes![0]!), vscode.CodeActionKind.QuickFix, [vsDiagnostic], false));
        }
      }
    }
    if (context.only?.contains(vscode.CodeActionKind.SourceFixAll)) {
      const preferred = all.flatMap((d) => d.fixes!.filter((f) => f.preferred));
      if (preferred.length > 0) {
        actions.push(this.action(document, vscode.l10n.t('Fix all auto-fixable post problems'), preferred, vscode.CodeActionKind.SourceFixAll, [], false));
      }
    }
    return actions;
  }

  private action(document: vscode.TextDocument, title: string, fixes: readonly Fix[], kind: vscode.CodeActionKind, diagnostics: vscode.Diagnostic[], preferred?: boolean): vscode.CodeAction {
    const action = new vscode.CodeAction(title, kind);
    // Several fixes at once must not overlap (editors reject overlapping edits), and frontmatter
    // fixes go through the editor in turn (two renames to one key would write it twice).
    action.edit = toWorkspaceEdit(document, fixes.length === 1 ? fixes[0]!.edits : editsOfFixes(document.getText(), fixes));
    action.diagnostics = diagnostics;
    if (preferred) action.isPreferred = true;
    return action;
  }
}

function sameRange(d: CoreDiagnostic, r: vscode.Range): boolean {
  return d.range.start.line === r.start.line && d.range.start.character === r.start.character && d.range.end.line === r.end.line && d.range.end.character === r.end.character;
}

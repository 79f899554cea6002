import * as vscode from 'vscode';
import type { Diagnostic as CoreDiagnostic, TextEdit } from '../core/model';

const SEVERITY: Record<CoreDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** The source name shown beside every finding. */
export const SOURCE = 'edcal';

/**
 * Links from diagnostic codes to their row of docs/rules.md. VS Code opens a file link at a line
 * given as `#L12` (not at an HTML anchor), so the rows are looked up once, through `workspace.fs`
 * (in a browser too); until they are, and when no docs are shipped, links open the file at its top.
 */
export class DocsLinks {
  private readonly lines = new Map<string, number>();
  /** Settles once the rows are known. */
  readonly ready: Promise<void>;

  constructor(private readonly docs: vscode.Uri) {
    this.ready = Promise.resolve(vscode.workspace.fs.readFile(docs)).then(
      (bytes) =>
        new TextDecoder()
          .decode(bytes)
          .split('\n')
          .forEach((line, i) => {
            const id = /<a id="([\w.-]+)"><\/a>/.exec(line)?.[1];
            if (id) this.lines.set(id, i + 1);
          }),
      () => {},
    );
  }

  target(code: string): vscode.Uri {
    const line = this.lines.get(code);
    return line === undefined ? this.docs : this.docs.with({ fragment: `L${line}` });
  }
}

/** A core finding as a VS Code diagnostic whose code links to its documentation. */
export function toVsDiagnostic(d: CoreDiagnostic, docs: DocsLinks): vscode.Diagnostic {
  const range = new vscode.Range(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character);
  const out = new vscode.Diagnostic(range, d.message, SEVERITY[d.severity]);
  out.source = SOURCE;
  out.code = { value: d.code, target: docs.target(d.code) };
  return out;
}

/** The code string of a VS Code diagnostic made by `toVsDiagnostic`. */
export function codeOf(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}

/** Core text edits (offsets into `document`'s text) as a WorkspaceEdit. */
export function toWorkspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[], into = new vscode.WorkspaceEdit()): vscode.WorkspaceEdit {
  for (const e of edits) into.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
  return into;
}

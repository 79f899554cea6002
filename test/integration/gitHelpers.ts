import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';

// Apart from helpers.ts: the suites that run in a browser's worker too (test/web) cannot start git.

/** git in the test workspace's folder; its output, trimmed. */
export function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: vscode.workspace.workspaceFolders![0]!.uri.fsPath, encoding: 'utf8' }).trim();
}

/** Makes the test workspace a git repository, once for the suites that need one, with Léa as its user. */
export function gitRepository(): void {
  try {
    git('rev-parse', '--is-inside-work-tree');
  } catch {
    git('init', '-q');
  }
  git('config', 'user.name', 'Léa');
  git('config', 'user.email', 'lea@nova.example');
}

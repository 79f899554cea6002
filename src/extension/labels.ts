import * as vscode from 'vscode';
import type { PostStatus } from '../core/model';

/** A status as people read it, in VS Code's language (the frontmatter keeps the English id). */
export function statusLabel(status: PostStatus): string {
  switch (status) {
    case 'idea':
      return vscode.l10n.t('Idea');
    case 'draft':
      return vscode.l10n.t('Draft');
    case 'review':
      return vscode.l10n.t('In review');
    case 'approved':
      return vscode.l10n.t('Approved');
    case 'scheduled':
      return vscode.l10n.t('Scheduled');
    case 'published':
      return vscode.l10n.t('Published');
  }
}

/** The Posts view's icon of each status (codicons). */
export const STATUS_ICON: Record<PostStatus, string> = {
  idea: 'lightbulb',
  draft: 'edit',
  review: 'eye',
  approved: 'pass',
  scheduled: 'clock',
  published: 'broadcast',
};

/** The colour of a status's chips in the calendar (media/calendar.css `.status-*`), as people name it. */
export function statusColour(status: PostStatus): string {
  switch (status) {
    case 'idea':
      return vscode.l10n.t('yellow');
    case 'draft':
      return vscode.l10n.t('grey');
    case 'review':
      return vscode.l10n.t('orange');
    case 'approved':
      return vscode.l10n.t('green');
    case 'scheduled':
      return vscode.l10n.t('blue');
    case 'published':
      return vscode.l10n.t('purple');
  }
}

/** Whether `n` takes the singular in VS Code's language (French: 0 and 1; English: 1). */
export function isSingular(n: number): boolean {
  return vscode.env.language.toLowerCase().startsWith('fr') ? n < 2 : n === 1;
}

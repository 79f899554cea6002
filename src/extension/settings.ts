import * as vscode from 'vscode';

/** The extension's settings, all under `editorialCalendar.*` (see package.json). */
export interface Settings {
  /** Language of diagnostics: auto (VS Code's when French, else the calendar's), en or fr. */
  readonly language: 'auto' | 'en' | 'fr';
  /** Milliseconds to wait after a keystroke before checking the post again. */
  readonly lintDelay: number;
  /** Check every post of the calendar in the background (Problems panel), not only open ones. */
  readonly checkWholeCalendar: boolean;
}

export function settings(): Settings {
  const c = vscode.workspace.getConfiguration('editorialCalendar');
  return {
    language: c.get<'auto' | 'en' | 'fr'>('language', 'auto'),
    lintDelay: c.get<number>('lintDelay', 150),
    checkWholeCalendar: c.get<boolean>('checkWholeCalendar', true),
  };
}

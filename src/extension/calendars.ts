import * as vscode from 'vscode';
import { CONFIG_FILE, DEFAULT_CONFIG, type CalendarConfig } from '../core/config';
import type { Locale } from '../core/i18n/messages';
import type { Diagnostic } from '../core/model';
import { discoverCalendars, loadCalendar } from '../services/calendarFiles';
import { postMatcher } from '../services/walk';
import { settings } from './settings';
import { uriOf, workspaceFor } from './workspace';

/** A calendar of the workspace: the folder holding `.editorial.yaml`, and its settings. */
export interface Calendar {
  readonly root: vscode.Uri;
  readonly config: CalendarConfig;
  readonly configDiagnostics: readonly Diagnostic[];
  /** The calendar's own `locale`, for its dates (`config.locale`, for messages, may follow VS Code's language). */
  readonly dateLocale: Locale;
  /** True for a calendar-relative path matching the `posts` globs. */
  isPost(relativePath: string): boolean;
}

/**
 * The calendars of the workspace, found by their `.editorial.yaml` and kept up to date when those
 * files change. Messages use VS Code's language when it is French, else the calendar's `locale`.
 */
export class Calendars implements vscode.Disposable {
  private calendars: Calendar[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly watcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE}`);

  private loading: Promise<void> = Promise.resolve();

  constructor() {
    const reload = () => void this.reload();
    this.watcher.onDidCreate(reload);
    this.watcher.onDidChange(reload);
    this.watcher.onDidDelete(reload);
  }

  /** Reads the calendars again (settings, folders or a config file changed) and says so. */
  async reload(): Promise<void> {
    await this.load();
    this.changed.fire();
  }

  /** Reads the calendars; loads run one after the other so the last one wins. */
  load(): Promise<void> {
    // A failed load (a folder removed meanwhile…) must not stop every later one.
    this.loading = this.loading.catch(() => {}).then(() => this.loadNow());
    return this.loading;
  }

  private async loadNow(): Promise<void> {
    // The same discovery and settings reading as the CLI's (src/services/calendarFiles.ts).
    const loaded: Calendar[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const workspace = workspaceFor(folder.uri);
      for (const root of await discoverCalendars(workspace, [folder.uri.path])) {
        const calendar = await loadCalendar(workspace, root, DEFAULT_CONFIG.locale);
        loaded.push(makeCalendar(uriOf(folder.uri, root), withEditorLocale(calendar.config), calendar.configDiagnostics, calendar.config.locale));
      }
    }
    // Deepest first, so that a nested calendar wins over the one around it.
    this.calendars = loaded.sort((a, b) => b.root.path.length - a.root.path.length);
  }

  get all(): readonly Calendar[] {
    return this.calendars;
  }

  /** The calendar a file belongs to and its calendar-relative path, if it is one of its posts. */
  postOf(uri: vscode.Uri): { calendar: Calendar; path: string } | undefined {
    for (const calendar of this.calendars) {
      const prefix = calendar.root.path.endsWith('/') ? calendar.root.path : calendar.root.path + '/';
      if (uri.scheme !== calendar.root.scheme || !uri.path.startsWith(prefix)) continue;
      const path = uri.path.slice(prefix.length);
      return calendar.isPost(path) ? { calendar, path } : undefined;
    }
    return undefined;
  }

  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
  }
}

function makeCalendar(root: vscode.Uri, config: CalendarConfig, configDiagnostics: readonly Diagnostic[], dateLocale: Locale): Calendar {
  return { root, config, configDiagnostics, dateLocale, isPost: postMatcher(config) };
}

/** Applies the `editorialCalendar.language` setting (auto: French UI → French). */
function withEditorLocale(config: CalendarConfig): CalendarConfig {
  const chosen = settings().language;
  if (chosen === 'en' || chosen === 'fr') return { ...config, locale: chosen };
  return vscode.env.language.toLowerCase().startsWith('fr') ? { ...config, locale: 'fr' } : config;
}

import type { Git, History, Http, Workspace } from '../core/ports';
import type { Locale } from '../core/i18n/messages';
import type { CalendarDiff } from '../core/review/calendarDiff';

/**
 * What the extension can do where it runs. VS Code's Node extension host can do everything; a
 * browser's (vscode.dev, github.dev: a web worker) runs no process and reaches no network, so
 * whatever is left out here says it needs VS Code on a computer instead of failing. Set once, by
 * the entry point, before activation (`extension.ts`, `web.ts`).
 */
export interface Host {
  /** Local (`file:`) files read directly, without a round trip to the workbench per call. */
  readonly localFiles?: Workspace;
  /** Git as a process, in a folder (a file-system path): who wrote a post, approvals' commits. */
  readonly git?: (folder: string) => Git;
  /** Git's history of a calendar (first commits), for the report's lead times. */
  readonly history?: History;
  /** HTTP to the networks, for publishing. */
  readonly http?: Http;
  /** A calendar compared with a branch of its repository. */
  readonly branches?: Branches;
  /**
   * "Fetch Metrics" (`metricsFetch.ts`): given by the Node host only, so that the browser's bundle,
   * which could not reach the networks, does not carry it.
   */
  readonly fetchMetrics?: typeof import('./metricsFetch').fetchCalendarMetrics;
  /** "Open Report" (`reportPanel.ts`): the Node host's too, keeping the browser's bundle under 600 KB. */
  readonly report?: typeof import('./reportPanel').ReportPanel;
}

/** Git's branches, as "Compare Calendar with Branch…" needs them (file-system paths). */
export interface Branches {
  /** The top folder of the repository holding `folder`; undefined outside one. */
  top(folder: string): string | undefined;
  /** Its branches and tags, for a picker. */
  names(top: string): string[];
  /** True when `revision` names a commit of the repository. */
  isCommit(top: string, revision: string): boolean;
  /** The calendar at `root` in the working tree (`head`) compared with `revision`. */
  diff(top: string, revision: string, root: string, head: Workspace, options: { readonly locale: Locale; readonly now: number }): Promise<CalendarDiff>;
  /** A file the diff names (from the repository's top) as path segments under the calendar `root`; undefined outside it. */
  underCalendar(top: string, root: string, file: string): string[] | undefined;
}

let current: Host = {};

/** What this host can do (nothing beyond VS Code's own API until an entry point says). */
export function host(): Host {
  return current;
}

/** Said by the entry point, before `activateExtension`. */
export function useHost(capabilities: Host): void {
  current = capabilities;
}

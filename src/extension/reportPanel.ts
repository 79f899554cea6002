import * as vscode from 'vscode';
import { addDays, addMonths, dayKey } from '../core/calendar';
import { escapeHtml } from '../core/calendarHtml';
import { reportBody, reportHtml, REPORT_CSS } from '../core/reporting/html';
import { reportMarkdown } from '../core/reporting/markdown';
import type { Report } from '../core/reporting/report';
import { periodText, reportTitle } from '../core/reporting/sections';
import { systemClock } from '../services/clock';
import { calendarReport } from '../services/report';
import type { FromReport } from '../webview/protocol';
import type { Calendar, Calendars } from './calendars';
import { host } from './host';
import { pageAssets, webviewHtml } from './webviewHtml';
import { workspaceFor } from './workspace';

export interface ReportDeps {
  readonly extensionUri: vscode.Uri;
  readonly calendars: Calendars;
}

/**
 * "Open Report": the report of a month (as `edcal report` gives it) in a webview with the theme's
 * colours, a toolbar to go month by month, and Save as HTML, Markdown or JSON. The report is
 * drawn by the extension with every text escaped; the webview's script only sends the toolbar's
 * clicks. One panel: opening it again shows it.
 */
export class ReportPanel {
  static instance: ReportPanel | undefined;
  private report: Report | undefined;

  static async show(deps: ReportDeps, month?: string): Promise<ReportPanel | undefined> {
    await deps.calendars.load();
    const calendar = deps.calendars.all[0];
    if (!calendar) {
      void vscode.window.showWarningMessage(vscode.l10n.t('No editorial calendar in this workspace: add an .editorial.yaml file.'));
      return undefined;
    }
    const start = month ?? addMonths(`${dayKey(systemClock.now(), calendar.config.timezone).slice(0, 7)}-01`, -1).slice(0, 7);
    if (ReportPanel.instance) {
      ReportPanel.instance.panel.reveal();
      await ReportPanel.instance.render(start);
      return ReportPanel.instance;
    }
    const panel = vscode.window.createWebviewPanel('editorialCalendar.report', vscode.l10n.t('Report'), vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [] });
    const instance = (ReportPanel.instance = new ReportPanel(panel, deps, calendar));
    await instance.render(start);
    return instance;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly deps: ReportDeps,
    private readonly calendar: Calendar,
  ) {
    panel.onDidDispose(() => (ReportPanel.instance = undefined));
    panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m));
  }

  /** The month shown, `YYYY-MM`. */
  month = '';

  /** The HTML of the report shown (for tests). */
  get html(): string {
    return this.panel.webview.html;
  }

  async render(month: string): Promise<void> {
    this.month = month;
    const { calendar } = this;
    const history = host().history;
    const reading = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Building the report…') }, () =>
      calendarReport(
        { workspace: workspaceFor(calendar.root), ...(history && calendar.root.scheme === 'file' ? { history } : {}) },
        { root: calendar.root.path, config: calendar.config },
        { from: `${month}-01`, to: addDays(addMonths(`${month}-01`, 1), -1), now: systemClock.now(), locale: calendar.config.locale },
      ),
    );
    this.report = reading.report;
    const assets = await pageAssets(this.deps.extensionUri, 'report');
    const button = (action: string, label: string, title = label) => `<button type="button" data-action="${action}" title="${escapeHtml(title)}">${escapeHtml(label)}</button>`;
    const toolbar = [
      '<nav class="toolbar" aria-label="' + escapeHtml(vscode.l10n.t('Report')) + '">',
      button('previous', '‹', vscode.l10n.t('Previous month')),
      `<span class="period" aria-live="polite">${escapeHtml(periodText(reading.report))}</span>`,
      button('next', '›', vscode.l10n.t('Next month')),
      button('refresh', vscode.l10n.t('Refresh')),
      '<span class="spacer"></span>',
      button('html', vscode.l10n.t('Save as HTML…')),
      button('md', vscode.l10n.t('Save as Markdown…')),
      button('json', vscode.l10n.t('Save as JSON…')),
      '</nav>',
    ].join('');
    const skipped = reading.metricsProblems.length > 0 ? `<p class="meta">${escapeHtml(vscode.l10n.t('{0} line(s) of the metrics files could not be read and were skipped.', reading.metricsProblems.length))}</p>` : '';
    this.panel.title = reportTitle(reading.report);
    this.panel.webview.html = webviewHtml(this.panel.webview, { title: reportTitle(reading.report), assets: { script: assets.script, style: REPORT_CSS + assets.style }, init: { month }, body: toolbar + skipped + reportBody(reading.report) });
  }

  /** A message from the webview: checked like any input, then acted on. */
  private async receive(m: unknown): Promise<void> {
    const message = m as FromReport;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'month' && typeof message.month === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(message.month)) await this.render(message.month);
    else if (message.type === 'refresh') await this.render(this.month);
    else if (message.type === 'export' && (message.format === 'html' || message.format === 'md' || message.format === 'json')) await this.save(message.format);
  }

  /** Saves the report shown where the person chooses (by default `reports/YYYY-MM.<ext>` in the calendar). */
  async save(format: 'html' | 'md' | 'json', target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const report = this.report;
    if (!report) return undefined;
    const uri = target ?? (await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(this.calendar.root, 'reports', `${this.month}.${format}`), filters: { [format.toUpperCase()]: [format] } }));
    if (!uri) return undefined;
    const text = format === 'html' ? reportHtml(report) : format === 'md' ? reportMarkdown(report) : JSON.stringify(report, null, 2) + '\n';
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    void vscode.window.showInformationMessage(vscode.l10n.t('Report saved to {0}.', vscode.workspace.asRelativePath(uri)));
    return uri;
  }
}

// The report webview: the report itself is drawn by the extension (src/core/reporting/html.ts,
// every text escaped); this script only turns the toolbar's buttons into messages.
import { addMonths } from '../../core/calendar';
import type { FromReport, ReportInit } from '../protocol';

declare function acquireVsCodeApi(): { postMessage(m: FromReport): void };

const vscode = acquireVsCodeApi();
const root = document.getElementById('root')!;
const init = JSON.parse(root.dataset['init']!) as ReportInit;

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-action]')) {
  button.addEventListener('click', () => {
    const action = button.dataset['action'];
    if (action === 'previous' || action === 'next') vscode.postMessage({ type: 'month', month: addMonths(`${init.month}-01`, action === 'previous' ? -1 : 1).slice(0, 7) });
    else if (action === 'refresh') vscode.postMessage({ type: 'refresh' });
    else if (action === 'html' || action === 'md' || action === 'json') vscode.postMessage({ type: 'export', format: action });
  });
}

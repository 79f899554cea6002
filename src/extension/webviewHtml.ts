import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/**
 * The HTML of every webview of the extension: a strict Content-Security-Policy with a fresh nonce
 * (nothing remote, scripts and styles only from the extension), the given style sheets and script
 * (paths relative to the extension), and the first render's data in an escaped `data-init`.
 */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: { title: string; styles: readonly string[]; script: string; init: unknown }): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (path: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path.split('/'))).toString();
  const csp = [`default-src 'none'`, `img-src ${webview.cspSource}`, `font-src ${webview.cspSource}`, `style-src ${webview.cspSource} 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`].join('; ');
  const styles = page.styles.map((s) => `<link rel="stylesheet" href="${asset(s)}" nonce="${nonce}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
<title>${escapeAttribute(page.title)}</title>
</head>
<body>
<div id="root" data-init="${escapeAttribute(JSON.stringify(page.init ?? null))}"></div>
<script nonce="${nonce}" src="${asset(page.script)}"></script>
</body>
</html>`;
}

/** Escapes text for an HTML attribute value in double quotes. */
export function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#39;');
}

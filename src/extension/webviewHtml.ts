import * as vscode from 'vscode';
import { pageHtml, type PageAssets } from '../core/webviewPage';

export type { PageAssets };

const assets = new Map<string, Promise<PageAssets>>();

/** The built script and style sheet of the page `name` ('calendar', 'preview'), read once. */
export function pageAssets(extensionUri: vscode.Uri, name: 'calendar' | 'preview' | 'report'): Promise<PageAssets> {
  const key = `${extensionUri.toString()}#${name}`;
  let found = assets.get(key);
  if (!found) {
    const read = async (file: string) => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', file)));
    found = Promise.all([read(`${name}.js`), read(`${name}.css`)]).then(([script, style]) => ({ script, style }));
    found.catch(() => assets.delete(key)); // a failed read is tried again next time
    assets.set(key, found);
  }
  return found;
}

/**
 * The HTML of every webview of the extension: a strict Content-Security-Policy with a fresh nonce
 * (nothing remote; images only from the webview's local resource roots), the page's style sheet and
 * script inline under that nonce, and the first render's data in an escaped `data-init`.
 *
 * Why inline: a page that loads its script, CSS or font through the webview's service worker, and
 * is closed while one of those loads is in flight, leaves the worker waiting 30 s for an answer
 * that never comes; VS Code 1.100's next webview cannot get its own worker until then, so it stays
 * blank that long (seen with a preview closed while loading, then the calendar opened). A page
 * that loads nothing leaves nothing in flight.
 */
export function webviewHtml(webview: vscode.Webview, page: { title: string; assets: PageAssets; init: unknown; body?: string }): string {
  return pageHtml({ ...page, nonce: nonce(), cspSource: webview.cspSource, language: vscode.env.language });
}

/** 16 random bytes in base64, from Web Crypto (in Node's extension host and in a browser's alike). */
function nonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

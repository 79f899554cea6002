// The HTML of the extension's webview pages, pure: the extension host adds the nonce, the
// webview's CSP source and the UI language (src/extension/webviewHtml.ts).

/**
 * A webview page's script and style sheet as built (dist/webview/<name>.js and .css, the codicons'
 * font inlined in the CSS).
 */
export interface PageAssets {
  readonly script: string;
  readonly style: string;
}

/**
 * A page that loads nothing: its style sheet and script inline under `nonce`, images only from
 * `cspSource`, fonts only as data: URLs, and `init` in an escaped `data-init`. `body`, when given,
 * is HTML the core drew with every text escaped (the report): it goes in as it is.
 *
 * @example pageHtml({ title: 'Calendar', assets: { script: 'go()', style: 'b{}' }, init: { n: 1 }, nonce: 'abc', cspSource: 'https://x', language: 'fr' })
 */
export function pageHtml(page: { title: string; assets: PageAssets; init: unknown; nonce: string; cspSource: string; language: string; body?: string }): string {
  const { nonce } = page;
  const csp = [`default-src 'none'`, `img-src ${page.cspSource}`, `font-src data:`, `style-src 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(page.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">${inElement(page.assets.style, 'style')}</style>
<title>${escapeAttribute(page.title)}</title>
</head>
<body>
<div id="root" data-init="${escapeAttribute(JSON.stringify(page.init ?? null))}">${page.body ?? ''}</div>
<script nonce="${nonce}">${inElement(page.assets.script, 'script')}</script>
</body>
</html>`;
}

/**
 * Text for a raw-text element (`<script>`, `<style>`): a `</script` or `</style` in it (only ever
 * inside a string, a regular expression or a comment) is written `<\/…`, which means the same there.
 */
function inElement(text: string, tag: 'script' | 'style'): string {
  return text.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1');
}

/** Escapes text for an HTML attribute value in double quotes. */
export function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#39;');
}

import { message } from '../i18n/messages';
import type { MediaEntry } from '../post';
import type { TextEdit } from '../model';
import type { Rule } from './rule';

const IMAGE = /\.(?:png|jpe?g|gif|webp|avif|heic|bmp|tiff?)$/i;

/** `media.alt-missing`: an image without alt text. The fix inserts an `alt:` placeholder to fill in. */
export const mediaAltRule: Rule = {
  codes: ['media.alt-missing'],
  run({ post, config, report }) {
    for (const entry of post.media) {
      if (entry.item.alt !== undefined && entry.item.alt.trim() !== '') continue;
      if (!IMAGE.test(entry.item.file)) continue; // videos carry captions, not alt text
      const placeholder = message(config.locale, 'placeholder.alt');
      const edits = altInsertion(entry, placeholder, post.eol, post.text);
      report({
        code: 'media.alt-missing',
        severity: 'warning',
        id: 'media.alt-missing',
        start: entry.start,
        end: entry.fileEnd,
        fixes: edits ? [{ title: message(config.locale, 'fix.add-alt'), edits, preferred: true }] : [],
      });
    }
  },
};

/** Where and how to write `alt: "…"` beside a media item's `file`, in the item's own style. */
function altInsertion(entry: MediaEntry, placeholder: string, eol: string, text: string): TextEdit[] {
  const value = JSON.stringify(placeholder);
  if (entry.emptyAlt) {
    // `alt:` is there without a value: fill it in place (a second `alt` would be a duplicate key).
    const { start, end } = entry.emptyAlt;
    return [{ start, end, newText: text[start - 1] === ':' ? ` ${value}` : value }];
  }
  const newLine = `${eol}${' '.repeat(entry.column)}alt: ${value}`;
  switch (entry.style) {
    case 'flow':
      return [{ start: entry.fileEnd, end: entry.fileEnd, newText: `, alt: ${value}` }];
    case 'bare':
      // `- img.png` becomes a map with `file` and `alt`.
      return [
        { start: entry.start, end: entry.start, newText: 'file: ' },
        { start: entry.end, end: entry.end, newText: newLine },
      ];
    case 'bare-flow':
      // `[a.png, b.png]`: the path becomes a flow map in place.
      return [{ start: entry.start, end: entry.end, newText: `{ file: ${text.slice(entry.start, entry.end)}, alt: ${value} }` }];
    case 'block':
      return [{ start: entry.fileEnd, end: entry.fileEnd, newText: newLine }];
  }
}

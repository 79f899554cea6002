import type { PlatformId } from './model';

/**
 * A file name part from a title: lower case ASCII words joined by `-`, accents removed.
 *
 * @example slugify('Lancement de Nova 2 : J-3 !') // 'lancement-de-nova-2-j-3'
 */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'post';
}

/**
 * Where a new post goes in a calendar: `posts/YYYY/MM/DD-slug.md` (the date as written, local).
 *
 * @example newPostPath('2026-12-03T09:30', 'Lancement') // 'posts/2026/12/03-lancement.md'
 */
export function newPostPath(dateText: string, title: string, folder = 'posts'): string {
  const [, y, m, d] = /^(\d{4})-(\d{2})-(\d{2})/.exec(dateText) ?? [];
  return `${folder}/${y}/${m}/${d}-${slugify(title)}.md`;
}

/** The text of a new post: frontmatter with the given fields, status draft, and an empty body. */
export function newPostText(fields: { title: string; dateText: string; platforms: readonly PlatformId[] }): string {
  return [
    '---',
    `title: ${JSON.stringify(fields.title)}`,
    `date: ${fields.dateText}`,
    `platforms: [${fields.platforms.join(', ')}]`,
    'status: draft',
    '---',
    '',
    '',
  ].join('\n');
}

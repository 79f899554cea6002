/** What a link card shows, from a page's Open Graph tags. */
export interface LinkCard {
  readonly uri: string;
  readonly title: string;
  readonly description: string;
  /** `og:image`, absolute. */
  readonly image?: string;
}

const META = /<meta\b[^>]*>/gi;
const ATTRIBUTE = /([a-z:-]+)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi;

/**
 * The card of a page, from its `og:title`, `og:description` and `og:image` (the `<title>` when
 * there is no `og:title`), as Bluesky's app builds one. Only the page's head is looked at.
 *
 * @example linkCard('https://nova.app/', '<meta property="og:title" content="Nova 2">').title // 'Nova 2'
 */
export function linkCard(uri: string, html: string): LinkCard | undefined {
  const head = html.slice(0, 200_000);
  const tags: Record<string, string> = {};
  for (const [tag] of head.matchAll(META)) {
    const attributes: Record<string, string> = {};
    for (const a of tag.matchAll(ATTRIBUTE)) attributes[a[1]!.toLowerCase()] = decode(a[3] ?? a[4] ?? a[5] ?? '');
    const name = (attributes['property'] ?? attributes['name'])?.toLowerCase();
    if (name && attributes['content'] !== undefined && tags[name] === undefined) tags[name] = attributes['content'];
  }
  const title = tags['og:title'] ?? decode(/<title[^>]*>([^<]*)<\/title>/i.exec(head)?.[1]?.trim() ?? '');
  if (!title) return undefined;
  const image = tags['og:image'] ? absolute(tags['og:image'], uri) : undefined;
  return { uri, title, description: tags['og:description'] ?? tags['description'] ?? '', ...(image ? { image } : {}) };
}

function absolute(ref: string, base: string): string | undefined {
  try {
    const url = new URL(ref, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

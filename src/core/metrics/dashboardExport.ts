import type { PublishedPart } from './publishedPart';
import { csvRows } from './csv';
import type { CountName, MetricSnapshot } from './snapshot';

/**
 * The column names of the networks' dashboard exports (LinkedIn's, Meta Business Suite's for
 * Instagram and Facebook, in English and French), lower-cased, and the count each one is. A
 * column not listed is not read.
 */
const COLUMNS: Readonly<Record<string, CountName>> = {
  impressions: 'views',
  views: 'views',
  vues: 'views',
  reach: 'views',
  likes: 'likes',
  "j'aime": 'likes',
  'j’aime': 'likes',
  reactions: 'likes',
  réactions: 'likes',
  comments: 'replies',
  commentaires: 'replies',
  replies: 'replies',
  réponses: 'replies',
  reposts: 'reposts',
  republications: 'reposts',
  shares: 'shares',
  partages: 'shares',
  saves: 'saves',
  enregistrements: 'saves',
};

/** Columns that say which post a row is: its link, else its id. */
const LINK_COLUMNS = ['post url', 'post link', 'permalink', 'url', 'link', 'lien', 'lien de la publication', 'url de la publication'];
const ID_COLUMNS = ['post id', 'id', 'identifiant de la publication', 'identifiant'];

/** What an export gave: a snapshot per row matched to a published part, and the rows that matched none. */
export interface ExportReading {
  readonly snapshots: MetricSnapshot[];
  /** Rows (from 2, the header being 1) whose link or id is no published part of the calendar. */
  readonly unmatched: number[];
  /** The export's columns read as counts, as written. */
  readonly columns: string[];
}

/**
 * A dashboard's CSV export read against the calendar's published parts of `network`: each row is
 * matched by the post's link (`results.<network>.url` or a part's `url`) or its id, and its count
 * columns read as one snapshot taken `at`. Numbers may be written `1,234`, `1 234` or `1234`; an
 * empty cell is a count the export does not give. Throws when the export has no link or id column.
 */
export function readDashboardExport(text: string, network: PublishedPart['network'], parts: readonly PublishedPart[], at: string): ExportReading {
  const [header, ...rows] = csvRows(text);
  const names = (header ?? []).map((h) => h.trim().toLowerCase());
  const link = names.findIndex((n) => LINK_COLUMNS.includes(n));
  const id = names.findIndex((n) => ID_COLUMNS.includes(n));
  if (link < 0 && id < 0) throw new ExportError(header ?? []);
  const counts = names.flatMap((n, i) => (COLUMNS[n] ? [{ i, name: COLUMNS[n]! }] : []));
  const mine = parts.filter((p) => p.network === network);
  const byKey = new Map<string, PublishedPart>();
  for (const p of mine) {
    byKey.set(p.id, p);
    if (p.url) byKey.set(normalUrl(p.url), p);
  }
  const snapshots: MetricSnapshot[] = [];
  const unmatched: number[] = [];
  rows.forEach((row, r) => {
    const part = (link >= 0 ? byKey.get(normalUrl(row[link] ?? '')) : undefined) ?? (id >= 0 ? byKey.get((row[id] ?? '').trim()) : undefined);
    if (!part) {
      unmatched.push(r + 2);
      return;
    }
    const values: Partial<Record<CountName, number>> = {};
    for (const { i, name } of counts) {
      const n = countOf(row[i] ?? '');
      if (n !== undefined) values[name] = (values[name] ?? 0) + n;
    }
    snapshots.push({ at, file: part.file, network, part: part.part, id: part.id, counts: values });
  });
  return { snapshots, unmatched, columns: counts.map(({ i }) => (header ?? [])[i]!) };
}

/** The export has no column saying which post a row is. */
export class ExportError extends Error {
  constructor(readonly header: readonly string[]) {
    super(`no post link or id column among: ${header.join(', ')}`);
    this.name = 'ExportError';
  }
}

/** A link compared without its scheme's case, a trailing slash, its query or its fragment (dashboards add tracking). */
function normalUrl(url: string): string {
  const t = url.trim();
  return t.replace(/[?#].*$/, '').replace(/\/+$/, '').replace(/^https?:\/\//i, '').replace(/^www\./i, '').toLowerCase();
}

/**
 * `1234`, or grouped by thousands as exports write them (`1,234`, `1 234` with a narrow or
 * non-breaking space, `1.234`, `1'234`), as a count; undefined when empty or not a whole count.
 */
function countOf(cell: string): number | undefined {
  const t = cell.trim();
  if (/^\d+$/.test(t)) return Number(t);
  return /^\d{1,3}(?:[ ,.'\u00a0\u202f]\d{3})+$/.test(t) ? Number(t.replace(/\D/g, '')) : undefined;
}

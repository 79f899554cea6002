import type { CadenceTargets } from '../cadence';
import type { Locale } from '../i18n/messages';
import type { AccountSnapshot, MetricSnapshot } from '../metrics/snapshot';
import type { PostMeta } from '../model';
import { commonHashtags, hashtagKey } from '../platforms/entities';
import type { ParsedPost } from '../post';

/** What a report is made from: the calendar's posts, its metrics files, and its settings. */
export interface ReportInput {
  /** First and last day of the period, `YYYY-MM-DD` in the calendar's zone, both included. */
  readonly from: string;
  readonly to: string;
  readonly zone: string;
  /** The language of the report (the calendar's, or `--lang`). */
  readonly locale: Locale;
  readonly cadence: CadenceTargets;
  /** When the report is made, epoch ms: posts dated before it and not sent are overdue. */
  readonly now: number;
  readonly posts: readonly ReportPost[];
  readonly snapshots: readonly MetricSnapshot[];
  readonly accounts: readonly AccountSnapshot[];
}

/** A post as a report needs it. */
export interface ReportPost {
  /** Calendar-relative, with `/` (as in the metrics files). */
  readonly file: string;
  readonly title: string;
  readonly meta: PostMeta;
  /** Hashtags of its text (the common rule of src/core/platforms/entities.ts), lower-cased, each once. */
  readonly hashtags: readonly string[];
  readonly hasLink: boolean;
  /** When the file was first committed (renames followed), epoch ms, when git says. */
  readonly created?: number;
}

const LINK = /\bhttps?:\/\/\S/i;

/** The post as a report reads it: its frontmatter, and the hashtags and links of its text. */
export function reportPost(file: string, post: ParsedPost, created?: number): ReportPost {
  const body = post.text.slice(post.sections.bodyStart);
  const tags = [...new Set(commonHashtags(body).map((h) => hashtagKey(h.tag)))];
  const title = post.meta.title ?? file.slice(file.lastIndexOf('/') + 1);
  return { file, title, meta: post.meta, hashtags: tags, hasLink: LINK.test(body), ...(created !== undefined ? { created } : {}) };
}

import type { Document } from 'yaml';
import { parseBody, type Body } from './body';
import { policyFor, type CalendarConfig } from './config';
import { parsePostDate } from './dates';
import { parseDuration } from './duration';
import type { FrontmatterPath } from './frontmatter/change';
import { frontmatterFix } from './frontmatter/fix';
import { fmGet, fmToJs, fromYaml, type FmNode, type FmPair } from './frontmatter/nodes';
import { splitFile, type FileSections } from './frontmatter/sections';
import { parseYaml } from './yamlDocument';
import { readSimpleYaml } from './simpleYaml';
import { MAX_YAML_DEPTH, readYaml } from './yamlDepth';
import { message, type MessageId, type MessageParams } from './i18n/messages';
import {
  CONTEST_ENTRIES,
  STATUSES,
  type Approval,
  type Contest,
  type ContestDraw,
  type ContestEntry,
  type Diagnostic,
  type Fix,
  type MediaItem,
  type PlatformId,
  type PostMeta,
  type PostStatus,
  type PublishResult,
  type Poll,
  type SentPart,
  PUBLISH_STATES,
  type Severity,
} from './model';
import { isPlatformId, suggestPlatform } from './platforms/ids';
import { LineIndex } from './text/lineIndex';
import { closest } from './text/suggest';

/** The frontmatter fields a post may have. */
export const POST_FIELDS = ['title', 'date', 'notAfter', 'platforms', 'status', 'campaign', 'tags', 'lang', 'media', 'poll', 'contest', 'contentWarning', 'approvals', 'results'] as const;

/** A media item with where it is written, for diagnostics and fixes. */
export interface MediaEntry {
  readonly item: MediaItem;
  /** Its index in the `media` list (the frontmatter editor's path is `['media', index]`). */
  readonly index: number;
  /** File offsets of the whole item. */
  readonly start: number;
  readonly end: number;
  /** File offset after the `file` value. */
  readonly fileEnd: number;
  /** True for a bare path (`- img.png`), false for a map with `file` (and `alt`). */
  readonly bare: boolean;
}

/** A post file once read: its parts, its metadata, and where each field is written. */
export interface ParsedPost {
  /** Path as given by the caller (the CLI passes calendar-relative POSIX paths). */
  readonly path: string;
  readonly text: string;
  readonly lines: LineIndex;
  readonly sections: FileSections;
  readonly meta: PostMeta;
  readonly body: Body;
  readonly media: readonly MediaEntry[];
  /** File offsets of a top-level field's key and value, if written. */
  field(key: string): { keyStart: number; keyEnd: number; valueStart: number; valueEnd: number } | undefined;
  /** Diagnostics found while reading (file, frontmatter, date, status, platform). */
  readonly problems: readonly Diagnostic[];
  /** Line break style of the file, for edits. */
  readonly eol: '\n' | '\r\n';
}

/** What a rule or reader needs to report a finding. */
export interface Finding {
  readonly code: string;
  readonly severity: Severity;
  readonly id: MessageId;
  readonly params?: MessageParams;
  readonly start: number;
  readonly end: number;
  readonly platform?: PlatformId;
  readonly fixes?: readonly Fix[];
}

/** Turns findings (offsets, message ids) into diagnostics (ranges, localised messages). */
export function toDiagnostic(lines: LineIndex, config: CalendarConfig, f: Finding): Diagnostic {
  return {
    code: f.code,
    severity: f.severity,
    message: message(config.locale, f.id, f.params),
    range: lines.range(f.start, f.end),
    ...(f.platform ? { platform: f.platform } : {}),
    ...(f.fixes && f.fixes.length > 0 ? { fixes: f.fixes } : {}),
  };
}

/**
 * Reads a post file. Never throws: broken YAML, a missing or unclosed frontmatter, a list instead
 * of a map, wrong types or unknown values become `problems`, and everything readable is still read.
 */
export function parsePost(path: string, text: string, config: CalendarConfig): ParsedPost {
  const lines = new LineIndex(text);
  const sections = splitFile(text);
  const problems: Diagnostic[] = [];
  const report = (f: Finding) => problems.push(toDiagnostic(lines, config, f));
  const eol: '\n' | '\r\n' = text.includes('\r\n') ? '\r\n' : '\n';

  let doc: { contents: FmNode | null; errors: Document.Parsed['errors'] } | undefined;
  if (sections.yamlStart < 0) {
    const firstLineEnd = lines.offset({ line: 1, character: 0 });
    report({ code: 'frontmatter.missing', severity: 'error', id: 'frontmatter.missing', start: sections.bomLength, end: Math.max(sections.bomLength, firstLineEnd - 1) });
  } else {
    if (sections.unclosed) {
      report({ code: 'frontmatter.unclosed', severity: 'error', id: 'frontmatter.unclosed', start: sections.bomLength, end: sections.bomLength + 3 });
    }
    const yamlText = text.slice(sections.yamlStart, sections.yamlEnd);
    // Most frontmatter is simple YAML that a fast reader reads the same values from.
    const simple = readSimpleYaml(yamlText);
    // The parser recurses once per level of nesting: refuse what would overflow the stack.
    const read = simple ? undefined : readYaml(yamlText, parseYaml);
    if (read && 'tooDeep' in read) {
      const start = sections.yamlStart + read.tooDeep;
      report({ code: 'frontmatter.yaml', severity: 'error', id: 'frontmatter.yaml-too-deep', params: { max: MAX_YAML_DEPTH }, start, end: start + 1 });
    } else doc = read ? { contents: fromYaml(read.doc.contents), errors: read.doc.errors } : { contents: simple!, errors: [] };
    // An error found at the end of the YAML belongs to its last line, not to the closing fence.
    const last = yamlText.trimEnd().length;
    for (const error of doc?.errors ?? []) {
      const start = Math.min(error.pos[0], Math.max(0, last - 1));
      // `title: Nova 2 : c'est parti` is the classic: French typography puts a space before ':'.
      const colon = error.code === 'BLOCK_AS_IMPLICIT_KEY';
      report({
        code: 'frontmatter.yaml',
        severity: 'error',
        id: colon ? 'frontmatter.yaml-colon' : 'frontmatter.yaml',
        params: { detail: error.message.split('\n')[0]! },
        start: sections.yamlStart + start,
        end: sections.yamlStart + Math.min(Math.max(error.pos[1], start), Math.max(last, start)),
      });
    }
  }

  if (doc && doc.errors.length === 0) reportHashtagComments(text, sections, report);

  const at = sections.yamlStart;
  const span = (node: FmNode | null | undefined, fallback = 0): [number, number] =>
    node?.range ? [at + node.range[0], at + node.range[1]] : [fallback, fallback];
  const contents = doc && doc.errors.length === 0 ? doc.contents : null;
  const pairs = new Map<string, FmPair>();
  if (contents && contents.kind !== 'map') {
    const [start, end] = span(contents);
    report({ code: 'frontmatter.schema', severity: 'error', id: 'frontmatter.not-a-map', params: { kind: { id: contents.kind === 'list' ? 'kind.a-list' : 'kind.a-value' } }, start, end });
  } else if (contents) {
    for (const pair of contents.items) {
      const key = pair.key.kind === 'scalar' ? String(pair.key.value) : '';
      pairs.set(key, pair);
    }
  }

  // Required fields are only asked for when there is a readable frontmatter to add them to.
  const readable = contents === null ? doc !== undefined && doc.errors.length === 0 : contents.kind === 'map';
  const reader = new MetaReader(pairs, span, report, config, sections, text, readable);
  const meta = reader.read();
  const body = parseBody(text, sections.bodyStart);
  return {
    path,
    text,
    lines,
    sections,
    meta,
    body,
    media: reader.media,
    problems,
    eol,
    field(key) {
      const pair = pairs.get(key);
      if (!pair) return undefined;
      const [keyStart, keyEnd] = span(pair.key);
      const [valueStart, valueEnd] = pair.value ? span(pair.value) : [keyEnd, keyEnd];
      return { keyStart, keyEnd, valueStart, valueEnd };
    },
  };
}

type Span = (node: FmNode | null | undefined, fallback?: number) => [number, number];

/** Reads each field, reporting what is wrong with it where it is written. */
class MetaReader {
  readonly media: MediaEntry[] = [];

  constructor(
    private readonly pairs: Map<string, FmPair>,
    private readonly span: Span,
    private readonly report: (f: Finding) => void,
    private readonly config: CalendarConfig,
    private readonly sections: FileSections,
    private readonly text: string,
    private readonly readable: boolean,
  ) {}

  read(): PostMeta {
    for (const [key, pair] of this.pairs) {
      if ((POST_FIELDS as readonly string[]).includes(key)) continue;
      const [start, end] = this.span(pair.key);
      const suggestion = closest(key, POST_FIELDS);
      this.report({
        code: 'frontmatter.schema',
        severity: 'warning',
        id: suggestion ? 'frontmatter.unknown-field-suggest' : 'frontmatter.unknown-field',
        params: { field: key, suggestion: suggestion ?? '' },
        start,
        end,
        fixes: suggestion ? [frontmatterFix(this.text, { kind: 'rename', path: [key], key: suggestion }, message(this.config.locale, 'fix.replace-with', { suggestion }))] : [],
      });
    }
    const status = this.status();
    const date = this.date(status);
    const notAfter = this.notAfter(date.date);
    const poll = this.poll();
    const contest = this.contest();
    return {
      title: this.string('title'),
      ...date,
      ...(notAfter !== undefined ? { notAfter } : {}),
      platforms: this.platforms(status),
      status,
      campaign: this.string('campaign'),
      tags: this.stringList('tags'),
      lang: this.string('lang'),
      ...optional('contentWarning', this.string('contentWarning')),
      media: this.mediaItems(),
      ...(poll ? { poll } : {}),
      ...(contest ? { contest } : {}),
      approvals: this.approvals(),
      results: this.results(),
    };
  }

  /** Where problems about a missing field go: the opening `---` line. */
  private get headerSpan(): [number, number] {
    const start = this.sections.bomLength;
    return [start, start + 3];
  }

  private string(key: string): string | undefined {
    const pair = this.pairs.get(key);
    if (!pair || pair.value === null || pair.value === undefined) return undefined;
    if (pair.value.kind === 'scalar' && pair.value.value !== null && typeof pair.value.value !== 'object') {
      return String(pair.value.value);
    }
    const [start, end] = this.span(pair.value);
    this.report({ code: 'frontmatter.schema', severity: 'error', id: 'frontmatter.expected-string', params: { field: key }, start, end });
    return undefined;
  }

  /** A list of strings; a single string counts as a list of one. */
  private stringList(key: string): string[] {
    return this.scalarItems(key).map((i) => i.value);
  }

  /** The strings of a list field (or of one string), each with its path for the frontmatter editor. */
  private scalarItems(key: string): Array<{ value: string; start: number; end: number; path: FrontmatterPath }> {
    const pair = this.pairs.get(key);
    const node = pair?.value;
    if (!pair || node === null || node === undefined) return [];
    if (node.kind === 'scalar' && node.value !== null) {
      const [start, end] = this.span(node);
      return [{ value: String(node.value), start, end, path: [key] }];
    }
    if (node.kind === 'list') {
      const out: Array<{ value: string; start: number; end: number; path: FrontmatterPath }> = [];
      for (const [index, item] of node.items.entries()) {
        const [start, end] = this.span(item);
        if (item.kind === 'scalar' && item.value !== null && typeof item.value !== 'object') out.push({ value: String(item.value), start, end, path: [key, index] });
        else this.report({ code: 'frontmatter.schema', severity: 'error', id: 'frontmatter.expected-string', params: { field: key }, start, end });
      }
      return out;
    }
    if (node.kind === 'scalar') return [];
    const [start, end] = this.span(node);
    this.report({ code: 'frontmatter.schema', severity: 'error', id: 'frontmatter.expected-list', params: { field: key }, start, end });
    return [];
  }

  private status(): PostStatus | undefined {
    const value = this.string('status');
    if (value === undefined) return undefined;
    const normalized = value.trim().toLowerCase();
    if ((STATUSES as readonly string[]).includes(normalized)) return normalized as PostStatus;
    const [start, end] = this.span(this.pairs.get('status')!.value);
    const suggestion = closest(normalized, STATUSES);
    this.report({
      code: 'status.invalid',
      severity: 'error',
      id: suggestion ? 'status.invalid-suggest' : 'status.invalid',
      params: { value, suggestion: suggestion ?? '', allowed: STATUSES.join(', ') },
      start,
      end,
      // Approved and scheduled need approvals that only approving gives: a fix to them would add
      // approval.missing, so it is not offered where the policy asks for any.
      fixes: suggestion && !(needsApproval(suggestion) && policyFor(this.config.approvals, this.string('campaign')).required > 0) ? [this.replace(['status'], suggestion)] : [],
    });
    return undefined;
  }

  private date(status: PostStatus | undefined): Pick<PostMeta, 'date' | 'dateText' | 'dateOnly'> {
    const pair = this.pairs.get('date');
    if (!pair || pair.value === null || pair.value === undefined || (pair.value.kind === 'scalar' && pair.value.value === null)) {
      if (status !== 'idea' && this.readable) {
        const [start, end] = pair ? this.span(pair.key) : this.headerSpan;
        this.report({ code: 'date.missing', severity: 'error', id: 'date.missing', start, end });
      }
      return {};
    }
    const [start, end] = this.span(pair.value);
    const written = pair.value.kind === 'scalar' ? String(pair.value.value) : '';
    const parsed = pair.value.kind === 'scalar' ? parsePostDate(written, this.config.timezone) : undefined;
    if (!parsed) {
      this.report({ code: 'date.invalid', severity: 'error', id: 'date.invalid', params: { value: written }, start, end });
      return { dateText: written };
    }
    return { date: parsed.time, dateText: written, dateOnly: parsed.dateOnly };
  }

  /** `notAfter:`, the latest the post may go out: a date, or a duration after the post's date. */
  private notAfter(date: number | undefined): number | undefined {
    const pair = this.pairs.get('notAfter');
    if (!pair || pair.value?.kind !== 'scalar' || pair.value.value === null) return undefined;
    const written = String(pair.value.value);
    const duration = parseDuration(written);
    if (duration !== undefined) return date !== undefined ? date + duration : undefined;
    const parsed = parsePostDate(written, this.config.timezone);
    if (parsed && !parsed.dateOnly) return parsed.time;
    // A day alone means until that day's end.
    if (parsed) return parsed.time + 86_400_000 - 1;
    const [start, end] = this.span(pair.value);
    this.report({ code: 'date.invalid', severity: 'error', id: 'date.not-after-invalid', params: { value: written }, start, end });
    return undefined;
  }

  private platforms(status: PostStatus | undefined): PlatformId[] {
    const items = this.scalarItems('platforms');
    const out: PlatformId[] = [];
    for (const { value, start, end, path } of items) {
      const id = value.trim().toLowerCase();
      if (isPlatformId(id)) {
        if (out.includes(id)) {
          this.report({ code: 'platform.duplicate', severity: 'warning', id: 'platform.duplicate', params: { value }, start, end });
        } else out.push(id);
        continue;
      }
      const suggestion = suggestPlatform(id);
      this.report({
        code: 'platform.unknown',
        severity: 'error',
        id: suggestion ? 'platform.unknown-suggest' : 'platform.unknown',
        params: { value, suggestion: suggestion ?? '', allowed: 'x, bluesky, mastodon, threads, linkedin, instagram, facebook, youtube, tiktok, pinterest, webhook' },
        start,
        end,
        fixes: suggestion ? [this.replace(path, suggestion)] : [],
      });
    }
    if (items.length === 0 && status !== 'idea' && this.readable) {
      const pair = this.pairs.get('platforms');
      const [start, end] = pair ? this.span(pair.value ?? pair.key) : this.headerSpan;
      this.report({ code: 'platform.none', severity: 'error', id: 'platform.none', start, end });
    }
    return out;
  }

  private mediaItems(): MediaItem[] {
    const pair = this.pairs.get('media');
    const node = pair?.value;
    if (!pair || node === null || node === undefined || (node.kind === 'scalar' && node.value === null)) return [];
    if (node.kind !== 'list') {
      const [start, end] = this.span(node);
      this.report({ code: 'frontmatter.schema', severity: 'error', id: 'frontmatter.expected-list', params: { field: 'media' }, start, end });
      return [];
    }
    node.items.forEach((item, index) => {
      const [start, end] = this.span(item);
      if (item.kind === 'scalar' && typeof item.value === 'string') {
        this.media.push({ item: { file: item.value }, index, start, end, fileEnd: end, bare: true });
        return;
      }
      const file = item.kind === 'map' ? fmGet(item, 'file') : undefined;
      if (item.kind !== 'map' || file?.kind !== 'scalar' || typeof file.value !== 'string' || file.value.trim() === '') {
        this.report({ code: 'frontmatter.schema', severity: 'error', id: 'frontmatter.media-file', start, end });
        return;
      }
      const alt = fmGet(item, 'alt');
      const altText = alt?.kind === 'scalar' && alt.value !== null ? String(alt.value) : undefined;
      this.media.push({ item: { file: file.value, ...(altText !== undefined ? { alt: altText } : {}) }, index, start, end, fileEnd: this.span(file)[1], bare: false });
    });
    return this.media.map((m) => m.item);
  }

  /** `poll: { options: [...], duration: 1d, question? }`; a poll not written so is reported. */
  private poll(): Poll | undefined {
    const pair = this.pairs.get('poll');
    const node = pair?.value;
    if (!pair || !node || (node.kind === 'scalar' && node.value === null)) return undefined;
    const [start, end] = this.span(node);
    const value = node.kind === 'map' ? (fmToJs(node) as Record<string, unknown>) : undefined;
    const options = value?.['options'];
    const durationText = value?.['duration'] === undefined || value['duration'] === null ? undefined : String(value['duration']);
    const duration = durationText !== undefined ? parseDuration(durationText) : undefined;
    const question = value?.['question'];
    if (!value || !Array.isArray(options) || !options.every((o) => typeof o === 'string' || typeof o === 'number') || duration === undefined || (question !== undefined && question !== null && typeof question !== 'string')) {
      this.report({ code: 'frontmatter.schema', severity: 'error', id: 'frontmatter.expected-poll', start, end });
      return undefined;
    }
    return { options: options.map(String), duration, durationText: durationText!, ...(typeof question === 'string' ? { question } : {}) };
  }

  /** `contest: { ends, prize, rules, entry, hashtag, winners, draw? }`; a contest not written so is reported. */
  private contest(): Contest | undefined {
    const pair = this.pairs.get('contest');
    const node = pair?.value;
    if (!pair || !node || (node.kind === 'scalar' && node.value === null)) return undefined;
    const [start, end] = this.span(node);
    const bad = () => {
      this.report({ code: 'frontmatter.schema', severity: 'error', id: 'frontmatter.expected-contest', start, end });
      return undefined;
    };
    if (node.kind !== 'map') return bad();
    const v = fmToJs(node) as Record<string, unknown>;
    const endsText = v['ends'] === undefined || v['ends'] === null ? undefined : String(v['ends']);
    const parsed = endsText !== undefined ? parsePostDate(endsText, this.config.timezone) : undefined;
    const winners = v['winners'] ?? 1;
    const text = (k: string) => (v[k] === undefined || v[k] === null ? undefined : typeof v[k] === 'string' ? (v[k] as string) : null);
    const [prize, rules, entry] = [text('prize'), text('rules'), text('entry')];
    // `#` starts a YAML comment unquoted: `hashtag: NovaNoel` or `hashtag: "#NovaNoel"`.
    const tag = text('hashtag');
    const hashtag = typeof tag === 'string' ? tag.replace(/^#/, '') : tag;
    const draw = v['draw'] === undefined || v['draw'] === null ? undefined : contestDraw(v['draw']);
    if ((endsText !== undefined && !parsed) || !Number.isInteger(winners) || (winners as number) < 1 || prize === null || rules === null || entry === null || (entry !== undefined && !(CONTEST_ENTRIES as readonly string[]).includes(entry)) || hashtag === null || (hashtag !== undefined && !/^[\p{L}\p{N}_]+$/u.test(hashtag)) || draw === null) return bad();
    const ends = parsed ? parsed.time + (parsed.dateOnly ? 86_400_000 - 1 : 0) : undefined;
    return {
      ...(ends !== undefined ? { ends, endsText: endsText! } : {}),
      ...(prize !== undefined ? { prize } : {}),
      ...(rules !== undefined ? { rules } : {}),
      ...(entry !== undefined ? { entry: entry as ContestEntry } : {}),
      ...(hashtag !== undefined ? { hashtag } : {}),
      winners: winners as number,
      ...(draw ? { draw } : {}),
    };
  }

  private approvals(): Approval[] {
    const pair = this.pairs.get('approvals');
    const node = pair?.value;
    if (!pair || !node || (node.kind === 'scalar' && node.value === null)) return [];
    if (node.kind !== 'list') {
      const [start, end] = this.span(node);
      this.report({ code: 'frontmatter.schema', severity: 'error', id: 'frontmatter.expected-list', params: { field: 'approvals' }, start, end });
      return [];
    }
    const out: Approval[] = [];
    for (const item of node.items) {
      const value = item.kind === 'map' ? (fmToJs(item) as Record<string, unknown>) : undefined;
      if (value && typeof value['by'] === 'string' && value['at'] !== undefined && value['at'] !== null) {
        out.push({ by: value['by'], at: String(value['at']), ...(typeof value['hash'] === 'string' ? { hash: value['hash'] } : {}), ...(typeof value['note'] === 'string' ? { note: value['note'] } : {}) });
        continue;
      }
      const [start, end] = this.span(item);
      this.report({ code: 'frontmatter.schema', severity: 'error', id: 'frontmatter.expected-approval', start, end });
    }
    return out;
  }

  private results(): Partial<Record<PlatformId, PublishResult>> {
    const pair = this.pairs.get('results');
    if (!pair || !pair.value || (pair.value.kind === 'scalar' && pair.value.value === null)) return {};
    if (pair.value.kind !== 'map') {
      const [start, end] = this.span(pair.value);
      this.report({ code: 'frontmatter.schema', severity: 'error', id: 'frontmatter.expected-map', params: { field: 'results' }, start, end });
      return {};
    }
    const out: Partial<Record<PlatformId, PublishResult>> = {};
    for (const item of pair.value.items) {
      const key = item.key.kind === 'scalar' ? String(item.key.value) : '';
      if (isPlatformId(key) && item.value?.kind === 'map') {
        out[key] = stringFields(fmToJs(item.value) as Record<string, unknown>);
        continue;
      }
      const [start, end] = this.span(isPlatformId(key) ? (item.value ?? item.key) : item.key);
      this.report({ code: 'frontmatter.schema', severity: 'error', id: 'frontmatter.expected-result', start, end });
    }
    return out;
  }

  /** "Replace with …": the value at `path` set to the suggestion through the frontmatter editor. */
  private replace(path: FrontmatterPath, suggestion: string): Fix {
    return frontmatterFix(this.text, { kind: 'set', path, value: suggestion }, message(this.config.locale, 'fix.replace-with', { suggestion }));
  }
}

/** A network's `results` entry, leniently: what is not readable is left out, never thrown. */
function stringFields(value: Record<string, unknown>): PublishResult {
  const text = (v: unknown) => (v === undefined || v === null || typeof v === 'object' ? undefined : String(v));
  const pick = (k: string) => (text(value[k]) === undefined ? {} : { [k]: text(value[k]) });
  const state = PUBLISH_STATES.find((s) => s === value['state']);
  const status = typeof value['status'] === 'number' ? value['status'] : undefined;
  const parts = Array.isArray(value['parts'])
    ? value['parts'].flatMap((p: unknown): SentPart[] => {
        if (p === null || typeof p !== 'object') return [];
        const part = p as Record<string, unknown>;
        const id = text(part['id']);
        if (id === undefined) return [];
        const url = text(part['url']);
        const cid = text(part['cid']);
        return [{ id, ...(url !== undefined ? { url } : {}), ...(cid !== undefined ? { cid } : {}) }];
      })
    : [];
  return { ...(state ? { state } : {}), ...pick('id'), ...pick('url'), ...pick('at'), ...pick('error'), ...(status !== undefined ? { status } : {}), ...pick('retryAfter'), parts };
}

/**
 * `title: Soirée #Nova` loses `#Nova`: in YAML, ` #` starts a comment. Warn where a comment that
 * looks like a hashtag follows an unquoted value.
 */
function reportHashtagComments(text: string, sections: FileSections, report: (f: Finding) => void): void {
  const yaml = text.slice(sections.yamlStart, sections.yamlEnd);
  // The pattern needs a `#` after a space or tab: most frontmatter has none, and is not searched.
  if (!SPACED_HASH.test(yaml)) return;
  const line = /^[ \t]*(?:- +)?[\w-]+:[ \t]+[^\s"'#[{|>&*!][^\n#]*?[ \t](#[^\s#]+)/gm;
  for (const m of yaml.matchAll(line)) {
    const start = sections.yamlStart + m.index + m[0].length - m[1]!.length;
    report({ code: 'frontmatter.yaml', severity: 'warning', id: 'frontmatter.yaml-hashtag', params: { tag: m[1]! }, start, end: start + m[1]!.length });
  }
}

const SPACED_HASH = /[ \t]#/;

/** `{ [key]: value }`, or nothing when the value is absent. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function needsApproval(status: string): boolean {
  return status === 'approved' || status === 'scheduled';
}

/** A contest's recorded draw, or null when it is not one. */
function contestDraw(value: unknown): ContestDraw | null {
  const d = value as Record<string, unknown> | null;
  if (!d || typeof d !== 'object' || Array.isArray(d)) return null;
  const { seed, entrants, listHash, at, winners } = d;
  if (seed === undefined || seed === null || !Number.isInteger(entrants) || typeof listHash !== 'string' || !Array.isArray(winners)) return null;
  return { seed: String(seed), entrants: entrants as number, listHash, ...(at !== undefined && at !== null ? { at: String(at) } : {}), winners: winners.map(String) };
}

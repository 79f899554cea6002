import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { parseCadence, type Cadence, type CadenceTargets } from './cadence';
import { parseDuration } from './duration';
import { parseYaml } from './yamlDocument';
import { internalError } from './internalError';
import { LOCALES, message, type Locale, type MessageId, type MessageParams } from './i18n/messages';
import type { Diagnostic, PlatformId } from './model';
import { isPlatformId, suggestPlatform } from './platforms/ids';
import type { PlatformSettings } from './platforms/types';
import { WEBHOOK_FORMATS } from './platforms/webhookFormat';
import { LineIndex } from './text/lineIndex';
import { closest } from './text/suggest';
import { MAX_YAML_DEPTH, readYaml } from './yamlDepth';

/** The name of the file that marks a calendar's root folder. */
export const CONFIG_FILE = '.editorial.yaml';

/** A calendar's settings, from `.editorial.yaml`, with defaults filled in. */
export interface CalendarConfig {
  /** IANA zone in which dates without an offset are read, e.g. `'Europe/Paris'`. */
  readonly timezone: string;
  /** Language of messages. */
  readonly locale: Locale;
  /** Globs, relative to the calendar root, of post files. */
  readonly posts: readonly string[];
  /** Hashtags (without `#`, any case) never to publish. */
  readonly bannedHashtags: readonly string[];
  readonly platforms: Readonly<Partial<Record<PlatformId, PlatformSettings>>>;
  /**
   * How late a post may still go out, in milliseconds (`publishWindow: 2h`): beyond it, it is
   * missed, not sent ("Joyeux Noël" must not go out on the 27th because the scheduler was down).
   */
  readonly publishWindow: number;
  /**
   * Where the calendar's files are published, when they are (`mediaBaseUrl:
   * https://cdn.nova.app/calendar/`): Threads, Instagram and Facebook fetch a post's images from
   * a public address, `media/a.png` being `https://cdn.nova.app/calendar/media/a.png` (see
   * `publicMediaUrl`). Absent, those networks cannot be sent images (`media.no-public-url`).
   */
  readonly mediaBaseUrl?: string;
  /** Who must approve a post before it is published (`approvals:` in `.editorial.yaml`). */
  readonly approvals: ApprovalPolicy;
  /** How often each network should get a post (`cadence: { instagram: 3/week }`), for reports. */
  readonly cadence: CadenceTargets;
}

/** The calendar's approval policy. */
export interface ApprovalPolicy {
  /** Distinct people whose approval of the current text a post needs (0: approvals are optional). */
  readonly required: number;
  /** Whether someone who wrote the post (in its git history) may approve it. */
  readonly selfApproval: boolean;
  /** Who may approve: emails or patterns (`*@nova.example`); empty: anyone. */
  readonly approvers: readonly string[];
  /** Per campaign, a stricter (or looser) policy. */
  readonly campaigns: Readonly<Record<string, Partial<Omit<ApprovalPolicy, 'campaigns'>>>>;
}

export const DEFAULT_APPROVALS: ApprovalPolicy = { required: 0, selfApproval: true, approvers: [], campaigns: {} };

/** Two hours: a scheduled run every 15 minutes, delayed as CI schedules are, still makes it. */
export const DEFAULT_PUBLISH_WINDOW = 2 * 3_600_000;

export const DEFAULT_CONFIG: CalendarConfig = {
  timezone: 'UTC',
  locale: 'en',
  posts: ['posts/**/*.md'],
  bannedHashtags: [],
  platforms: {},
  publishWindow: DEFAULT_PUBLISH_WINDOW,
  approvals: DEFAULT_APPROVALS,
  cadence: {},
};

const TOP_LEVEL = ['timezone', 'locale', 'posts', 'bannedHashtags', 'platforms', 'publishWindow', 'approvals', 'mediaBaseUrl', 'cadence'] as const;

/** An absolute http(s) URL with no query or fragment, so that a file's path can follow it. */
const BASE_URL = /^https?:\/\/[^\s/?#]+(?:\/[^\s?#]*)?$/;
const PLATFORM_KEYS = [
  'premium',
  'maxCharacters',
  'charactersReservedPerUrl',
  'maxHashtags',
  'maxMedia',
  'instance',
  'service',
  'appview',
  'visibility',
  'url',
  'format',
  'account',
] as const;

/** True when `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads `.editorial.yaml`. Never throws: problems come back as diagnostics (codes `config.*`)
 * and the offending settings keep their defaults; an unexpected failure leaves every default
 * and becomes a `file.internal-error` diagnostic.
 *
 * @example parseConfig('timezone: Europe/Paris\n').config.timezone // 'Europe/Paris'
 */
export function parseConfig(text: string, fallbackLocale: Locale = 'en'): { config: CalendarConfig; diagnostics: Diagnostic[] } {
  try {
    return readConfig(text, fallbackLocale);
  } catch (error) {
    return { config: { ...DEFAULT_CONFIG, locale: fallbackLocale }, diagnostics: [internalError(fallbackLocale, error)] };
  }
}

function readConfig(text: string, fallbackLocale: Locale): { config: CalendarConfig; diagnostics: Diagnostic[] } {
  const lines = new LineIndex(text);
  // The parser recurses once per level of nesting: refuse what would overflow the stack.
  const read = readYaml(text, parseYaml);
  if ('tooDeep' in read) {
    const diagnostic: Diagnostic = { code: 'config.yaml', severity: 'error', message: message(fallbackLocale, 'config.yaml-too-deep', { max: MAX_YAML_DEPTH }), range: lines.range(read.tooDeep, read.tooDeep + 1) };
    return { config: { ...DEFAULT_CONFIG, locale: fallbackLocale }, diagnostics: [diagnostic] };
  }
  const doc = read.doc;
  const diagnostics: Diagnostic[] = [];
  const localeNode = isMap(doc.contents) ? doc.contents.get('locale') : undefined;
  const locale: Locale = typeof localeNode === 'string' && (LOCALES as readonly string[]).includes(localeNode) ? (localeNode as Locale) : fallbackLocale;
  const report = (code: string, node: Node | null | undefined, id: MessageId, params: MessageParams = {}, severity: Diagnostic['severity'] = 'error') => {
    const [start, end] = node?.range ?? [0, 0];
    diagnostics.push({ code, severity, message: message(locale, id, params), range: lines.range(start, end) });
  };

  for (const error of doc.errors) {
    diagnostics.push({
      code: 'config.yaml',
      severity: 'error',
      message: message(locale, 'config.yaml', { detail: error.message }),
      range: lines.range(error.pos[0], error.pos[1]),
    });
  }
  const config: { -readonly [K in keyof CalendarConfig]: CalendarConfig[K] } = { ...DEFAULT_CONFIG, locale };
  if (doc.errors.length > 0) return { config, diagnostics };
  if (!isMap(doc.contents)) {
    // An empty file is fine (all defaults); a list or a single value is not settings.
    if (doc.contents !== null && !(isScalar(doc.contents) && doc.contents.value === null)) {
      report('config.schema', doc.contents, 'config.expected', { field: CONFIG_FILE, kind: message(locale, 'kind.settings') });
    }
    return { config, diagnostics };
  }

  for (const pair of doc.contents.items as Pair<Node, Node>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value;
    switch (key) {
      case 'timezone': {
        const zone = isScalar(value) ? String(value.value) : '';
        if (isTimeZone(zone)) config.timezone = zone;
        else report('config.schema', value ?? pair.key, 'config.timezone', { value: zone });
        break;
      }
      case 'locale': {
        const tag = isScalar(value) ? String(value.value) : '';
        if (!(LOCALES as readonly string[]).includes(tag)) report('config.schema', value ?? pair.key, 'config.locale', { value: tag });
        break;
      }
      case 'posts': {
        const globs = stringList(value);
        if (globs && globs.length > 0) config.posts = globs;
        else report('config.schema', value ?? pair.key, 'config.expected', { field: key, kind: message(locale, 'kind.globs') });
        break;
      }
      case 'bannedHashtags': {
        const tags = stringList(value);
        if (tags) config.bannedHashtags = tags.map((t) => t.replace(/^[#＃]/, ''));
        else report('config.schema', value ?? pair.key, 'config.expected', { field: key, kind: message(locale, 'kind.hashtags') });
        break;
      }
      case 'platforms':
        config.platforms = readPlatforms(value, report, locale);
        break;
      case 'approvals':
        config.approvals = readApprovals(value, report, locale);
        break;
      case 'publishWindow': {
        const ms = isScalar(value) && typeof value.value === 'string' ? parseDuration(value.value) : undefined;
        if (ms !== undefined) config.publishWindow = ms;
        else report('config.schema', value ?? pair.key, 'config.expected', { field: key, kind: message(locale, 'kind.duration') });
        break;
      }
      case 'cadence':
        config.cadence = readCadence(value, report, locale);
        break;
      case 'mediaBaseUrl': {
        const url = isScalar(value) && typeof value.value === 'string' ? value.value.trim() : '';
        if (BASE_URL.test(url)) config.mediaBaseUrl = url;
        else report('config.schema', value ?? pair.key, 'config.expected', { field: key, kind: message(locale, 'kind.url') });
        break;
      }
      default: {
        const suggestion = closest(key, TOP_LEVEL);
        report('config.schema', pair.key, suggestion ? 'config.unknown-field-suggest' : 'config.unknown-field', { field: key, suggestion: suggestion ?? '' }, 'warning');
      }
    }
  }
  return { config, diagnostics };
}

type Reporter = (code: string, node: Node | null | undefined, id: MessageId, params?: MessageParams, severity?: Diagnostic['severity']) => void;

function readPlatforms(node: Node | null, report: Reporter, locale: Locale): Partial<Record<PlatformId, PlatformSettings>> {
  const out: Partial<Record<PlatformId, PlatformSettings>> = {};
  if (!isMap(node)) {
    if (node) report('config.schema', node, 'config.expected', { field: 'platforms', kind: message(locale, 'kind.networks') });
    return out;
  }
  for (const [id, pair] of networkPairs(node, report)) {
    if (pair.value === null || pair.value === undefined || (isScalar(pair.value) && pair.value.value === null)) {
      out[id] = {};
      continue;
    }
    if (!isMap(pair.value)) {
      report('config.schema', pair.value, 'config.expected', { field: `platforms.${id}`, kind: message(locale, 'kind.settings') });
      continue;
    }
    const settings: Record<string, unknown> = {};
    for (const item of pair.value.items as Pair<Node, Node>[]) {
      const key = isScalar(item.key) ? String(item.key.value) : '';
      const raw = item.value && 'toJSON' in item.value ? item.value.toJSON() : undefined;
      const field = `platforms.${id}.${key}`;
      switch (key) {
        case 'premium':
          if (typeof raw === 'boolean') settings[key] = raw;
          else report('config.schema', item.value ?? item.key, 'config.expected', { field, kind: message(locale, 'kind.boolean') });
          break;
        case 'maxCharacters':
        case 'charactersReservedPerUrl':
        case 'maxHashtags':
        case 'maxMedia':
          if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0) settings[key] = raw;
          else report('config.schema', item.value ?? item.key, 'config.expected', { field, kind: message(locale, 'kind.integer') });
          break;
        case 'instance':
        case 'service':
        case 'appview':
          // Credentials go there: https only, but for a server on this machine (tests, a local PDS).
          if (typeof raw === 'string' && (/^https:\/\/[^\s/]+/.test(raw) || /^http:\/\/(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?(?:\/|$)/.test(raw))) settings[key] = raw.replace(/\/+$/, '');
          else report('config.schema', item.value ?? item.key, 'config.expected', { field, kind: message(locale, 'kind.url') });
          break;
        case 'visibility':
          if (raw === 'public' || raw === 'unlisted' || raw === 'private' || raw === 'direct') settings[key] = raw;
          else report('config.schema', item.value ?? item.key, 'config.expected', { field, kind: message(locale, 'kind.visibility') });
          break;
        case 'url':
          // Kept exactly as written: a webhook's path and query are part of its address.
          if (typeof raw === 'string' && /^https?:\/\/[^\s/?#]+[^\s]*$/.test(raw)) settings[key] = raw;
          else report('config.schema', item.value ?? item.key, 'config.expected', { field, kind: message(locale, 'kind.url') });
          break;
        case 'format':
          if (typeof raw === 'string' && (WEBHOOK_FORMATS as readonly string[]).includes(raw)) settings[key] = raw;
          else report('config.schema', item.value ?? item.key, 'config.expected', { field, kind: message(locale, 'kind.webhook-format') });
          break;
        case 'account':
          if (raw && typeof raw === 'object' && !Array.isArray(raw)) settings[key] = raw;
          else report('config.schema', item.value ?? item.key, 'config.expected', { field, kind: message(locale, 'kind.account') });
          break;
        default: {
          const suggestion = closest(key, PLATFORM_KEYS);
          report('config.schema', item.key, suggestion ? 'config.unknown-field-suggest' : 'config.unknown-field', { field: key, suggestion: suggestion ?? '' }, 'warning');
        }
      }
    }
    out[id] = settings as PlatformSettings;
  }
  return out;
}

/** The entries of a map keyed by network (`platforms`, `cadence`), an unknown network reported (with "did you mean") and left out. */
function networkPairs(node: YAMLMap, report: Reporter): Array<[PlatformId, Pair<Node, Node>]> {
  const out: Array<[PlatformId, Pair<Node, Node>]> = [];
  for (const pair of node.items as Pair<Node, Node>[]) {
    const id = isScalar(pair.key) ? String(pair.key.value) : '';
    if (isPlatformId(id)) out.push([id, pair]);
    else {
      const suggestion = suggestPlatform(id);
      report('config.schema', pair.key, suggestion ? 'config.unknown-field-suggest' : 'config.unknown-platform', { field: id, value: id, suggestion: suggestion ?? '' }, 'warning');
    }
  }
  return out;
}

function readCadence(node: Node | null, report: Reporter, locale: Locale): CadenceTargets {
  const out: Partial<Record<PlatformId, Cadence>> = {};
  if (!isMap(node)) {
    report('config.schema', node, 'config.expected', { field: 'cadence', kind: message(locale, 'kind.networks') });
    return out;
  }
  for (const [id, pair] of networkPairs(node, report)) {
    const cadence = isScalar(pair.value) && typeof pair.value.value === 'string' ? parseCadence(pair.value.value) : undefined;
    if (cadence) out[id] = cadence;
    else report('config.schema', pair.value ?? pair.key, 'config.expected', { field: `cadence.${id}`, kind: message(locale, 'kind.cadence') });
  }
  return out;
}

function readApprovals(node: Node | null, report: Reporter, locale: Locale): ApprovalPolicy {
  if (!isMap(node)) {
    report('config.schema', node, 'config.expected', { field: 'approvals', kind: message(locale, 'kind.settings') });
    return DEFAULT_APPROVALS;
  }
  const read = (map: YAMLMap.Parsed | YAMLMap, field: string, campaign: boolean): Partial<ApprovalPolicy> => {
    const out: { -readonly [K in keyof ApprovalPolicy]?: ApprovalPolicy[K] } = {};
    for (const pair of map.items as Pair<Node, Node>[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const raw = pair.value && 'toJSON' in pair.value ? pair.value.toJSON() : undefined;
      const at = `${field}.${key}`;
      if (key === 'required' && typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 && raw <= 20) out.required = raw;
      else if (key === 'selfApproval' && typeof raw === 'boolean') out.selfApproval = raw;
      else if (key === 'approvers' && stringList(pair.value)) out.approvers = stringList(pair.value)!.map((a) => a.trim().toLowerCase());
      else if (key === 'campaigns' && !campaign && isMap(pair.value)) {
        const campaigns: Record<string, Partial<ApprovalPolicy>> = {};
        for (const c of pair.value.items as Pair<Node, Node>[]) {
          const name = isScalar(c.key) ? String(c.key.value) : '';
          if (isMap(c.value)) campaigns[name] = read(c.value, `${at}.${name}`, true);
          else report('config.schema', c.value ?? c.key, 'config.expected', { field: `${at}.${name}`, kind: message(locale, 'kind.settings') });
        }
        out.campaigns = campaigns;
      } else if (['required', 'selfApproval', 'approvers'].includes(key) || (key === 'campaigns' && !campaign)) {
        report('config.schema', pair.value ?? pair.key, 'config.expected', { field: at, kind: message(locale, key === 'required' ? 'kind.integer' : key === 'selfApproval' ? 'kind.boolean' : key === 'approvers' ? 'kind.approvers' : 'kind.settings') });
      } else {
        const suggestion = closest(key, ['required', 'selfApproval', 'approvers', ...(campaign ? [] : ['campaigns'])]);
        report('config.schema', pair.key, suggestion ? 'config.unknown-field-suggest' : 'config.unknown-field', { field: key, suggestion: suggestion ?? '' }, 'warning');
      }
    }
    return out;
  };
  return { ...DEFAULT_APPROVALS, ...read(node, 'approvals', false) } as ApprovalPolicy;
}

/** The policy that applies to a post of `campaign`. */
export function policyFor(policy: ApprovalPolicy, campaign: string | undefined): Omit<ApprovalPolicy, 'campaigns'> {
  const override = campaign !== undefined ? policy.campaigns[campaign] : undefined;
  return { required: policy.required, selfApproval: policy.selfApproval, approvers: policy.approvers, ...override };
}

function stringList(node: Node | null): string[] | undefined {
  if (isScalar(node) && typeof node.value === 'string') return [node.value];
  if (isSeq(node) && node.items.every((i) => isScalar(i) && typeof i.value === 'string')) {
    return node.items.map((i) => String((i as { value: unknown }).value));
  }
  return undefined;
}

import type { Diagnostic, PlatformId, Range, Severity } from './model';
import type { Finding } from './post';

/**
 * At most this many findings of one code are listed for one file; one more finding of that code
 * says how many were left out. A hostile or generated post (1 MB of `#a #a …`) would otherwise
 * yield hundreds of thousands of them, and gigabytes to hold and print them.
 */
export const MAX_FINDINGS_PER_CODE = 100;

/** A finding and every network that reported it at the same place. */
export interface FindingGroup {
  readonly finding: Finding;
  readonly platforms: PlatformId[];
}

/** What was left out of one code: how many findings, the first of them, the worst severity. */
export interface Omitted {
  readonly code: string;
  count: number;
  severity: Severity;
  start: number;
  end: number;
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** The findings of one code: the first ones by position, kept; the others, counted. */
class CodeFindings {
  readonly kept = new Map<string, FindingGroup>();
  /**
   * Where the findings left out start, so that one reported by several networks counts once: what
   * is counted is places. Offsets, not keys: on a hostile post most findings end here, and building
   * a key for each would cost more than the rule that found it.
   */
  private dropped: Set<number> | undefined;
  /** The kept finding furthest in the file, once the cap is reached. */
  private last: { key: string; start: number; end: number } | undefined;
  omitted: Omitted | undefined;

  constructor(private readonly cap: number) {}

  /** Counts a finding as left out when it cannot be kept (the cap is reached, and it comes after every kept one). */
  skip(code: string, severity: Severity, start: number, end: number): boolean {
    if (this.kept.size < this.cap) return false;
    const last = (this.last ??= this.lastKept());
    if (!before(last, { start, end })) return false;
    this.drop(code, severity, start, end);
    return true;
  }

  add(key: string, finding: Finding): void {
    const group = this.kept.get(key);
    if (group) {
      if (finding.platform && !group.platforms.includes(finding.platform)) group.platforms.push(finding.platform);
      return;
    }
    if (this.kept.size < this.cap) {
      this.kept.set(key, { finding, platforms: finding.platform ? [finding.platform] : [] });
      this.last = undefined;
      return;
    }
    const last = (this.last ??= this.lastKept());
    if (before(finding, last)) {
      // Earlier in the file than the last one kept: it takes that one's place.
      const evicted = this.kept.get(last.key)!;
      this.kept.delete(last.key);
      this.drop(evicted.finding.code, evicted.finding.severity, evicted.finding.start, evicted.finding.end);
      this.kept.set(key, { finding, platforms: finding.platform ? [finding.platform] : [] });
      this.last = undefined;
    } else this.drop(finding.code, finding.severity, finding.start, finding.end);
  }

  private drop(code: string, severity: Severity, start: number, end: number): void {
    this.dropped ??= new Set();
    if (this.dropped.has(start)) return;
    this.dropped.add(start);
    const o = this.omitted;
    if (!o) {
      this.omitted = { code, count: 1, severity, start, end };
      return;
    }
    o.count++;
    if (RANK[severity] > RANK[o.severity]) o.severity = severity;
    if (before({ start, end }, o)) {
      o.start = start;
      o.end = end;
    }
  }

  private lastKept(): { key: string; start: number; end: number } {
    let last: { key: string; start: number; end: number } | undefined;
    for (const [key, { finding }] of this.kept) if (!last || before(last, finding)) last = { key, start: finding.start, end: finding.end };
    return last!;
  }
}

function before(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.start || (a.start === b.start && a.end < b.end);
}

/**
 * The findings of one file's rules. Networks sharing a text would repeat a finding at the same
 * place: it is kept once, naming them all. Past `cap` findings of one code, only the first ones by
 * position are kept, in memory bounded by the cap; the rest are counted.
 *
 * @example const set = new FindingSet(); rule.run({ …, report: (f) => set.add(f), wants: (…) => set.wants(…) }); set.groups()
 */
export class FindingSet {
  private readonly byCode = new Map<string, CodeFindings>();

  constructor(private readonly cap = MAX_FINDINGS_PER_CODE) {}

  add(finding: Finding): void {
    const findings = this.of(finding.code);
    if (findings.skip(finding.code, finding.severity, finding.start, finding.end)) return;
    const { platform: _platform, ...params } = finding.params ?? {};
    findings.add(`${finding.id}|${finding.start}|${finding.end}|${JSON.stringify(params)}`, finding);
  }

  /**
   * False when a finding of `code` at `[start, end)` would not be kept: it is then counted among
   * those left out, and the rule need not build it (see `RuleContext.wants`).
   */
  wants(code: string, severity: Severity, start: number, end: number): boolean {
    return !this.of(code).skip(code, severity, start, end);
  }

  private of(code: string): CodeFindings {
    let findings = this.byCode.get(code);
    if (!findings) this.byCode.set(code, (findings = new CodeFindings(this.cap)));
    return findings;
  }

  /** The findings kept, each with the networks that reported it. */
  groups(): FindingGroup[] {
    const out: FindingGroup[] = [];
    for (const code of this.byCode.values()) for (const group of code.kept.values()) out.push(group);
    return out;
  }

  /** Per code over the cap, what was left out. */
  omitted(): Omitted[] {
    return [...this.byCode.values()].flatMap((c) => (c.omitted ? [c.omitted] : []));
  }
}

/**
 * The same cap for diagnostics already made (those found while reading the post): per code, the
 * first `cap` by position are kept, the others summed up.
 */
export function capDiagnostics(diagnostics: readonly Diagnostic[], cap = MAX_FINDINGS_PER_CODE): { kept: readonly Diagnostic[]; omitted: Array<{ code: string; count: number; severity: Severity; range: Range }> } {
  if (diagnostics.length <= cap) return { kept: diagnostics, omitted: [] };
  const byCode = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    let list = byCode.get(d.code);
    if (!list) byCode.set(d.code, (list = []));
    list.push(d);
  }
  const kept: Diagnostic[] = [];
  const omitted: Array<{ code: string; count: number; severity: Severity; range: Range }> = [];
  for (const [code, list] of byCode) {
    if (list.length <= cap) {
      kept.push(...list);
      continue;
    }
    list.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    kept.push(...list.slice(0, cap));
    const rest = list.slice(cap);
    const severity = rest.reduce<Severity>((worst, d) => (RANK[d.severity] > RANK[worst] ? d.severity : worst), 'info');
    omitted.push({ code, count: rest.length, severity, range: rest[0]!.range });
  }
  return { kept, omitted };
}

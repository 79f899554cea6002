const UNITS: Readonly<Record<string, number>> = { m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A duration as people write it in the frontmatter and settings: a number and a unit (`m`/`min`,
 * `h`, `d`), or several (`1h30m`). Undefined when it is not one.
 *
 * @example parseDuration('2h') // 7_200_000
 * @example parseDuration('1d 12h') // 129_600_000
 */
export function parseDuration(text: string): number | undefined {
  const source = text.trim().toLowerCase();
  if (source === '') return undefined;
  let total = 0;
  let rest = source;
  while (rest !== '') {
    const m = /^(\d+(?:\.\d+)?)\s*(min|m|h|d)\s*/.exec(rest);
    if (!m) return undefined;
    total += Number(m[1]) * UNITS[m[2]!]!;
    rest = rest.slice(m[0].length);
  }
  return Math.round(total);
}

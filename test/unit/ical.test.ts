import assert from 'node:assert/strict';
import fc from 'fast-check';
import { escapeText, eventUid, foldLine, icalFeed, type IcalOptions, type IcalPost } from '../../src/core/ical';
import type { PostMeta } from '../../src/core/model';

/*
 * Besides ical.js (icalReference.test.ts), the feed is read back by the strict reader below,
 * written from RFC 5545 alone (unfolding, properties, parameters, TEXT unescaping, and instants
 * resolved from the feed's own VTIMEZONE, not from src/core/zone.ts), which checks what a lenient
 * parser lets pass (line lengths, CRLF, folding inside UTF-8 characters).
 */

const te = new TextEncoder();
const octets = (s: string) => te.encode(s).length;

interface Prop {
  readonly name: string;
  readonly params: Record<string, string>;
  readonly value: string;
}
interface Component {
  readonly name: string;
  readonly props: Prop[];
  readonly children: Component[];
}

/** Unfolds (CRLF + one space or tab), after checking every physical line: CRLF ends, at most 75 octets. */
function unfold(ics: string): string[] {
  assert.ok(ics.endsWith('\r\n'), 'ends with CRLF');
  const physical = ics.slice(0, -2).split('\r\n');
  for (const line of physical) {
    assert.ok(!/[\r\n]/.test(line), `bare CR or LF in ${JSON.stringify(line)}`);
    assert.ok(octets(line) <= 75, `${octets(line)} octets: ${line}`);
    assert.ok(!line.includes('\uFFFD'), 'no broken character');
  }
  const lines: string[] = [];
  for (const line of physical) {
    if (line.startsWith(' ') || line.startsWith('\t')) lines[lines.length - 1] += line.slice(1);
    else lines.push(line);
  }
  return lines;
}

/** `NAME;P=V;P="V":value`, by RFC 5545 3.1 (quoted parameter values may hold `:` `;` `,`). */
function parseLine(line: string): Prop {
  const m = /^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*):(.*)$/.exec(line);
  assert.ok(m, `not a content line: ${line}`);
  const params: Record<string, string> = {};
  for (const p of m[2]!.matchAll(/;([A-Za-z0-9-]+)=("[^"]*"|[^";:]*)/g)) params[p[1]!.toUpperCase()] = p[2]!.replace(/^"|"$/g, '');
  return { name: m[1]!.toUpperCase(), params, value: m[3]! };
}

function parse(ics: string): Component {
  const stack: Component[] = [{ name: '', props: [], children: [] }];
  for (const line of unfold(ics)) {
    const prop = parseLine(line);
    if (prop.name === 'BEGIN') {
      const c: Component = { name: prop.value, props: [], children: [] };
      stack[stack.length - 1]!.children.push(c);
      stack.push(c);
    } else if (prop.name === 'END') {
      assert.equal(stack.pop()!.name, prop.value, 'BEGIN/END pair');
    } else stack[stack.length - 1]!.props.push(prop);
  }
  assert.equal(stack.length, 1, 'every BEGIN ends');
  assert.equal(stack[0]!.children.length, 1);
  return stack[0]!.children[0]!;
}

const prop = (c: Component, name: string) => c.props.find((p) => p.name === name);
const value = (c: Component, name: string) => prop(c, name)?.value;

function unescapeText(v: string): string {
  return v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Splits a TEXT list on unescaped commas. */
function textList(v: string): string[] {
  return v.split(/(?<!\\),/).map(unescapeText);
}

const localFields = (v: string) => {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/.exec(v);
  assert.ok(m, `a DATE-TIME: ${v}`);
  return { local: Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!), utc: m[7] === 'Z' };
};
const offsetMinutes = (v: string) => {
  const m = /^([+-])(\d{2})(\d{2})$/.exec(v);
  assert.ok(m, `a UTC-OFFSET: ${v}`);
  return (m[1] === '-' ? -1 : 1) * (+m[2]! * 60 + +m[3]!);
};

/**
 * The instant of a DTSTART/DTEND: UTC, or a local time resolved with the VTIMEZONE of its TZID
 * (observances sorted by onset; a local time that happens twice is its first occurrence).
 */
function instant(cal: Component, p: Prop): number {
  const { local, utc } = localFields(p.value);
  if (utc) return local;
  const tz = cal.children.find((c) => c.name === 'VTIMEZONE' && value(c, 'TZID') === p.params['TZID']);
  assert.ok(tz, `a VTIMEZONE for ${p.params['TZID']}`);
  const obs = tz.children
    .map((o) => ({ onset: localFields(value(o, 'DTSTART')!).local - offsetMinutes(value(o, 'TZOFFSETFROM')!) * 60_000, to: offsetMinutes(value(o, 'TZOFFSETTO')!) }))
    .sort((a, b) => a.onset - b.onset);
  for (let i = 0; i < obs.length; i++) {
    const candidate = local - obs[i]!.to * 60_000;
    if (candidate >= obs[i]!.onset && (i + 1 === obs.length || candidate < obs[i + 1]!.onset)) return candidate;
  }
  // In a gap: RFC 5545 reads it with the offset before the change.
  const before = [...obs].reverse().find((o) => o.onset <= local - o.to * 60_000) ?? obs[0]!;
  return local - before.to * 60_000;
}

const events = (cal: Component) => cal.children.filter((c) => c.name === 'VEVENT');

function meta(fields: Partial<PostMeta>): PostMeta {
  return { platforms: [], tags: [], media: [], approvals: [], results: {}, ...fields };
}
const post = (path: string, fields: Partial<PostMeta>, text?: string): IcalPost => ({ path, meta: meta(fields), ...(text !== undefined ? { text } : {}) });
const NOW = Date.UTC(2026, 11, 2, 10, 0, 0);
const PARIS: IcalOptions = { zone: 'Europe/Paris', now: NOW, name: 'Nova' };

describe('iCalendar feed', () => {
  it('escapes TEXT values', () => {
    assert.equal(escapeText('a\\b;c,d\ne\r\nf\rg'), 'a\\\\b\\;c\\,d\\ne\\nf\\ng');
    assert.equal(escapeText('bell\u0007 tab\tok: yes'), 'bell tab\tok: yes');
    assert.equal(unescapeText(escapeText('Rendez-vous ; 10h, salle «\u00a0A\u00a0» \\ ok\nfin')), 'Rendez-vous ; 10h, salle «\u00a0A\u00a0» \\ ok\nfin');
  });

  it('folds at 75 octets without splitting a character, and unfolding gives the line back (property)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ' ', 'é', '€', '😀', '👩‍💻', 'ß', '中', '\u00a0', 'Z'), maxLength: 400 });
    fc.assert(
      fc.property(fc.constantFrom('SUMMARY:', 'DESCRIPTION;LANGUAGE=fr:', 'X:'), text, (name, content) => {
        const line = name + content;
        const folded = foldLine(line);
        const physical = folded.split('\r\n');
        for (const [i, l] of physical.entries()) {
          assert.ok(octets(l) <= 75, `${octets(l)} octets`);
          if (i > 0) assert.ok(l.startsWith(' ') && l.length > 1);
          // A split character would show as a lone surrogate or a replacement character.
          assert.ok(!/[\uD800-\uDBFF]$|^[ ]?[\uDC00-\uDFFF]/.test(l));
          assert.equal(new TextDecoder('utf-8', { fatal: true }).decode(te.encode(l)), l);
        }
        assert.equal(physical.map((l, i) => (i === 0 ? l : l.slice(1))).join(''), line);
        if (octets(line) <= 75) assert.equal(folded, line);
      }),
      { numRuns: 2000 },
    );
  });

  it('writes a VCALENDAR with one VEVENT per dated post, CRLF ends and folded lines', () => {
    const ics = icalFeed(
      [
        post('posts/a.md', { title: 'Lancement : Nova 2, enfin ; prêts ?', date: Date.UTC(2026, 11, 1, 8, 30), status: 'scheduled', platforms: ['bluesky', 'x'], campaign: 'nova-launch' }, '\n\n  Nova 2 est là ! 🚀 Tout ce qui change, en un fil, avec des accents et des émojis 👩‍💻👩‍💻👩‍💻\nSecond line'),
        post('posts/idea.md', { title: 'Undated idea', status: 'idea' }),
        post('posts/b.md', { date: Date.UTC(2026, 11, 2, 8, 30), status: 'draft' }),
      ],
      PARIS,
    );
    const cal = parse(ics);
    assert.equal(cal.name, 'VCALENDAR');
    assert.equal(value(cal, 'VERSION'), '2.0');
    assert.match(value(cal, 'PRODID')!, /edcal/);
    assert.equal(value(cal, 'CALSCALE'), 'GREGORIAN');
    assert.equal(value(cal, 'X-WR-CALNAME'), 'Nova');
    assert.equal(value(cal, 'X-WR-TIMEZONE'), 'Europe/Paris');
    const [a, b, ...rest] = events(cal);
    assert.equal(rest.length, 0, 'the undated post is left out');
    assert.equal(value(a!, 'UID'), 'posts/a.md@edcal');
    assert.equal(value(a!, 'DTSTAMP'), '20261202T100000Z');
    assert.equal(unescapeText(value(a!, 'SUMMARY')!), 'Lancement : Nova 2, enfin ; prêts ?');
    assert.equal(unescapeText(value(a!, 'DESCRIPTION')!), 'Status: scheduled\nNetworks: Bluesky, X\n\nNova 2 est là ! 🚀 Tout ce qui change, en un fil, avec des accents et des émojis 👩‍💻👩‍💻👩‍💻');
    assert.deepEqual(textList(value(a!, 'CATEGORIES')!), ['nova-launch', 'Bluesky', 'X']);
    assert.equal(value(a!, 'STATUS'), 'CONFIRMED');
    assert.equal(instant(cal, prop(a!, 'DTSTART')!), Date.UTC(2026, 11, 1, 8, 30));
    assert.equal(instant(cal, prop(a!, 'DTEND')!), Date.UTC(2026, 11, 1, 8, 45));
    assert.equal(prop(a!, 'DTSTART')!.params['TZID'], 'Europe/Paris');
    assert.equal(unescapeText(value(b!, 'SUMMARY')!), 'b', 'no title: the file name');
    assert.equal(value(b!, 'STATUS'), 'TENTATIVE');
    assert.equal(unescapeText(value(b!, 'DESCRIPTION')!), 'Status: draft');
    assert.ok(ics.split('\r\n').some((l) => l.startsWith(' ')), 'the long description is folded');
  });

  it('describes in French when asked', () => {
    const cal = parse(icalFeed([post('posts/a.md', { date: Date.UTC(2026, 11, 1, 8, 30), status: 'review', platforms: ['mastodon'] }, 'Salut')], { ...PARIS, locale: 'fr' }));
    assert.equal(unescapeText(value(events(cal)[0]!, 'DESCRIPTION')!), 'Statut\u00a0: review\nRéseaux\u00a0: Mastodon\n\nSalut');
  });

  it('keeps UIDs across a reschedule and across exports, distinct across posts and networks', () => {
    const uids = (posts: IcalPost[], options: Partial<IcalOptions> = {}) => events(parse(icalFeed(posts, { ...PARIS, ...options }))).map((e) => value(e, 'UID')!);
    const before = uids([post('posts/a.md', { date: Date.UTC(2026, 11, 1, 8, 30), platforms: ['x', 'bluesky'] }), post('posts/b.md', { date: Date.UTC(2026, 11, 3, 8, 30) })]);
    const after = uids([post('posts/a.md', { date: Date.UTC(2027, 2, 9, 16, 0), platforms: ['x', 'bluesky'], status: 'approved' }), post('posts/b.md', { date: Date.UTC(2026, 11, 3, 8, 30), dateOnly: true })], { now: NOW + 86_400_000 });
    assert.deepEqual(new Set(after), new Set(before));
    assert.equal(new Set(before).size, 2);
    const perNetwork = uids([post('posts/a.md', { date: Date.UTC(2026, 11, 1, 8, 30), platforms: ['x', 'bluesky'] }), post('posts/b.md', { date: Date.UTC(2026, 11, 3, 8, 30) })], { perNetwork: true });
    assert.deepEqual(perNetwork, ['posts/a.md#x@edcal', 'posts/a.md#bluesky@edcal', 'posts/b.md@edcal']);
    // Paths that could read alike stay apart.
    const odd = ['posts/a#x.md', 'posts/a.md#x', 'posts/é t@é.md', 'posts/a;b,c.md'].map((p) => eventUid(p));
    assert.equal(new Set([...odd, eventUid('posts/a.md', 'x')]).size, 5);
    for (const u of odd) assert.match(u, /^[\x21-\x7e]+@edcal$/);
  });

  it('gives the right instants either side of daylight saving (09:30 in Paris in March and November)', () => {
    const posts = [
      post('posts/march-before.md', { date: Date.UTC(2026, 2, 27, 8, 30) }), // Friday 27 March, 09:30 CET
      post('posts/march-after.md', { date: Date.UTC(2026, 2, 30, 7, 30) }), // Monday 30 March, 09:30 CEST
      post('posts/november.md', { date: Date.UTC(2026, 10, 16, 8, 30) }), // 09:30 CET
      post('posts/october.md', { date: Date.UTC(2026, 9, 23, 7, 30) }), // 09:30 CEST
    ];
    const inOrder = [...posts].sort((a, b) => a.meta.date! - b.meta.date!);
    for (const utc of [false, true]) {
      const cal = parse(icalFeed(posts, { ...PARIS, utc }));
      const starts = events(cal).map((e) => [value(e, 'UID'), prop(e, 'DTSTART')!.value, instant(cal, prop(e, 'DTSTART')!)]);
      assert.deepEqual(
        starts.map(([u, , t]) => [u, t]),
        inOrder.map((p) => [`${p.path}@edcal`, p.meta.date]),
      );
      if (!utc) assert.deepEqual(starts.map(([, v]) => v), ['20260327T093000', '20260330T093000', '20261023T093000', '20261116T093000']);
      else {
        assert.deepEqual(starts.map(([, v]) => v), ['20260327T083000Z', '20260330T073000Z', '20261023T073000Z', '20261116T083000Z']);
        assert.equal(cal.children.filter((c) => c.name === 'VTIMEZONE').length, 0, 'no VTIMEZONE in UTC');
      }
    }
  });

  it('writes a VTIMEZONE whose observances chain and give the zone’s offsets', () => {
    const cal = parse(icalFeed([post('posts/a.md', { date: Date.UTC(2026, 5, 1, 8) }), post('posts/b.md', { date: Date.UTC(2028, 0, 5, 8) })], PARIS));
    const tz = cal.children.filter((c) => c.name === 'VTIMEZONE');
    assert.equal(tz.length, 1);
    assert.equal(value(tz[0]!, 'TZID'), 'Europe/Paris');
    const obs = tz[0]!.children.map((o) => [o.name, value(o, 'DTSTART'), value(o, 'TZOFFSETFROM'), value(o, 'TZOFFSETTO')]);
    assert.deepEqual(obs, [
      ['STANDARD', '20260101T000000', '+0100', '+0100'],
      ['DAYLIGHT', '20260329T020000', '+0100', '+0200'],
      ['STANDARD', '20261025T030000', '+0200', '+0100'],
      // 2027 has no post, but lies between two: its changes are listed too.
      ['STANDARD', '20270101T000000', '+0100', '+0100'],
      ['DAYLIGHT', '20270328T020000', '+0100', '+0200'],
      ['STANDARD', '20271031T030000', '+0200', '+0100'],
      ['STANDARD', '20280101T000000', '+0100', '+0100'],
      ['DAYLIGHT', '20280326T020000', '+0100', '+0200'],
      ['STANDARD', '20281029T030000', '+0200', '+0100'],
    ]);
    for (const o of tz[0]!.children) assert.equal(o.name === 'DAYLIGHT', value(o, 'TZOFFSETTO') === '+0200');
  });

  it('reads back every instant exactly in zones with odd changes (property)', () => {
    const zones = ['Europe/Paris', 'America/New_York', 'Australia/Sydney', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns', 'Africa/Casablanca', 'Asia/Kolkata', 'UTC'];
    const start = Date.UTC(2024, 0, 1);
    const span = Date.UTC(2030, 0, 1) - start;
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.array(fc.integer({ min: 0, max: span / 60_000 }), { minLength: 1, maxLength: 6 }), (zone, minutes) => {
        const posts = minutes.map((m, i) => post(`posts/${i}.md`, { date: start + m * 60_000 }));
        const cal = parse(icalFeed(posts, { zone, now: NOW }));
        const byUid = new Map(events(cal).map((e) => [value(e, 'UID'), e]));
        for (const p of posts) {
          const e = byUid.get(`${p.path}@edcal`)!;
          assert.equal(instant(cal, prop(e, 'DTSTART')!), p.meta.date, `${zone} ${new Date(p.meta.date!).toISOString()} ${prop(e, 'DTSTART')!.value}`);
          assert.equal(instant(cal, prop(e, 'DTEND')!), p.meta.date! + 15 * 60_000);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('writes in UTC a time that happens twice, when it is the second one', () => {
    // 25 October 2026, 02:30 in Paris happens at 00:30Z (CEST) and at 01:30Z (CET).
    const cal = parse(icalFeed([post('posts/first.md', { date: Date.UTC(2026, 9, 25, 0, 30) }), post('posts/second.md', { date: Date.UTC(2026, 9, 25, 1, 30) })], PARIS));
    const [first, second] = events(cal);
    assert.equal(prop(first!, 'DTSTART')!.value, '20261025T023000');
    assert.equal(prop(second!, 'DTSTART')!.value, '20261025T013000Z');
    assert.equal(instant(cal, prop(first!, 'DTSTART')!), Date.UTC(2026, 9, 25, 0, 30));
  });

  it('makes date-only posts all-day events, on the calendar’s day', () => {
    // 12 January 2027 in Paris starts at 23:00Z the day before.
    const cal = parse(icalFeed([post('posts/day.md', { date: Date.UTC(2027, 0, 11, 23), dateOnly: true, status: 'idea' })], PARIS));
    const [e] = events(cal);
    assert.deepEqual(prop(e!, 'DTSTART'), { name: 'DTSTART', params: { VALUE: 'DATE' }, value: '20270112' });
    assert.deepEqual(prop(e!, 'DTEND'), { name: 'DTEND', params: { VALUE: 'DATE' }, value: '20270113' });
    assert.equal(cal.children.filter((c) => c.name === 'VTIMEZONE').length, 0, 'no local time, no VTIMEZONE');
  });

  it('writes one event per network with --per-network, and one for a post with none', () => {
    const cal = parse(icalFeed([post('posts/a.md', { title: 'A', date: Date.UTC(2026, 11, 1, 8, 30), platforms: ['linkedin', 'mastodon'], status: 'approved' }), post('posts/b.md', { date: Date.UTC(2026, 11, 2, 8, 30) })], { ...PARIS, perNetwork: true }));
    const list = events(cal).map((e) => [value(e, 'UID'), unescapeText(value(e, 'SUMMARY')!), value(e, 'CATEGORIES')]);
    assert.deepEqual(list, [
      ['posts/a.md#linkedin@edcal', 'A (LinkedIn)', 'LinkedIn'],
      ['posts/a.md#mastodon@edcal', 'A (Mastodon)', 'Mastodon'],
      ['posts/b.md@edcal', 'b', undefined],
    ]);
  });

  it('takes a duration and a UID domain', () => {
    const cal = parse(icalFeed([post('posts/a.md', { date: Date.UTC(2026, 11, 1, 8, 30) })], { ...PARIS, duration: 3_600_000, domain: 'nova.app' }));
    const [e] = events(cal);
    assert.equal(value(e!, 'UID'), 'posts/a.md@nova.app');
    assert.equal(instant(cal, prop(e!, 'DTEND')!) - instant(cal, prop(e!, 'DTSTART')!), 3_600_000);
  });
});

// Writes a realistic calendar of N posts (default 10,000) for benchmarks: seven networks, French
// and English text, hashtags, links, emoji, variants, threads, media, a little Markdown.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const NETWORKS = ['x', 'bluesky', 'mastodon', 'threads', 'linkedin', 'instagram', 'facebook'];
const STATUSES = ['idea', 'draft', 'review', 'approved', 'scheduled', 'published'];
const SENTENCES = [
  'Nova 2 arrive le 3 décembre ✨ Une nouvelle façon de planifier vos rituels d’équipe.',
  'Vos rétros durent trop longtemps\u202f? Essayez le format express en 15 minutes.',
  'Merci à toutes celles et ceux qui ont testé la bêta 🙏',
  'Our team offsite in Annecy: three days, one lake, zero slides 🏔️',
  'Le concours est ouvert jusqu’au 16 décembre : gagnez un an de Nova !',
  'What makes a good weekly meeting? Five minutes of prep and a clear owner 👩‍💻',
  'Rendez-vous à Lyon pour Nova Live 🇫🇷 le 14 janvier.',
  'Astuce du lundi : bloquez 30 minutes pour préparer la semaine.',
];
const TAGS = ['#Nova', '#Nova2', '#Planification', '#RemoteWork', '#Rituels', '#TeamCulture', '#Lyon', '#Concours'];
const LINKS = ['https://nova.app/launch', 'https://nova.app/blog/remote-rituals', 'nova.app/live'];

/** A small deterministic PRNG so every run writes the same calendar. */
function random(seed) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

/**
 * With `results`, published posts also record what each network got (`results`), and the call
 * returns those publications for a benchmark's metrics files; the posts are otherwise the same.
 */
export function generateCalendar(dir, count = 10_000, { results = false } = {}) {
  const published = [];
  const rnd = random(42);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  mkdirSync(join(dir, 'media'), { recursive: true });
  writeFileSync(join(dir, '.editorial.yaml'), 'timezone: Europe/Paris\nlocale: fr\nposts: posts/**/*.md\nbannedHashtags: [followback]\n');
  writeFileSync(join(dir, 'media', 'image.png'), 'png');
  for (let i = 0; i < count; i++) {
    const day = new Date(Date.UTC(2027, 0, 1) + Math.floor(i / 16) * 86_400_000); // 16 a day: ~500 a month
    const y = day.getUTCFullYear();
    const m = String(day.getUTCMonth() + 1).padStart(2, '0');
    const d = String(day.getUTCDate()).padStart(2, '0');
    const platforms = NETWORKS.filter(() => rnd() < 0.45);
    if (platforms.length === 0) platforms.push(pick(NETWORKS));
    const hasMedia = platforms.includes('instagram') || rnd() < 0.3;
    let status;
    const lines = [
      '---',
      `title: "Post ${i}: ${pick(SENTENCES).slice(0, 30)}"`,
      `date: ${y}-${m}-${d}T${String(8 + (i % 10)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`,
      `platforms: [${platforms.join(', ')}]`,
      `status: ${(status = pick(STATUSES))}${rnd() < 0.2 ? ' # relu' : ''}`,
      `campaign: ${pick(['nova-launch', 'calendar-contest', 'live-meetup', 'evergreen'])}`,
      `tags: [${pick(['teaser', 'tip', 'event'])}, ${pick(['fr', 'en'])}]`,
    ];
    if (hasMedia) lines.push('media:', '  - file: ../../../media/image.png', `    alt: "${pick(SENTENCES).slice(0, 40)}"`);
    const date = `${y}-${m}-${d}T${String(8 + (i % 10)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`;
    if (results && status === 'published') {
      lines.push('results:', ...platforms.map((n) => `  ${n}: { state: published, id: "${n}-${i}", at: ${date}:04+01:00 }`));
      for (const n of platforms) published.push({ file: `posts/${y}/${m}/${d}-post-${i}.md`, network: n, id: `${n}-${i}`, date });
    }
    lines.push('---');
    const paragraph = () => [pick(SENTENCES), pick(SENTENCES)].join(' ');
    const body = [paragraph(), '', `${pick(LINKS)} ${pick(TAGS)} ${pick(TAGS)}`];
    if (rnd() < 0.2) body.splice(1, 0, '', `Lisez **notre guide** : [le blog](${pick(LINKS)})`);
    if (rnd() < 0.1) body.push('', '---', '', paragraph(), '', '---', '', paragraph());
    if (platforms.includes('x') && rnd() < 0.3) body.push('', ':::x', `${pick(SENTENCES)} ${pick(TAGS)}`, ':::');
    if (platforms.includes('linkedin') && rnd() < 0.3) body.push('', ':::linkedin', paragraph(), '', paragraph(), '', pick(TAGS), ':::');
    const folder = join(dir, 'posts', String(y), m);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${d}-post-${i}.md`), `${lines.join('\n')}\n${body.join('\n')}\n`);
  }
  return published;
}

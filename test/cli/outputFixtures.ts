import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileIn } from './writeFileIn';

const post = (front: string, body: string) => `---\n${front}\n---\n${body}\n`;
const hashtags = Array.from({ length: 150 }, (_, i) => `#Tag${i % 120}`).join(' ');

/**
 * A small calendar of awkward files for the output-identity test: broken and complex YAML, bytes
 * that are not text, CRLF, hostile titles, findings over the per-code cap, approvals, missing
 * media, a nested calendar with its own language, settings with a problem, a FIFO and a symlinked
 * folder. Deterministic: the golden outputs in test/cli/golden/ were written from it.
 */
export function writeEdgeCalendar(dir: string): void {
  const files: Record<string, string | Uint8Array> = {
    '.editorial.yaml': 'timezone: America/New_York\nlocale: en\nposts: posts/**/*.md\ncolour: blue\nbannedHashtags: [f4f]\napprovals:\n  required: 1\n  approvers: ["*@nova.example"]\n',
    'media/logo.png': 'png',
    'posts/a-broken-yaml.md': '---\ntitle: [unclosed\ndate: 2026-12-01T10:00\n---\nBody\n',
    'posts/b-binary.md': new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01, 0x02, 0xff]),
    'posts/c-latin1.md': new Uint8Array([...Buffer.from('---\ntitle: caf'), 0xe9, ...Buffer.from('\n---\nx\n')]),
    'posts/d-complex-yaml.md': post(
      'title: &t "Anchored title"\ndate: 2026-12-02T09:00\nplatforms:\n  - x\n  - bluesky\n  - mastodon\nstatus: draft\nnotes: |\n  multi\n  line\nvariants:\n  x: Short for X #Nova https://nova.app/x\n  bluesky: { text: "Bluesky @nova.bsky.social nova.app/b" }\nalias: *t',
      'Thread start #Nova https://nova.app/launch\n\n---\n\nSecond part with **bold** and [a link](https://nova.app/more) 🧵\n\n---\n\nThird 👩‍💻🇫🇷',
    ),
    'posts/e-long.md': post('date: 2026-12-03T09:00\nplatforms: [x, instagram, threads, linkedin]\nstatus: review', `${'Lorem ipsum dolor sit amet. '.repeat(120)}\n\n${hashtags} #f4f`),
    'posts/f-approved.md': post('title: Approved\ndate: 2026-12-04T09:00\nplatforms: [bluesky]\nstatus: approved\napprovals:\n  - { by: "Léa <lea@nova.example>", at: 2026-12-01T09:15-05:00, hash: sha256-00000000000000000000000000000000 }\n  - { by: "Max <max@elsewhere.example>", at: 2026-12-01T09:20-05:00 }', 'Approved text, since changed.'),
    'posts/g-media.md': post('date: 2026-12-05T09:00\nplatforms: [instagram, x]\nstatus: draft\nmedia:\n  - file: ../media/logo.png\n  - file: ../media/missing.png\n    alt: Missing\n  - file: ../../outside.png\n    alt: Outside', 'Photo day'),
    'posts/h-date-only.md': post('date: 2026-12-24\nplatforms: [facebook]\nstatus: scheduled', 'Merry Christmas'),
    'posts/i-hostile.md': post('title: "\\e[31m::error::owned\\u202e"\ndate: 2026-11-01T09:00\nplatforms: [x, "::warning::"]\nstatus: idea', '::error file=x::forged\n\u001b[2J #tag\u202e'),
    'posts/j-crlf.md': '---\r\ntitle: CRLF\r\ndate: 2026-12-06T09:00\r\nplatforms: [threads]\r\nstatus: draft\r\n---\r\nLine one #A #B\r\n\r\nLine two\r\n',
    'posts/k-no-frontmatter.md': 'Just text, no frontmatter.\n',
    'posts/l-empty.md': '',
    'posts/m-fields.md': post('title: 12\ndate: tomorrow\nplatforms: x\nstatus: maybe\ntags: [a, a]\nnotAfter: 2026-12-01T08:00\npoll: { options: [only] }', 'Fields of the wrong kind'),
    'posts/.hidden/skipped.md': post('date: nope', 'never read'),
    'posts/notes.txt': 'not a post',
    'elsewhere/linked.md': post('date: 2026-12-07T09:00\nplatforms: [x]', 'Behind a symlinked folder'),
    'nested/.editorial.yaml': 'timezone: Europe/Paris\nlocale: fr\nposts: "*.md"\n',
    'nested/n.md': post('date: 2026-12-08T09:00\nplatforms: [x, mastodon]\nstatus: draft', `${'Texte un peu long. '.repeat(30)} #Nested`),
  };
  for (const [path, content] of Object.entries(files)) writeFileIn(dir, path, content);
  symlinkSync('../elsewhere', join(dir, 'posts/linked'));
  spawnSync('mkfifo', [join(dir, 'posts/z-fifo.md')]);
}

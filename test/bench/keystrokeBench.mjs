// Lint per keystroke: a 2,000-character post going to seven networks, linted after each of 500
// simulated keystrokes (one character typed at a time), as the editor does. Prints the median and p95.
import { createRequire } from 'node:module';
import { buildSync } from 'esbuild';

// The core is TypeScript: bundle lint() once for Node, then load it.
const out = new URL('../../out/bench/lint.cjs', import.meta.url).pathname;
buildSync({ stdin: { contents: "export { lint } from './src/core/lint'; export { DEFAULT_CONFIG } from './src/core/config';", resolveDir: new URL('../..', import.meta.url).pathname, loader: 'ts' }, bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'error' });
const { lint, DEFAULT_CONFIG } = createRequire(import.meta.url)(out);

const sentence = 'Nova 2 arrive le 3 décembre ✨ Une nouvelle façon de planifier vos rituels d’équipe, pensée pour les équipes hybrides. ';
let body = '';
while (body.length < 1800) body += sentence;
body += '\n\nInscrivez-vous : https://nova.app/launch #Nova #Lancement @nova@mastodon.social\n\n:::x\nNova 2 arrive ✨ https://nova.app/launch #Nova\n:::\n';
const head = '---\ntitle: "Lancement"\ndate: 2026-12-03T09:30\nplatforms: [x, bluesky, mastodon, threads, linkedin, instagram, facebook]\nstatus: draft\nmedia:\n  - file: a.png\n    alt: "Capture"\n---\n';
const config = { ...DEFAULT_CONFIG, timezone: 'Europe/Paris' };

const times = [];
let text = head + body;
for (let i = 0; i < 520; i++) {
  const at = head.length + ((i * 37) % 1500);
  text = text.slice(0, at) + 'a' + text.slice(at);
  const start = performance.now();
  lint('posts/p.md', text, { config, now: Date.UTC(2026, 10, 23) });
  if (i >= 20) times.push(performance.now() - start); // the first runs warm the JIT up
}
times.sort((a, b) => a - b);
const q = (p) => times[Math.floor(times.length * p)].toFixed(3);
console.log(`lint per keystroke (${text.length - head.length}-character post, 7 networks): median ${q(0.5)} ms, p95 ${q(0.95)} ms (target: median < 1 ms)`);

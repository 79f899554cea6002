// The naive baseline the issue compares against: read every post file and parse it with gray-matter.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';

const root = process.argv[2];
let count = 0;
for (const entry of readdirSync(join(root, 'posts'), { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.md')) continue;
  const file = matter(readFileSync(join(entry.parentPath, entry.name), 'utf8'));
  if (file.data) count++;
}
process.stdout.write(`${count}\n`);

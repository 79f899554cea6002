import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { PostWriter } from '../core/ports';
import { applyEdits } from '../core/textEdits';

/**
 * The CLI's post writer: the new text is written next to the file, then renamed over it, so a
 * crash leaves the old file or the new one, never half of one. A file changed since it was read
 * (someone saved meanwhile) is not overwritten.
 */
export class NodePostWriter implements PostWriter {
  async read(path: string): Promise<string> {
    return readFile(path, 'utf8');
  }

  async apply(path: string, before: string, edits: Parameters<PostWriter['apply']>[2]): Promise<void> {
    if ((await readFile(path, 'utf8')) !== before) throw new Error(`${path} changed while it was being published`);
    const aside = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await writeFile(aside, applyEdits(before, edits), { flag: 'wx' });
      await rename(aside, path);
    } catch (error) {
      await rm(aside, { force: true });
      throw error;
    }
  }
}

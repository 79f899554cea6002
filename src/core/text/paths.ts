/** POSIX path helpers for calendar-relative paths (the core runs without Node's `path`). */

/** Joins and normalises `a/b/../c` segments; keeps leading `..` that climb above the start. */
export function joinPath(...parts: string[]): string {
  const out: string[] = [];
  for (const segment of parts.join('/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(segment);
  }
  return out.join('/');
}

/** The folder of a POSIX path (`''` for a file at the root). */
export function dirName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** A child of an absolute folder path: `childPath('/cal', 'posts')` is `/cal/posts`. */
export function childPath(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/** The folder holding an absolute path (`/` for a path at the root). */
export function parentPath(path: string): string {
  const slash = path.replace(/\/+$/, '').lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

/**
 * `path` relative to the folder `root` (both absolute, normalised), or undefined when it is not
 * inside it. `root` itself gives `''`.
 *
 * @example relativePath('/cal', '/cal/posts/a.md') // 'posts/a.md'
 */
export function relativePath(root: string, path: string): string | undefined {
  const base = root.replace(/\/+$/, '');
  if (path === base || path === base + '/') return '';
  return path.startsWith(base + '/') ? path.slice(base.length + 1) : undefined;
}

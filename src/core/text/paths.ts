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

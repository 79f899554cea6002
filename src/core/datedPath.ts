/**
 * The path of a post whose name carries its date, moved to another day: `YYYY-MM-DD-name.md`,
 * `YYYY/MM/DD-name.md` and folders by year and month (`YYYY/MM/name.md`, `YYYY-MM/name.md`) follow
 * the new day. Only the parts that say the post's current day change (a `12/` folder of a post dated
 * in March is left alone), so a path that does not carry the date gives `undefined`, as does a move
 * that changes nothing. The depth never changes: relative media paths stay right.
 *
 * @example rescheduledPath('posts/2026/12/09-guide.md', '2026-12-09', '2027-01-04') // 'posts/2027/01/04-guide.md'
 * @example rescheduledPath('posts/2026-12-09-guide.md', '2026-12-09', '2026-12-11') // 'posts/2026-12-11-guide.md'
 * @example rescheduledPath('posts/guide.md', '2026-12-09', '2026-12-11') // undefined
 */
export function rescheduledPath(path: string, from: string, to: string): string | undefined {
  const [fy, fm, fd] = from.split('-');
  const [ty, tm, td] = to.split('-');
  if (!fy || !fm || !fd || !ty || !tm || !td) return undefined;
  const parts = path.split('/');
  const last = parts.length - 1;
  let name = parts[last]!;
  // Year and month folders: the deepest pair naming the post's month.
  let monthFolder = false;
  for (let i = last - 1; i >= 0; i--) {
    if (parts[i] === `${fy}-${fm}`) {
      parts[i] = `${ty}-${tm}`;
      monthFolder = i === last - 1;
      break;
    }
    if (i > 0 && parts[i - 1] === fy && parts[i] === fm) {
      parts[i - 1] = ty;
      parts[i] = tm;
      monthFolder = i === last - 1;
      break;
    }
  }
  const full = /^(\d{4})-(\d{2})-(\d{2})(?=[-_.])/.exec(name);
  if (full && `${full[1]}-${full[2]}-${full[3]}` === from) name = `${to}${name.slice(10)}`;
  // A two-digit day starts the name only right under its month's folder ("09-guide.md").
  else if (monthFolder && name.startsWith(fd) && /^\d{2}[-_.]/.test(name)) name = `${td}${name.slice(2)}`;
  parts[last] = name;
  const moved = parts.join('/');
  return moved === path ? undefined : moved;
}

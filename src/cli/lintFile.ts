import type { Diagnostic } from '../core/model';
import { toZonedIso } from '../core/zone';
import { checkPost } from '../services/checkPost';
import { NodeGit } from '../node/git';
import type { FileReport, LintTask } from './lintFiles';
import { mediaProbe, workspace } from './tasks';

const DAY = 86_400_000;

/**
 * Lints one file from disk. Never throws: what cannot be read becomes a finding on the file. Git
 * is asked who wrote it (`approval.self`) only when it has approvals its policy keeps from authors.
 */
export async function lintFile(task: LintTask, now: number): Promise<FileReport> {
  const checked = await checkPost(workspace, { root: task.root, config: task.config }, task.file, { now, media: mediaProbe(task.root), git: new NodeGit(task.root) });
  // Fixes are for editors; the CLI reports findings only (and sends less between processes).
  const diagnostics = checked.diagnostics.map(withoutFixes);
  if (!checked.result) return { file: task.file, diagnostics };
  const { meta } = checked.result.post;
  const platforms: NonNullable<FileReport['post']>['platforms'] = {};
  for (const r of checked.result.renders) {
    platforms[r.platform] = { parts: r.parts.map((p) => ({ length: p.length, limit: p.limit, hashtags: [...p.hashtags] })) };
  }
  // Files whose findings depend on more than this (media contents, git's history) are not cached.
  const cacheable = !checked.digests && !checked.askedGit;
  const pastFrom = meta.date !== undefined && meta.status !== 'published' ? meta.date + (meta.dateOnly ? DAY : 0) : undefined;
  return {
    file: task.file,
    ...(cacheable ? { depends: { media: Object.fromEntries(checked.media ?? []), ...(pastFrom !== undefined ? { pastFrom } : {}) } } : {}),
    post: {
      ...(meta.title !== undefined ? { title: meta.title } : {}),
      ...(meta.date !== undefined ? { date: toZonedIso(meta.date, task.config.timezone) } : {}),
      ...(meta.status !== undefined ? { status: meta.status } : {}),
      platforms,
    },
    diagnostics,
  };
}

/** A finding without its fixes: copied only when it has some (a rest pattern copies each one, slowly). */
function withoutFixes(d: Diagnostic): Diagnostic {
  if (d.fixes === undefined) return d;
  const { code, severity, message, range, platform } = d;
  return platform === undefined ? { code, severity, message, range } : { code, severity, message, range, platform };
}

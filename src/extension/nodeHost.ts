import { realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gitBranches, gitRenames, gitTop, isCommit, NodeGit } from '../node/git';
import { NodeGitHistory } from '../node/gitHistory';
import { GitTree } from '../node/gitTree';
import { NodeHttp } from '../node/http';
import { NodeWorkspace } from '../node/workspace';
import { reviewDiff } from '../services/reviewDiff';
import type { Host } from './host';
import { fetchCalendarMetrics } from './metricsFetch';
import { ReportPanel } from './reportPanel';

/** Everything, in VS Code's Node extension host: files, git and the networks through Node. */
export function nodeHost(): Host {
  return {
    // Through workspace.fs each call is a round trip to the workbench (measured in code-server:
    // ~3.6 ms per stat, 36 s for 10,000 posts).
    localFiles: new NodeWorkspace(),
    git: (folder) => new NodeGit(folder),
    history: new NodeGitHistory(),
    http: new NodeHttp(),
    fetchMetrics: fetchCalendarMetrics,
    report: ReportPanel,
    branches: {
      top: gitTop,
      names: gitBranches,
      isCommit,
      async diff(top, revision, root, head, options) {
        const base = GitTree.open(top, revision);
        try {
          // git gives the top with symlinks resolved: so must the calendar's root be.
          return (await reviewDiff({ base, head }, [realpathSync(root)], top, gitRenames(top, revision), options)).diff;
        } finally {
          base.close();
        }
      },
      underCalendar(top, root, file) {
        const rel = relative(realpathSync(root), join(top, file));
        return rel.startsWith('..') ? undefined : rel.split(sep);
      },
    },
  };
}

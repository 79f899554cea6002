import type { CheckOutput } from './model';

/** The `--format json` contract (see README): posts, diagnostics, summary. */
export function formatJson(output: CheckOutput): string {
  return JSON.stringify(
    {
      posts: output.posts.map((p) => ({ file: p.file, title: p.title, date: p.date, status: p.status, platforms: p.platforms })),
      diagnostics: output.diagnostics,
      summary: output.summary,
    },
    null,
    2,
  );
}

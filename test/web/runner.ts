// A small BDD runner with mocha's interface (describe, it, before, after, beforeEach, afterEach,
// `this.timeout`), for the suites run in a browser's worker: mocha itself needs Node or a window.
// Tests run one at a time, in the order written; each has its timeout (30 s, as the Node run's).

type Done = () => unknown;
type Body = (this: { timeout(ms: number): void }) => unknown;

interface Suite {
  readonly title: string;
  readonly parent?: Suite;
  readonly children: Array<Suite | Test>;
  readonly before: Done[];
  readonly after: Done[];
  readonly beforeEach: Done[];
  readonly afterEach: Done[];
}

interface Test {
  readonly title: string;
  readonly body: Body;
  readonly parent: Suite;
}

const root: Suite = { title: '', children: [], before: [], after: [], beforeEach: [], afterEach: [] };
let current = root;

const g = globalThis as Record<string, unknown>;
g['describe'] = (title: string, define: () => void) => {
  const suite: Suite = { title, parent: current, children: [], before: [], after: [], beforeEach: [], afterEach: [] };
  current.children.push(suite);
  const outer = current;
  current = suite;
  try {
    define();
  } finally {
    current = outer;
  }
};
g['it'] = (title: string, body: Body) => current.children.push({ title, body, parent: current });
g['before'] = (hook: Done) => current.before.push(hook);
g['after'] = (hook: Done) => current.after.push(hook);
g['beforeEach'] = (hook: Done) => current.beforeEach.push(hook);
g['afterEach'] = (hook: Done) => current.afterEach.push(hook);

const TIMEOUT = 30_000;

/** Runs `body` with `this.timeout(ms)` available; rejects once its time is up. */
async function timed(body: Body): Promise<void> {
  let limit = TIMEOUT;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let restart: () => void = () => {};
  const expired = new Promise<never>((_, reject) => {
    restart = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => reject(new Error(`timed out after ${limit} ms`)), limit);
    };
    restart();
  });
  try {
    await Promise.race([Promise.resolve(body.call({ timeout: (ms) => ((limit = ms), restart()) })), expired]);
  } finally {
    clearTimeout(timer);
  }
}

const titleOf = (t: Suite | Test): string => [t.parent ? titleOf(t.parent) : '', t.title].filter(Boolean).join(' ');
const chain = (s: Suite | undefined): Suite[] => (s ? [...chain(s.parent), s] : []);

export interface Results {
  readonly passed: string[];
  readonly failed: Array<{ title: string; error: string }>;
}

/** Runs every suite defined so far; `log` gets mocha-like lines. */
export async function runAll(log: (line: string) => void): Promise<Results> {
  const results: Results = { passed: [], failed: [] };
  const failed = (title: string, error: unknown) => {
    results.failed.push({ title, error: String((error as Error)?.stack ?? error) });
    log(`  ✗ ${title}\n${String((error as Error)?.stack ?? error)}`);
  };
  const run = async (suite: Suite): Promise<void> => {
    if (suite.title) log(suite.title);
    try {
      for (const hook of suite.before) await timed(hook);
    } catch (error) {
      failed(`${titleOf(suite)} "before all" hook`, error);
      return;
    }
    for (const child of suite.children) {
      if ('children' in child) {
        await run(child);
        continue;
      }
      const title = titleOf(child);
      const started = Date.now();
      try {
        for (const s of chain(suite)) for (const hook of s.beforeEach) await timed(hook);
        await timed(child.body);
        results.passed.push(title);
        log(`  ✔ ${child.title} (${Date.now() - started}ms)`);
      } catch (error) {
        failed(title, error);
      }
      try {
        for (const s of chain(suite).reverse()) for (const hook of s.afterEach) await timed(hook);
      } catch (error) {
        failed(`${title} "after each" hook`, error);
      }
    }
    try {
      for (const hook of suite.after) await timed(hook);
    } catch (error) {
      failed(`${titleOf(suite)} "after all" hook`, error);
    }
  };
  await run(root);
  return results;
}

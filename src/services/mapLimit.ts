/**
 * Runs `work` on every item with at most `limit` running at once; results in the items' order. A
 * few files in flight hide the file system's latency while checking, which is synchronous, goes on.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  });
  await Promise.all(lanes);
  return results;
}

/**
 * Like `mapLimit`, but hands each result to `emit` in the items' order as soon as those before it
 * are done, and keeps none: a long run holds only the few results that finished early.
 */
export async function forEachInOrder<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>, emit: (result: R, index: number) => void | Promise<void>): Promise<void> {
  const done = new Map<number, R>();
  let next = 0;
  let emitted = 0;
  let emitting: Promise<void> = Promise.resolve();
  const flush = async () => {
    while (done.has(emitted)) {
      const result = done.get(emitted)!;
      done.delete(emitted);
      await emit(result, emitted++);
    }
  };
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      done.set(i, await work(items[i]!));
      // Emissions run one after another, in order, even when several lanes finish at once.
      emitting = emitting.then(flush);
      await emitting;
    }
  });
  await Promise.all(lanes);
  await emitting;
}

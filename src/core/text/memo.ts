/**
 * Remembers a function's results for the last few texts. A post's text is measured for up to ten
 * networks that share most of their entities; this keeps the work to once per text.
 * Results are shared: callers must treat them as read-only.
 */
export function memoizeByText<T>(fn: (text: string) => T, size = 16): (text: string) => T {
  const cache = new Map<string, T>();
  return (text: string) => {
    let value = cache.get(text);
    if (value === undefined && !cache.has(text)) {
      value = fn(text);
      if (cache.size >= size) cache.delete(cache.keys().next().value!);
      cache.set(text, value);
    }
    return value as T;
  };
}

/**
 * Remembers a function's results for the last few texts. A post's text is measured for up to ten
 * networks that share most of their entities; this keeps the work to once per text.
 * Results are shared: callers must treat them as read-only.
 */
export function memoizeByText<T>(fn: (text: string) => T, size = 16): (text: string) => T {
  // A ring of the last texts, searched newest first: the same string object usually comes back
  // (one text, several networks), and `===` on it costs less than hashing it into a Map.
  const texts: string[] = [];
  const values: T[] = [];
  let next = 0;
  return (text: string) => {
    for (let k = 0, i = next - 1; k < texts.length; k++, i--) {
      if (i < 0) i = texts.length - 1;
      if (texts[i] === text) return values[i]!;
    }
    const value = fn(text);
    texts[next] = text;
    values[next] = value;
    next = (next + 1) % size;
    return value;
  };
}

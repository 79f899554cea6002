import { hex, sha256 } from '../crypto/sha256';
import type { LintResult } from '../lint';
import { resolveMediaPath } from '../rules/mediaFiles';

/** Prefix of an approval hash, naming the algorithm (so that it may change one day). */
const PREFIX = 'sha256-';

/**
 * What an approval is pinned to: a hash of what each network would receive — the text of every
 * part, normalised (NFC, line ends, trailing spaces), per network in the post's order — with the
 * media (each file's content digest and alt text), the poll and the date. A reformat or a
 * comment that changes nothing sent keeps the hash; any change a reader would see changes it.
 * `digest` gives a media file's content digest (calendar-relative path), or undefined when it is
 * not known: then there is no hash (the caller cannot tell).
 *
 * @example approvalHash(result, (file) => digests.get(file)) // 'sha256-3f1c…' (32 hex digits)
 */
export function approvalHash(result: Pick<LintResult, 'post' | 'renders'>, digest: (calendarPath: string) => string | undefined): string | undefined {
  const { meta } = result.post;
  const media: Array<[string, string, string]> = [];
  for (const m of meta.media) {
    const file = resolveMediaPath(result.post.path, m.file) ?? m.file;
    // A link is its address: nothing to read.
    const content = /^[a-z][a-z0-9+.-]*:/i.test(m.file) ? m.file : digest(file);
    if (content === undefined) return undefined;
    media.push([file, content, normalise(m.alt ?? '')]);
  }
  const sent = {
    date: meta.date ?? null,
    networks: result.renders.map((r) => [r.platform, r.parts.map((p) => normalise(p.text))]),
    media,
    poll: meta.poll ? { options: meta.poll.options.map(normalise), duration: meta.poll.duration, question: meta.poll.question ?? null } : null,
  };
  return PREFIX + hex(sha256(JSON.stringify(sent))).slice(0, 32);
}

/** A media file's content digest, as `approvalHash` takes it. */
export function contentDigest(bytes: Uint8Array): string {
  return hex(sha256(bytes)).slice(0, 32);
}

/** Text as an approval sees it: NFC, LF line ends, no trailing spaces, trimmed. */
export function normalise(text: string): string {
  return text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').trim();
}

import assert from 'node:assert/strict';
import type { LintResult } from '../../src/core/lint';
import type { PlatformId, SentPart } from '../../src/core/model';
import type { Outgoing, OutgoingMedia } from '../../src/services/publish/sender';
import { SendError } from '../../src/services/publish/sender';

/** What a sender is given for a linted post and one of its networks, as the publisher builds it. */
export function outgoing(result: LintResult, network: PlatformId, extra: { media?: OutgoingMedia[]; sent?: SentPart[] } = {}): Outgoing {
  const render = result.renders.find((r) => r.platform === network);
  assert.ok(render, `the post has no ${network} render`);
  return { file: result.post.path, meta: result.post.meta, parts: render.parts, media: extra.media ?? [], sent: extra.sent ?? [], key: `${network}:${result.post.path}` };
}

/** An image held in memory, for a sender to upload. */
export function memoryImage(file: string, alt: string, bytes: Uint8Array, mime = 'image/png'): OutgoingMedia {
  return { file, alt, mime, size: bytes.length, bytes: async () => bytes };
}

/** Some bytes standing for an image (the stand-ins do not decode images). */
export function imageBytes(seed: number, length = 3000): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + seed * 7) % 256);
}

/** Sends, collecting every part reported as stored, in order. */
export async function sendAll(sender: { send(post: Outgoing, sent: (part: SentPart) => Promise<void>): Promise<void> }, post: Outgoing, into: SentPart[] = []): Promise<SentPart[]> {
  await sender.send(post, async (part) => {
    into.push(part);
  });
  return into;
}

/** The SendError a promise rejects with (fails when it resolves, or rejects with anything else). */
export async function sendError(promise: Promise<unknown>): Promise<SendError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof SendError, `expected a SendError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a SendError, but it succeeded');
}

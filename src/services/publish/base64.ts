/**
 * Bytes as base64 (RFC 4648, with padding), with the `btoa` every host has (Node, browsers,
 * web workers), in slices so that large images do not overflow the call stack.
 *
 * @example base64(new Uint8Array([104, 105])) // 'aGk='
 */
export function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

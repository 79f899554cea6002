/** One field of a `multipart/form-data` body: a text value, or a file. */
export type FormField =
  | { readonly name: string; readonly value: string }
  | { readonly name: string; readonly filename: string; readonly type: string; readonly bytes: Uint8Array };

/** A request body and the content type that announces its boundary. */
export interface MultipartBody {
  readonly contentType: string;
  readonly body: Uint8Array;
}

const utf8 = new TextEncoder();

/**
 * A `multipart/form-data` body (RFC 7578) built from bytes, so that it runs on any host (no
 * Node `FormData`, no `Blob`). The boundary is `edcal-` and `seed`, lengthened until it occurs
 * in no field.
 *
 * @example multipartBody([{ name: 'description', value: 'Un chat' }], 'post1')
 * // { contentType: 'multipart/form-data; boundary=edcal-post1', body: <the bytes> }
 */
export function multipartBody(fields: readonly FormField[], seed: string): MultipartBody {
  const contents = fields.map((f) => ('bytes' in f ? f.bytes : utf8.encode(f.value)));
  let boundary = `edcal-${seed.replace(/[^0-9A-Za-z_-]/g, '').slice(0, 50)}`;
  for (let n = 1; contents.some((c) => contains(c, utf8.encode(boundary))); n++) boundary = `${boundary.slice(0, 60)}-${n}`;
  const chunks: Uint8Array[] = [];
  fields.forEach((field, i) => {
    const disposition = `form-data; name="${quoted(field.name)}"${'bytes' in field ? `; filename="${quoted(field.filename)}"` : ''}`;
    const type = 'bytes' in field ? `\r\nContent-Type: ${field.type}` : '';
    chunks.push(utf8.encode(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`), contents[i]!, utf8.encode('\r\n'));
  });
  chunks.push(utf8.encode(`--${boundary}--\r\n`));
  const body = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.length;
  }
  return { contentType: `multipart/form-data; boundary=${boundary}`, body };
}

/** A name as the HTML standard writes it in a disposition header: quotes and line breaks escaped. */
function quoted(name: string): string {
  return name.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0]!;
  for (let i = haystack.indexOf(first); i !== -1 && i <= haystack.length - needle.length; i = haystack.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && haystack[i + j] === needle[j]) j++;
    if (j === needle.length) return true;
  }
  return false;
}

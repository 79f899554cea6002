import assert from 'node:assert/strict';
import { multipartBody } from '../../src/services/publish/multipart';

describe('multipart/form-data bodies', () => {
  it("reads back, through Node's own parser, exactly the fields written", async () => {
    const bytes = new TextEncoder().encode('\x89PNG\r\n\x1a\n--edcal-post1\r\n\u00ff');
    const { contentType, body } = multipartBody(
      [
        { name: 'file', filename: 'chat "roux".png', type: 'image/png', bytes },
        { name: 'description', value: 'Un chat « roux »\r\nsur deux lignes' },
      ],
      'post1',
    );
    assert.notEqual(contentType, 'multipart/form-data; boundary=edcal-post1', 'a boundary found in a field is lengthened');
    const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    const file = form.get('file') as File;
    assert.equal(file.name, 'chat "roux".png', 'quotes escaped as the HTML standard does, and read back');
    assert.equal(file.type, 'image/png');
    assert.deepEqual(new Uint8Array(await file.arrayBuffer()), bytes);
    assert.equal(form.get('description'), 'Un chat « roux »\r\nsur deux lignes');
  });
});

import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { hex, hmacSha256, sha256 } from '../../src/core/crypto/sha256';

/** The hand-written SHA-256 and HMAC that sign webhook bodies, against Node's own. */
describe('SHA-256 and HMAC-SHA256 (src/core/crypto)', () => {
  const bytes = (maxLength: number) => fc.uint8Array({ maxLength });

  it('hashes every byte string as Node does (property, lengths across block and padding edges)', () => {
    fc.assert(
      fc.property(bytes(300), (data) => {
        assert.equal(hex(sha256(data)), createHash('sha256').update(data).digest('hex'));
      }),
      { numRuns: 500 },
    );
    // Every length around the 55/56/64-byte padding edges, once.
    for (let n = 0; n <= 130; n++) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 7 + n) % 256);
      assert.equal(hex(sha256(data)), createHash('sha256').update(data).digest('hex'), `length ${n}`);
    }
  });

  it('signs as crypto.createHmac does, for random keys (shorter and longer than a block) and messages (property)', () => {
    fc.assert(
      fc.property(bytes(200), bytes(400), (key, message) => {
        assert.equal(hex(hmacSha256(key, message)), createHmac('sha256', key).update(message).digest('hex'));
      }),
      { numRuns: 500 },
    );
  });

  it('takes strings as their UTF-8 bytes, as Node does (property, any UTF-16, lone surrogates too)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 200 }), (key, message) => {
        assert.equal(hex(hmacSha256(key, message)), createHmac('sha256', key).update(message, 'utf8').digest('hex'));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the published test vectors (FIPS 180-4, RFC 4231)', () => {
    assert.equal(hex(sha256('abc')), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(hex(sha256('')), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    // RFC 4231 test case 2, and case 6 (a 131-byte key, hashed first).
    assert.equal(hex(hmacSha256('Jefe', 'what do ya want for nothing?')), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    assert.equal(
      hex(hmacSha256(new Uint8Array(131).fill(0xaa), 'Test Using Larger Than Block-Size Key - Hash Key First')),
      '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
    );
  });

  it('hashes a megabyte, more than any post, as Node does', () => {
    const data = new Uint8Array(1 << 20).fill(7);
    assert.equal(hex(sha256(data)), createHash('sha256').update(data).digest('hex'));
  });
});

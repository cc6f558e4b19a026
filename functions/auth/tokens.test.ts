import { describe, expect, it } from 'vitest';
import { constantTimeEqual, hashToken, mintToken, tokenId } from './tokens.ts';

describe('tokens', () => {
  it('mints distinct well-formed tokens whose hash is what is stored', async () => {
    const a = await mintToken();
    const b = await mintToken();
    expect(a.token).not.toBe(b.token);
    expect(tokenId(a.token)).toBe(a.id);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashToken(a.token)).toBe(a.hash);
    // The secret is everything after the id: base64url, so it may itself hold '_'.
    const secret = a.token.slice(`vx_${a.id}_`.length);
    expect(secret).toHaveLength(43);
    expect(a.hash).not.toContain(secret);
  });

  it('rejects anything that is not a token', () => {
    for (const value of ['', 'vx_', 'vx_abc_def', 'Bearer x', `vx_${'g'.repeat(12)}_${'a'.repeat(43)}`]) {
      expect(tokenId(value)).toBeNull();
    }
  });

  it('compares in full', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'ab')).toBe(false);
    expect(constantTimeEqual('', 'a')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});

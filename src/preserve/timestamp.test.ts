import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestTsa } from '../../test/support/test-tsa.js';
import type { TestTsa } from '../../test/support/test-tsa.js';
import {
  describeTimestampToken,
  rfc3161Client,
  TimestampError,
  timestampRequest,
  verifyTimestampToken,
} from './timestamp.js';
import type { TimestampPost, TimestampToken } from './timestamp.js';

const run = promisify(execFile);
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The caller's safe fetcher is injected in production; tests post with fetch over loopback. */
const post: TimestampPost = async (url, body, headers) => {
  const response = await fetch(url, { method: 'POST', body: new Uint8Array(body), headers });
  return { status: response.status, headers: [...response.headers], body: new Uint8Array(await response.arrayBuffer()) };
};

let tsa: TestTsa;
let other: TestTsa;
let hash: string;
let stamped: TimestampToken;

beforeAll(async () => {
  // `other` uses a different root, ESS SigningCertificateV2 and no CA certificate in its tokens.
  [tsa, other] = await Promise.all([startTestTsa(), startTestTsa(undefined, { essCertIdAlg: 'sha256', includeChain: false })]);
  hash = sha256('evidence bundle manifest');
  stamped = await rfc3161Client({ url: tsa.url, post }).stamp(hash);
});

afterAll(async () => {
  await Promise.all([tsa?.stop(), other?.stop()]);
});

describe('timestampRequest', () => {
  it('builds a DER TimeStampReq that openssl reads', async () => {
    const der = timestampRequest(hash, 0xfedcba9876543210n);
    const file = path.join(tsa.dir, 'own.tsq');
    await writeFile(file, der);
    const { stdout } = await run('/usr/bin/openssl', ['ts', '-query', '-in', file, '-text']);
    expect(stdout).toMatch(/Version: 1/);
    expect(stdout).toMatch(/Hash Algorithm: sha256/);
    expect(stdout.replace(/[\s-]/g, '').toLowerCase()).toContain(hash.slice(0, 32));
    expect(stdout).toMatch(/Nonce: 0xFEDCBA9876543210/i);
    expect(stdout).toMatch(/Certificate required: yes/);
    expect(() => timestampRequest('abc', 1n)).toThrow(/SHA-256/);
    expect(() => timestampRequest(hash, 0n)).toThrow(/positive/);
  });
});

describe('rfc3161Client against a local openssl TSA', () => {
  it('returns a token with genTime, serial and policy', () => {
    expect(stamped.tsa).toBe(tsa.url);
    expect(stamped.hashAlgorithm).toBe('sha256');
    expect(stamped.policy).toBe('1.3.6.1.4.1.99999.1.1');
    expect(stamped.serial).toMatch(/^[0-9a-f]+$/);
    expect(Math.abs(Date.parse(stamped.genTime) - Date.now())).toBeLessThan(60_000);
    expect(stamped.genTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(describeTimestampToken(stamped.token)).toMatchObject({ genTime: stamped.genTime, serial: stamped.serial, hashAlgorithm: 'sha256', hashedMessage: hash });
  });

  it('asks for a policy when configured', async () => {
    const token = await rfc3161Client({ url: tsa.url, post, policy: '1.3.6.1.4.1.99999.1.2' }).stamp(sha256('x'));
    expect(token.policy).toBe('1.3.6.1.4.1.99999.1.2');
  });

  it('verifies with the TSA root (PEM or DER), and without roots as unchecked', async () => {
    expect(await verifyTimestampToken(stamped.token, hash, { trustedCerts: [Buffer.from(tsa.caCertPem)] })).toEqual({
      ok: true,
      genTime: stamped.genTime,
      chain: 'trusted',
      problem: null,
    });
    expect((await verifyTimestampToken(stamped.token, hash.toUpperCase(), { trustedCerts: [tsa.caCertDer] })).chain).toBe('trusted');
    expect(await verifyTimestampToken(stamped.token, hash, {})).toEqual({ ok: true, genTime: stamped.genTime, chain: 'unchecked', problem: null });
    // The TSA certificate itself may be pinned instead of its root.
    expect((await verifyTimestampToken(stamped.token, hash, { trustedCerts: [Buffer.from(tsa.tsaCertPem)] })).chain).toBe('trusted');
  });

  it('fails against a different root even though the token carries its own', async () => {
    const result = await verifyTimestampToken(stamped.token, hash, { trustedCerts: [other.caCertDer] });
    expect(result).toMatchObject({ ok: false, chain: 'untrusted', genTime: stamped.genTime });
    expect(result.problem).toMatch(/certificate chain does not reach a trusted certificate/);

    const foreign = await rfc3161Client({ url: other.url, post }).stamp(hash); // ESS V2, no CA in the token
    expect((await verifyTimestampToken(foreign.token, hash, { trustedCerts: [other.caCertDer] })).chain).toBe('trusted');
    expect(await verifyTimestampToken(foreign.token, hash, { trustedCerts: [tsa.caCertDer] })).toMatchObject({ ok: false, chain: 'untrusted' });
    // Both roots trusted: fine.
    expect((await verifyTimestampToken(foreign.token, hash, { trustedCerts: [tsa.caCertDer, Buffer.from(other.caCertPem)] })).ok).toBe(true);
  });

  it('fails for a different hash', async () => {
    expect(await verifyTimestampToken(stamped.token, sha256('something else'), { trustedCerts: [tsa.caCertDer] })).toMatchObject({
      ok: false,
      problem: 'token is for a different hash',
    });
    expect((await verifyTimestampToken(stamped.token, 'not-a-hash')).ok).toBe(false);
  });

  it('fails for a tampered token', async () => {
    const token = Buffer.from(stamped.token);
    const check = async (bytes: Uint8Array): Promise<string | null> => {
      const result = await verifyTimestampToken(bytes, hash, { trustedCerts: [tsa.caCertDer] });
      expect(result.ok).toBe(false);
      return result.problem;
    };
    // A digit of genTime inside the signed TSTInfo.
    const genTimeText = Buffer.from(stamped.genTime.slice(0, 4)); // "2026…" as GeneralizedTime starts with the year
    const at = token.indexOf(genTimeText);
    const tst = Buffer.from(token);
    tst[at + 3] = tst[at + 3] === 0x30 ? 0x31 : 0x30;
    expect(await check(tst)).toBe('signed message digest does not match the TSTInfo');
    // The signature value (the last bytes of the token).
    const sig = Buffer.from(token);
    sig[sig.length - 3]! ^= 0x01;
    expect(await check(sig)).toMatch(/signature/);
    // The TSA certificate carried in the token.
    const tsaDer = Buffer.from(tsa.tsaCertPem.replace(/-----[A-Z ]+-----|\s+/g, ''), 'base64');
    const certAt = token.indexOf(tsaDer);
    expect(certAt).toBeGreaterThan(0);
    const cert = Buffer.from(token);
    cert[certAt + tsaDer.length - 10]! ^= 0x01;
    expect(await check(cert)).not.toBeNull();
    // Truncated and garbage tokens.
    expect(await check(token.subarray(0, token.length - 20))).toMatch(/not DER/);
    expect(await check(Buffer.from('garbage'))).toMatch(/not DER|ContentInfo/);
  });

  it('produces tokens that openssl ts -verify accepts', async () => {
    const file = path.join(tsa.dir, 'token.der');
    await writeFile(file, stamped.token);
    const ca = path.join(tsa.dir, 'ca.pem');
    const { stdout } = await run('/usr/bin/openssl', ['ts', '-verify', '-digest', hash, '-token_in', '-in', file, '-CAfile', ca]);
    expect(stdout).toMatch(/Verification: OK/);
    const otherCa = path.join(other.dir, 'ca.pem');
    await expect(run('/usr/bin/openssl', ['ts', '-verify', '-digest', hash, '-token_in', '-in', file, '-CAfile', otherCa])).rejects.toThrow();
  });
});

describe('rfc3161Client failures', () => {
  const url = 'https://tsa.example.org/tsr';
  const answer =
    (status: number, body: Uint8Array, contentType = 'application/timestamp-reply'): TimestampPost =>
    () =>
      Promise.resolve({ status, headers: [['Content-Type', contentType]], body });
  const stamp = (p: TimestampPost): Promise<TimestampToken> => rfc3161Client({ url, post: p }).stamp(hash);

  async function failure(p: TimestampPost): Promise<TimestampError> {
    const error = await stamp(p).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TimestampError);
    const te = error as TimestampError;
    expect(te.message).toContain(`TSA ${url}: `);
    expect(te.message).not.toMatch(/\n/);
    expect(te.tsa).toBe(url);
    return te;
  }

  it('rejects HTTP errors, wrong content types and garbage', async () => {
    expect((await failure(answer(500, Buffer.from('Internal Server Error'), 'text/plain'))).message).toMatch(/answered HTTP 500$/);
    expect((await failure(answer(200, Buffer.from('<html>hi</html>'), 'text/html'))).message).toMatch(/content type text\/html/);
    expect((await failure(answer(200, Buffer.from('garbage\n\n')))).message).toMatch(/answer is not DER|not a TimeStampResp/);
    expect((await failure(answer(200, new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00])))).message).toMatch(/not a TimeStampResp/);
    expect((await failure(() => Promise.reject(new Error('connect ECONNREFUSED\n127.0.0.1:1')))).message).toMatch(
      /request failed: connect ECONNREFUSED 127\.0\.0\.1:1$/,
    );
  });

  it('reports a rejection status with its reason', async () => {
    const rejection = new pkijs.TimeStampResp({
      status: new pkijs.PKIStatusInfo({
        status: pkijs.PKIStatus.rejection,
        statusStrings: [new asn1js.Utf8String({ value: 'unsupported algorithm' })],
        failInfo: new asn1js.BitString({ valueHex: new Uint8Array([0x80]).buffer, unusedBits: 7 }),
      }),
    });
    const body = new Uint8Array(rejection.toSchema().toBER());
    expect((await failure(answer(200, body))).message).toMatch(/refused the request: rejection \(badAlg\): unsupported algorithm$/);
    const granted = new pkijs.TimeStampResp({ status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted }) });
    expect((await failure(answer(200, new Uint8Array(granted.toSchema().toBER())))).message).toMatch(/sent no token/);
  });

  it('rejects a token whose nonce or imprint is not the request’s', async () => {
    const old = await post(tsa.url, timestampRequest(hash, 7n), {});
    const reused = answer(200, old.body);
    expect((await failure(reused)).message).toMatch(/nonce does not match/);

    // Forward the request with the same nonce but another hash.
    const swapped: TimestampPost = async (_u, body, headers) => {
      const request = pkijs.TimeStampReq.fromBER(new Uint8Array(body));
      return post(tsa.url, timestampRequest(sha256('other'), request.nonce!.toBigInt()), headers);
    };
    expect((await failure(swapped)).message).toMatch(/different hash/);
  });
});

import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/**
 * RFC 3161 trusted timestamps: build a request for a SHA-256 hash, send it through an injected
 * `post` function, check the answer, and verify a stored token later against the hash alone.
 *
 * Verification is done here step by step rather than with pkijs `SignedData.verify()` /
 * `TimeStampResp.verify()`: those need the original bytes (not their hash) and skip the chain
 * unless `checkChain` is set. Checked: the token is a CMS SignedData holding a TSTInfo, its
 * message imprint is SHA-256 of the given hash, the signer's signed attributes (content type,
 * message digest, ESS signing certificate) match, the signature verifies with the signer
 * certificate's key, the signer certificate is a time-stamping certificate (extendedKeyUsage
 * timeStamping, critical) valid at genTime, and — when trusted certificates are given — that a
 * chain from the signer reaches one of them (pkijs CertificateChainValidationEngine, evaluated at
 * genTime). Not checked: revocation (no CRL/OCSP fetching), certificate policies.
 */

const OID = {
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  rsaEncryption: '1.2.840.113549.1.1.1',
  subjectKeyIdentifier: '2.5.29.14',
  extKeyUsage: '2.5.29.37',
  timeStamping: '1.3.6.1.5.5.7.3.8',
} as const;

const HASH_BY_OID: Record<string, { node: string; webcrypto: string }> = {
  [OID.sha1]: { node: 'sha1', webcrypto: 'SHA-1' },
  [OID.sha256]: { node: 'sha256', webcrypto: 'SHA-256' },
  [OID.sha384]: { node: 'sha384', webcrypto: 'SHA-384' },
  [OID.sha512]: { node: 'sha512', webcrypto: 'SHA-512' },
};

export interface TimestampToken {
  /** DER TimeStampToken (ContentInfo holding SignedData), exactly as the TSA sent it. */
  token: Uint8Array;
  /** genTime from the token, ISO-8601 UTC. */
  genTime: string;
  /** Serial number from the token, lowercase hex without leading zero bytes. */
  serial: string;
  /** TSA policy OID under which the token was issued. */
  policy: string;
  /** URL of the TSA that issued it. */
  tsa: string;
  hashAlgorithm: 'sha256';
}

export interface TimestampVerification {
  ok: boolean;
  genTime: string | null;
  /** `unchecked` when no trusted certificates were given. */
  chain: 'trusted' | 'untrusted' | 'unchecked';
  /** One line saying why `ok` is false; null when ok. */
  problem: string | null;
}

export type TimestampPost = (
  url: string,
  body: Uint8Array,
  headers: Record<string, string>,
) => Promise<{ status: number; headers: Array<[string, string]>; body: Uint8Array }>;

/** A TSA that could not be used or whose answer was not acceptable; `message` is one line naming the TSA. */
export class TimestampError extends Error {
  constructor(
    message: string,
    readonly tsa: string,
  ) {
    super(message);
    this.name = 'TimestampError';
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}

function hashBytes(sha256Hex: string): Uint8Array {
  if (!/^[0-9a-f]{64}$/i.test(sha256Hex)) throw new TypeError(`not a SHA-256 hex digest: ${sha256Hex}`);
  return new Uint8Array(Buffer.from(sha256Hex, 'hex'));
}

function toHex(view: Uint8Array): string {
  return Buffer.from(view).toString('hex');
}

/** DER of a TimeStampReq: version 1, SHA-256 message imprint (parameters absent, RFC 5754), nonce, certReq true. */
export function timestampRequest(sha256Hex: string, nonce: bigint, policy?: string): Uint8Array {
  if (nonce <= 0n) throw new RangeError('nonce must be positive');
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: hashBytes(sha256Hex) }),
    }),
    ...(policy ? { reqPolicy: policy } : {}),
    nonce: asn1js.Integer.fromBigInt(nonce),
    certReq: true,
  });
  return new Uint8Array(request.toSchema().toBER(false));
}

// ---------------------------------------------------------------------------------------------
// Token parsing

interface ParsedToken {
  signedData: pkijs.SignedData;
  tstInfo: pkijs.TSTInfo;
  /** The TSTInfo bytes the signature covers. */
  eContent: Uint8Array;
}

/** Parses DER with nothing after it; the problem as a string otherwise. */
function parseDer(bytes: Uint8Array, what: string): asn1js.AsnType | string {
  const parsed = asn1js.fromBER(bytes);
  if (parsed.offset === -1) return `${what} is not DER/BER (${parsed.result.error})`;
  if (parsed.offset !== bytes.byteLength) return `${what} has ${bytes.byteLength - parsed.offset} bytes of trailing data`;
  return parsed.result;
}

function parseToken(token: Uint8Array): ParsedToken | string {
  const asn = parseDer(token, 'token');
  if (typeof asn === 'string') return asn;
  let contentInfo: pkijs.ContentInfo;
  try {
    contentInfo = new pkijs.ContentInfo({ schema: asn });
  } catch {
    return 'token is not a CMS ContentInfo';
  }
  if (contentInfo.contentType !== OID.signedData) return `token content type is ${contentInfo.contentType}, not SignedData`;
  let signedData: pkijs.SignedData;
  try {
    signedData = new pkijs.SignedData({ schema: contentInfo.content });
  } catch {
    return 'token does not hold a valid SignedData';
  }
  if (signedData.encapContentInfo.eContentType !== OID.tstInfo) return 'token does not hold a TSTInfo';
  const eContent = signedData.encapContentInfo.eContent;
  if (!eContent) return 'token has no TSTInfo content';
  const eContentBytes = new Uint8Array(eContent.getValue());
  try {
    return { signedData, tstInfo: pkijs.TSTInfo.fromBER(eContentBytes), eContent: eContentBytes };
  } catch {
    return 'token TSTInfo cannot be parsed';
  }
}

/** Reads the fields of a token without verifying it (for display and indexing). */
export function describeTimestampToken(
  token: Uint8Array,
): { genTime: string; serial: string; policy: string; hashAlgorithm: string; hashedMessage: string; nonce: string | null } {
  const parsed = parseToken(token);
  if (typeof parsed === 'string') throw new TypeError(parsed);
  const { tstInfo } = parsed;
  return {
    genTime: tstInfo.genTime.toISOString(),
    serial: serialHex(tstInfo.serialNumber),
    policy: tstInfo.policy,
    hashAlgorithm: HASH_BY_OID[tstInfo.messageImprint.hashAlgorithm.algorithmId]?.node ?? tstInfo.messageImprint.hashAlgorithm.algorithmId,
    hashedMessage: toHex(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView),
    nonce: tstInfo.nonce ? tstInfo.nonce.toBigInt().toString() : null,
  };
}

function serialHex(serial: asn1js.Integer): string {
  const hex = toHex(serial.valueBlock.valueHexView).replace(/^(?:00)+(?=..)/, '');
  return hex || '00';
}

function imprintProblem(tstInfo: pkijs.TSTInfo, expected: Uint8Array): string | null {
  const algorithm = tstInfo.messageImprint.hashAlgorithm.algorithmId;
  if (algorithm !== OID.sha256) return `token imprint uses hash algorithm ${algorithm}, not SHA-256`;
  const actual = tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView;
  if (!Buffer.from(actual).equals(Buffer.from(expected))) return 'token is for a different hash';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Certificates

/** DER of a parsed certificate; re-encoding through pkijs is slow, so it is done once per object. */
const derCache = new WeakMap<pkijs.Certificate, Uint8Array>();
function certificateDer(cert: pkijs.Certificate): Uint8Array {
  let der = derCache.get(cert);
  if (!der) {
    der = new Uint8Array(cert.toSchema().toBER(false));
    derCache.set(cert, der);
  }
  return der;
}

function sameCertificate(a: pkijs.Certificate, b: pkijs.Certificate): boolean {
  return Buffer.from(certificateDer(a)).equals(Buffer.from(certificateDer(b)));
}

/** DER or PEM (one or more CERTIFICATE blocks) → certificates. */
function parseCertificates(inputs: Uint8Array[]): pkijs.Certificate[] | string {
  const out: pkijs.Certificate[] = [];
  for (const [index, input] of inputs.entries()) {
    const text = Buffer.from(input).toString('latin1');
    const ders: Uint8Array[] = text.includes('-----BEGIN CERTIFICATE-----')
      ? [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map(
          (m) => new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')),
        )
      : [input];
    for (const der of ders) {
      try {
        out.push(pkijs.Certificate.fromBER(new Uint8Array(der)));
      } catch {
        return `trusted certificate ${index + 1} cannot be parsed`;
      }
    }
  }
  return out;
}

function tokenCertificates(signedData: pkijs.SignedData): pkijs.Certificate[] {
  return (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
}

function findSigner(signerInfo: pkijs.SignerInfo, candidates: pkijs.Certificate[]): pkijs.Certificate | null {
  const sid = signerInfo.sid as unknown;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return candidates.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber)) ?? null;
  }
  // [0] SubjectKeyIdentifier
  const block = sid as asn1js.Constructed & asn1js.Primitive;
  const inner = block.idBlock.isConstructed ? (block.valueBlock.value[0] as asn1js.OctetString | undefined) : block;
  const keyId = inner ? Buffer.from(inner.valueBlock.valueHexView) : null;
  if (!keyId) return null;
  return (
    candidates.find((c) => {
      const ski = c.extensions?.find((e) => e.extnID === OID.subjectKeyIdentifier)?.parsedValue as asn1js.OctetString | undefined;
      if (ski && Buffer.from(ski.valueBlock.valueHexView).equals(keyId)) return true;
      const keyHash = createHash('sha1').update(c.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).digest();
      return keyHash.equals(keyId);
    }) ?? null
  );
}

function attributeValue(signerInfo: pkijs.SignerInfo, type: string): asn1js.AsnType | undefined {
  const attributes = signerInfo.signedAttrs?.attributes ?? [];
  const found = attributes.find((a) => a.type === type);
  return found?.values[0] as asn1js.AsnType | undefined;
}

/** Checks the ESS SigningCertificate(V2) attribute names the signer certificate (RFC 3161 §2.4.1, RFC 5816). */
function essProblem(signerInfo: pkijs.SignerInfo, signer: pkijs.Certificate): string | null {
  const v2 = attributeValue(signerInfo, OID.signingCertificateV2);
  const v1 = v2 ? undefined : attributeValue(signerInfo, OID.signingCertificate);
  const value = (v2 ?? v1) as asn1js.Sequence | undefined;
  if (!value) return 'token has no ESS signing-certificate attribute';
  try {
    const certs = value.valueBlock.value[0] as asn1js.Sequence;
    const first = certs.valueBlock.value[0] as asn1js.Sequence;
    let hashOid: string = OID.sha1;
    let certHash = first.valueBlock.value[0] as asn1js.OctetString;
    if (v2) {
      hashOid = OID.sha256;
      if (first.valueBlock.value[0] instanceof asn1js.Sequence) {
        hashOid = new pkijs.AlgorithmIdentifier({ schema: first.valueBlock.value[0] }).algorithmId;
        certHash = first.valueBlock.value[1] as asn1js.OctetString;
      }
    }
    const hash = HASH_BY_OID[hashOid];
    if (!hash) return `ESS signing-certificate attribute uses unknown hash ${hashOid}`;
    const actual = createHash(hash.node).update(certificateDer(signer)).digest();
    if (!actual.equals(Buffer.from(certHash.valueBlock.valueHexView))) return 'ESS signing-certificate attribute names a different certificate';
    return null;
  } catch {
    return 'ESS signing-certificate attribute cannot be parsed';
  }
}

function timeStampingProblem(cert: pkijs.Certificate): string | null {
  const eku = cert.extensions?.find((e) => e.extnID === OID.extKeyUsage);
  const purposes = (eku?.parsedValue as pkijs.ExtKeyUsage | undefined)?.keyPurposes ?? [];
  if (!eku || !purposes.includes(OID.timeStamping)) return 'signer certificate is not a time-stamping certificate';
  if (!eku.critical) return 'signer certificate extendedKeyUsage is not critical';
  return null;
}

async function signatureProblem(parsed: ParsedToken, signerInfo: pkijs.SignerInfo, signer: pkijs.Certificate): Promise<string | null> {
  if (!signerInfo.signedAttrs) return 'token signer has no signed attributes';
  const contentType = attributeValue(signerInfo, OID.contentType) as asn1js.ObjectIdentifier | undefined;
  if (!contentType || contentType.valueBlock.toString() !== OID.tstInfo) return 'signed content-type attribute is not TSTInfo';
  const messageDigest = attributeValue(signerInfo, OID.messageDigest) as asn1js.OctetString | undefined;
  if (!messageDigest) return 'token signer has no message-digest attribute';
  const digest = HASH_BY_OID[signerInfo.digestAlgorithm.algorithmId];
  if (!digest) return `token signer uses unsupported digest ${signerInfo.digestAlgorithm.algorithmId}`;
  const actual = createHash(digest.node).update(parsed.eContent).digest();
  if (!actual.equals(Buffer.from(messageDigest.valueBlock.valueHexView))) return 'signed message digest does not match the TSTInfo';
  const crypto = pkijs.getCrypto(true);
  try {
    const ok = await crypto.verifyWithPublicKey(
      signerInfo.signedAttrs.encodedValue,
      signerInfo.signature,
      signer.subjectPublicKeyInfo,
      signerInfo.signatureAlgorithm,
      signerInfo.signatureAlgorithm.algorithmId === OID.rsaEncryption ? digest.webcrypto : undefined,
    );
    return ok ? null : 'token signature does not verify';
  } catch (error) {
    return `token signature cannot be checked (${oneLine((error as Error).message)})`;
  }
}

async function chainProblem(
  signer: pkijs.Certificate,
  others: pkijs.Certificate[],
  trusted: pkijs.Certificate[],
  at: Date,
): Promise<string | null> {
  if (trusted.some((t) => sameCertificate(t, signer))) return null; // the TSA certificate itself is pinned
  const intermediates = others.filter((c) => !sameCertificate(c, signer) && !trusted.some((t) => sameCertificate(t, c)));
  const engine = new pkijs.CertificateChainValidationEngine({ trustedCerts: trusted, certs: [...intermediates, signer], checkDate: at });
  try {
    const result = await engine.verify();
    return result.result ? null : `certificate chain does not reach a trusted certificate (${oneLine(result.resultMessage)})`;
  } catch (error) {
    const message = error instanceof Error ? error.message : ((error as { resultMessage?: string }).resultMessage ?? String(error));
    return `certificate chain does not reach a trusted certificate (${oneLine(message)})`;
  }
}

/**
 * Verifies a stored token against the SHA-256 (hex) of the timestamped data. Never throws:
 * any failure is `ok: false` with a one-line `problem`. With `trustedCerts` (DER or PEM; a PEM
 * may hold several), the signer's chain must reach one of them (`chain: 'trusted'`), else
 * `chain: 'untrusted'` and `ok: false`.
 */
export async function verifyTimestampToken(
  token: Uint8Array,
  sha256Hex: string,
  options: { trustedCerts?: Uint8Array[] } = {},
): Promise<TimestampVerification> {
  const wantChain = (options.trustedCerts?.length ?? 0) > 0;
  let genTime: string | null = null;
  const fail = (problem: string, chain: TimestampVerification['chain'] = wantChain ? 'untrusted' : 'unchecked'): TimestampVerification => ({
    ok: false,
    genTime,
    chain,
    problem,
  });
  try {
    if (!/^[0-9a-f]{64}$/i.test(sha256Hex)) return fail('hash is not a SHA-256 hex digest');
    const parsed = parseToken(token);
    if (typeof parsed === 'string') return fail(parsed);
    const { signedData, tstInfo } = parsed;
    genTime = tstInfo.genTime.toISOString();
    const imprint = imprintProblem(tstInfo, hashBytes(sha256Hex));
    if (imprint) return fail(imprint);

    if (signedData.signerInfos.length !== 1) return fail(`token has ${signedData.signerInfos.length} signers, not 1`);
    const signerInfo = signedData.signerInfos[0]!;
    const carried = tokenCertificates(signedData);
    const trusted = wantChain ? parseCertificates(options.trustedCerts!) : [];
    if (typeof trusted === 'string') return fail(trusted);
    const signer = findSigner(signerInfo, [...carried, ...trusted]);
    if (!signer) return fail('signer certificate is neither in the token nor among the trusted certificates');

    const problem =
      (await signatureProblem(parsed, signerInfo, signer)) ??
      essProblem(signerInfo, signer) ??
      timeStampingProblem(signer) ??
      (signer.notBefore.value > tstInfo.genTime || signer.notAfter.value < tstInfo.genTime
        ? 'signer certificate was not valid at genTime'
        : null);
    if (problem) return fail(problem);

    if (!wantChain) return { ok: true, genTime, chain: 'unchecked', problem: null };
    const chain = await chainProblem(signer, carried, trusted, tstInfo.genTime);
    if (chain) return fail(chain, 'untrusted');
    return { ok: true, genTime, chain: 'trusted', problem: null };
  } catch (error) {
    return fail(`token cannot be verified (${oneLine((error as Error).message)})`);
  }
}

// ---------------------------------------------------------------------------------------------
// Client

const STATUS_NAMES = ['granted', 'grantedWithMods', 'rejection', 'waiting', 'revocationWarning', 'revocationNotification'];
const FAILURE_NAMES: Record<number, string> = {
  0: 'badAlg',
  2: 'badRequest',
  5: 'badDataFormat',
  14: 'timeNotAvailable',
  15: 'unacceptedPolicy',
  16: 'unacceptedExtension',
  17: 'addInfoNotAvailable',
  25: 'systemFailure',
};

function failureNames(failInfo: asn1js.BitString | undefined): string[] {
  if (!failInfo) return [];
  const bytes = failInfo.valueBlock.valueHexView;
  const names: string[] = [];
  for (let bit = 0; bit < bytes.length * 8; bit += 1) {
    if (bytes[bit >> 3]! & (0x80 >> (bit & 7))) names.push(FAILURE_NAMES[bit] ?? `bit${bit}`);
  }
  return names;
}

function headerValue(headers: Array<[string, string]>, name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([k]) => k.toLowerCase() === lower)?.[1];
}

function randomNonce(): bigint {
  const value = BigInt(`0x${randomBytes(8).toString('hex')}`);
  return value === 0n ? 1n : value;
}

/**
 * An RFC 3161 client over an injected `post` (the caller supplies the project's safe fetcher).
 * `stamp` checks HTTP status, content type, PKIStatus, nonce, message imprint, requested policy,
 * and that the token's signature verifies (the chain is for `verifyTimestampToken` with the
 * caller's trusted certificates). Failures throw `TimestampError`.
 */
export function rfc3161Client(options: { url: string; post: TimestampPost; policy?: string }): {
  stamp(sha256Hex: string): Promise<TimestampToken>;
} {
  const { url } = options;
  const error = (message: string): TimestampError => new TimestampError(`TSA ${url}: ${oneLine(message)}`, url);
  return {
    async stamp(sha256Hex) {
      const expected = hashBytes(sha256Hex);
      const nonce = randomNonce();
      const query = timestampRequest(sha256Hex, nonce, options.policy);
      let response: Awaited<ReturnType<TimestampPost>>;
      try {
        response = await options.post(url, query, {
          'Content-Type': 'application/timestamp-query',
          Accept: 'application/timestamp-reply',
        });
      } catch (e) {
        throw error(`request failed: ${(e as Error).message}`);
      }
      if (response.status !== 200) throw error(`answered HTTP ${response.status}`);
      const contentType = headerValue(response.headers, 'content-type');
      const media = contentType?.split(';')[0]!.trim().toLowerCase();
      if (media !== 'application/timestamp-reply' && media !== 'application/timestamp-response') {
        throw error(`answered with content type ${contentType ?? '(none)'}, not application/timestamp-reply`);
      }

      const asn = parseDer(response.body, 'answer');
      if (typeof asn === 'string') throw error(asn);
      let reply: pkijs.TimeStampResp;
      try {
        reply = new pkijs.TimeStampResp({ schema: asn });
      } catch {
        throw error('answer is not a TimeStampResp');
      }
      const status = reply.status.status as number;
      if (status !== 0 && status !== 1) {
        const text = (reply.status.statusStrings ?? []).map((s) => s.valueBlock.value).join('; ');
        const failures = failureNames(reply.status.failInfo);
        throw error(
          `refused the request: ${STATUS_NAMES[status] ?? `status ${status}`}` +
            (failures.length ? ` (${failures.join(', ')})` : '') +
            (text ? `: ${text}` : ''),
        );
      }
      // The token exactly as sent: the second element of the TimeStampResp sequence.
      const tokenAsn = (asn as asn1js.Sequence).valueBlock.value[1];
      if (!reply.timeStampToken || !tokenAsn) throw error('granted the request but sent no token');
      const token = new Uint8Array(tokenAsn.valueBeforeDecodeView);

      const parsed = parseToken(token);
      if (typeof parsed === 'string') throw error(parsed);
      const { tstInfo } = parsed;
      if (!tstInfo.nonce || tstInfo.nonce.toBigInt() !== nonce) throw error('token nonce does not match the request');
      const imprint = imprintProblem(tstInfo, expected);
      if (imprint) throw error(imprint);
      if (options.policy && tstInfo.policy !== options.policy) throw error(`token policy ${tstInfo.policy} is not the requested ${options.policy}`);
      const check = await verifyTimestampToken(token, sha256Hex);
      if (!check.ok) throw error(`token does not verify: ${check.problem}`);

      return {
        token,
        genTime: tstInfo.genTime.toISOString(),
        serial: serialHex(tstInfo.serialNumber),
        policy: tstInfo.policy,
        tsa: url,
        hashAlgorithm: 'sha256',
      };
    },
  };
}

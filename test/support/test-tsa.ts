import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const OPENSSL = '/usr/bin/openssl';

export interface TestTsa {
  /** `http://127.0.0.1:<port>/` — POST a TimeStampReq, get a TimeStampResp. */
  url: string;
  caCertPem: string;
  caCertDer: Uint8Array;
  tsaCertPem: string;
  /** Directory holding the keys, certificates and `openssl ts` config. */
  dir: string;
  /** Number of requests answered so far. */
  requests(): number;
  stop(): Promise<void>;
}

export interface TestTsaOptions {
  /** Put the CA certificate into each token next to the TSA certificate (default true). */
  includeChain?: boolean;
  /** Hash for the ESS signing-certificate attribute: sha1 → SigningCertificate, sha256 → V2 (default sha1). */
  essCertIdAlg?: 'sha1' | 'sha256';
  /** Common name of the throwaway root CA. */
  caName?: string;
}

const REQ_CONFIG = `[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
[ v3_ca ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ v3_tsa ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

function tsConfig(dir: string, essCertIdAlg: string): string {
  return `[ tsa ]
default_tsa = test_tsa
[ test_tsa ]
serial = ${path.join(dir, 'serial')}
crypto_device = builtin
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.1.1
other_policies = 1.3.6.1.4.1.99999.1.2
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = ${essCertIdAlg}
`;
}

/**
 * A local RFC 3161 time-stamping authority for tests: a throwaway root CA and TSA certificate
 * (EC P-256, extendedKeyUsage critical timeStamping) made with the openssl CLI, and an HTTP server
 * on 127.0.0.1 that answers each POST with `openssl ts -reply`. Requests are answered one at a
 * time (the serial-number file is shared).
 */
export async function startTestTsa(dir?: string, options: TestTsaOptions = {}): Promise<TestTsa> {
  const ownDir = dir === undefined;
  const root = dir ?? (await mkdtemp(path.join(tmpdir(), 'rasad-tsa-')));
  await mkdir(root, { recursive: true });
  const file = (name: string): string => path.join(root, name);
  const caName = options.caName ?? `Rasad Test Root ${randomBytes(4).toString('hex')}`;

  await writeFile(file('req.cnf'), REQ_CONFIG);
  await writeFile(file('ts.cnf'), tsConfig(root, options.essCertIdAlg ?? 'sha1'));
  await writeFile(file('serial'), '01\n');
  await Promise.all(
    ['ca.key', 'tsa.key'].map((key) =>
      run(OPENSSL, ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file(key)]),
    ),
  );
  await Promise.all([
    run(OPENSSL, ['req', '-new', '-x509', '-key', file('ca.key'), '-out', file('ca.pem'), '-days', '2', '-subj', `/CN=${caName}`]
      .concat(['-config', file('req.cnf'), '-extensions', 'v3_ca'])),
    run(OPENSSL, ['req', '-new', '-key', file('tsa.key'), '-out', file('tsa.csr'), '-subj', '/CN=Rasad Test TSA', '-config', file('req.cnf')]),
  ]);
  await run(OPENSSL, [
    'x509', '-req', '-in', file('tsa.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-set_serial', '2',
    '-days', '2', '-out', file('tsa.pem'), '-extfile', file('req.cnf'), '-extensions', 'v3_tsa',
  ]);
  await run(OPENSSL, ['x509', '-in', file('ca.pem'), '-outform', 'DER', '-out', file('ca.der')]);
  const caCertPem = await readFile(file('ca.pem'), 'utf8');
  const caCertDer = new Uint8Array(await readFile(file('ca.der')));
  const tsaCertPem = await readFile(file('tsa.pem'), 'utf8');

  let answered = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const reply = async (query: Buffer): Promise<Buffer> => {
    const n = answered++;
    const queryFile = file(`q${n}.tsq`);
    const replyFile = file(`r${n}.tsr`);
    await writeFile(queryFile, query);
    const args = ['ts', '-reply', '-config', file('ts.cnf'), '-queryfile', queryFile, '-signer', file('tsa.pem')];
    args.push('-inkey', file('tsa.key'), '-out', replyFile);
    if (options.includeChain ?? true) args.push('-chain', file('ca.pem'));
    await run(OPENSSL, args);
    return readFile(replyFile);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST') {
        res.writeHead(405).end();
        return;
      }
      const task = queue.then(() => reply(Buffer.concat(chunks)));
      queue = task.catch(() => undefined);
      task.then(
        (body) => res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end(body),
        (error: Error) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(error.message),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    caCertPem,
    caCertDer,
    tsaCertPem,
    dir: root,
    requests: () => answered,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownDir) await rm(root, { recursive: true, force: true });
    },
  };
}

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** A self-signed certificate for 127.0.0.1 and localhost, made with openssl at test time. */
export interface TestCertificate {
  readonly key: string;
  readonly cert: string;
  /** The certificate's file: what NODE_EXTRA_CA_CERTS takes. */
  readonly certPath: string;
}

/** Makes a fresh key and certificate in `dir` (nothing is committed: a checked-in key would be a secret in the repo). */
export function makeTestCertificate(dir: string): TestCertificate {
  const keyPath = path.join(dir, 'key.pem');
  const certPath = path.join(dir, 'cert.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', keyPath, '-out', certPath,
  ], { stdio: 'pipe' });
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8'), certPath };
}

// Plays SNS for tests: a fixed test key + self-signed cert, SNS v1/v2 signatures, and the cert served on 127.0.0.1.

import { sign as rsaSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ClientRequestArgs } from 'node:http';
import { Agent, createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:tls';

/** Where real SNS keeps its certificates; the signer's `agent` serves this URL (any SNS host) from 127.0.0.1. */
export const SNS_CERT_URL =
  'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem';

export type SignatureVersion = '1' | '2';

export interface SnsSigner {
  /** An SNS-host certificate URL; only reachable through `agent`, which never leaves 127.0.0.1. */
  readonly certUrl: string;
  /** The same certificate at its real local address: a valid cert on a host that is not SNS's. */
  readonly localCertUrl: string;
  /** Give to the verifier as `requestAgent`: every connection goes to the local certificate server. */
  readonly agent: Agent;
  /** Signs a copy of an SNS message the way SNS does (canonical "Key\nvalue\n" string, SHA1 or SHA256 with RSA). */
  sign(
    message: Readonly<Record<string, unknown>>,
    version: SignatureVersion,
    certUrl?: string,
  ): Record<string, unknown>;
  /** Paths the certificate server was asked for, oldest first. */
  certRequests(): string[];
  /** The next `times` certificate downloads get an HTTP 500 error page instead of the PEM. */
  failNextDownloads(times: number): void;
  close(): Promise<void>;
}

const NOTIFICATION_KEYS = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'];
const CONFIRMATION_KEYS = ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];

/** The string SNS signs: each present key in its fixed order, as "Key\nvalue\n". */
export function stringToSign(message: Readonly<Record<string, unknown>>): string {
  const keys = message.Type === 'Notification' ? NOTIFICATION_KEYS : CONFIRMATION_KEYS;
  return keys
    .filter((key) => message[key] !== undefined && message[key] !== null)
    .map((key) => `${key}\n${String(message[key])}\n`)
    .join('');
}

/**
 * A throwaway key and self-signed certificate made once for these tests (openssl, 100 years; SANs cover SNS hosts
 * and 127.0.0.1), kept in test/fixtures so tests need nothing but Node. They protect nothing.
 */
function keyAndCert(): { key: string; cert: string } {
  const dir = new URL('../fixtures/sns/', import.meta.url);
  return {
    key: readFileSync(new URL('test-only-key.pem', dir), 'utf8'),
    cert: readFileSync(new URL('test-only-cert.pem', dir), 'utf8'),
  };
}

/** An https.Agent that connects every request to 127.0.0.1:port, checking TLS against the test certificate. */
class LocalAgent extends Agent {
  readonly #port: number;
  readonly #ca: string;
  constructor(port: number, ca: string) {
    super({ keepAlive: false });
    this.#port = port;
    this.#ca = ca;
  }
  override createConnection(options: ClientRequestArgs) {
    const servername = (options as { servername?: string }).servername ?? options.hostname ?? options.host ?? '';
    return connect({ host: '127.0.0.1', port: this.#port, servername, ca: this.#ca });
  }
}

export async function startSnsSigner(): Promise<SnsSigner> {
  const { key, cert } = keyAndCert();
  const requests: string[] = [];
  let failures = 0;
  const server = createServer({ key, cert }, (req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    if (failures > 0) {
      failures -= 1;
      res.writeHead(500, { 'content-type': 'text/html' }).end('<html>Service Unavailable</html>');
      return;
    }
    if (!/^\/SimpleNotificationService-[a-zA-Z0-9]{32}\.pem$/.test(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/x-pem-file' }).end(cert);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new LocalAgent(port, cert);
  const localCertUrl = `https://127.0.0.1:${port}${new URL(SNS_CERT_URL).pathname}`;
  return {
    certUrl: SNS_CERT_URL,
    localCertUrl,
    agent,
    sign(message, version, certUrl = SNS_CERT_URL) {
      const unsigned = { ...message, SignatureVersion: version, SigningCertURL: certUrl };
      const algorithm = version === '1' ? 'sha1' : 'sha256';
      const signature = rsaSign(algorithm, Buffer.from(stringToSign(unsigned), 'utf8'), key).toString('base64');
      return { ...unsigned, Signature: signature };
    },
    certRequests: () => [...requests],
    failNextDownloads(times) {
      failures = times;
    },
    async close() {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

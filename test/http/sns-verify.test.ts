// Tests for the SNS signature check: which certificate URLs count as SNS hosts, and what a forged message gets.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSnsVerifier, isSnsUrl, SnsVerifyError } from '../../src/http/sns-verify.ts';
import { snsNotification } from '../support/aws-samples.ts';
import { type SnsSigner, startSnsSigner } from '../support/sns-signer.ts';

const PEM = '/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem';

describe('isSnsUrl', () => {
  it('accepts SNS hosts of the aws, aws-us-gov and aws-cn partitions over https', () => {
    for (const host of [
      'sns.us-east-1.amazonaws.com',
      'sns.us-gov-west-1.amazonaws.com',
      'sns.cn-north-1.amazonaws.com.cn',
    ]) {
      assert.equal(isSnsUrl(`https://${host}${PEM}`), true, host);
    }
  });

  it('refuses other hosts, http, ports, credentials and look-alikes', () => {
    for (const url of [
      `http://sns.us-east-1.amazonaws.com${PEM}`,
      `https://sns.us-east-1.amazonaws.com:8443${PEM}`,
      `https://user:pw@sns.us-east-1.amazonaws.com${PEM}`,
      `https://sns.us-east-1.amazonaws.com.evil.example${PEM}`,
      `https://evil-sns.us-east-1.amazonaws.com${PEM}`,
      `https://s3.amazonaws.com${PEM}`,
      `https://127.0.0.1${PEM}`,
      'not a url',
      undefined,
    ]) {
      assert.equal(isSnsUrl(url), false, String(url));
    }
  });
});

describe('createSnsVerifier', () => {
  let signer: SnsSigner;
  before(async () => {
    signer = await startSnsSigner();
  });
  after(() => signer?.close());

  it('returns the verified message for v1 and v2 signatures', async () => {
    const verify = createSnsVerifier({ requestAgent: signer.agent });
    for (const version of ['1', '2'] as const) {
      const message = await verify(signer.sign(snsNotification(), version));
      assert.equal(message.Type, 'Notification');
      assert.equal(message.Message, snsNotification().Message);
    }
  });

  it('rejects unsigned, unknown-version, added-field and wrong-version forgeries with a reason', async () => {
    const verify = createSnsVerifier({ requestAgent: signer.agent });
    const signed = signer.sign(snsNotification(), '2');
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...snsNotification(), SigningCertURL: signer.certUrl }, /Invalid Signature/],
      [{ ...signed, SignatureVersion: '3' }, /SignatureVersion/],
      [{ ...signed, Signature: '' }, /no Signature/],
      [{ ...signed, Subject: 'OK: "orders-dlq-not-empty"' }, /Invalid Signature/],
      [{ ...signed, SignatureVersion: '1' }, /Invalid Signature/],
      [{ ...signed, MessageId: undefined }, /MessageId is missing/],
    ];
    for (const [payload, reason] of cases) {
      await assert.rejects(
        verify(payload),
        (error: unknown) => error instanceof SnsVerifyError && reason.test(error.message),
      );
    }
  });
});

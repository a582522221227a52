// The demo's dead letters: made-up "failed" order and payment messages with message attributes, the same every run.

import type { MessageAttributeValue } from '@aws-sdk/client-sqs';

export interface DemoMessage {
  readonly body: string;
  readonly attributes: Record<string, MessageAttributeValue>;
  /** FIFO only. */
  readonly groupId?: string;
  readonly dedupId?: string;
}

const TENANTS = ['acme', 'globex', 'initech', 'umbrella'] as const;
const ERRORS = ['PaymentGatewayTimeout', 'InventoryServiceUnavailable', 'AddressValidationFailed'] as const;
const SKUS = ['SKU-1001', 'SKU-2040', 'SKU-3177', 'SKU-4210', 'SKU-5005'] as const;

/** A small deterministic generator (mulberry32), so every demo shows the same messages. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
const text = (value: string): MessageAttributeValue => ({ DataType: 'String', StringValue: value });
const number = (value: number): MessageAttributeValue => ({ DataType: 'Number', StringValue: String(value) });

/** `count` OrderPlaced events that failed three times (the orders queue's maxReceiveCount) with a downstream error. */
export function failedOrders(count: number, now = Date.now()): DemoMessage[] {
  const next = random(42);
  return Array.from({ length: count }, (_, i) => {
    const tenant = pick(next, TENANTS);
    const orderId = `ord-${String(100_000 + i * 7).padStart(7, '0')}`;
    const items = Array.from({ length: 1 + Math.floor(next() * 3) }, () => ({
      sku: pick(next, SKUS),
      qty: 1 + Math.floor(next() * 4),
    }));
    const body = {
      type: 'OrderPlaced',
      orderId,
      tenant,
      customerId: `cus-${Math.floor(next() * 90_000 + 10_000)}`,
      amount: Math.round(next() * 50_000) / 100,
      currency: 'EUR',
      items,
      placedAt: new Date(now - (count - i) * 9_000).toISOString(),
    };
    return {
      body: JSON.stringify(body),
      attributes: {
        tenant: text(tenant),
        eventType: text('OrderPlaced'),
        errorCode: text(pick(next, ERRORS)),
        attempts: number(3),
      },
    };
  });
}

/** `count` PaymentCaptured events in a few message groups (one per customer), for the FIFO pair. */
export function failedPayments(count: number): DemoMessage[] {
  const next = random(7);
  return Array.from({ length: count }, (_, i) => {
    const customer = `cus-${10_001 + (i % 4)}`;
    const paymentId = `pay-${String(5000 + i).padStart(6, '0')}`;
    const body = { type: 'PaymentCaptured', paymentId, customerId: customer, amount: Math.round(next() * 9_000) / 100 };
    return {
      body: JSON.stringify(body),
      attributes: { eventType: text('PaymentCaptured'), errorCode: text('LedgerLocked') },
      groupId: customer,
      dedupId: paymentId,
    };
  });
}

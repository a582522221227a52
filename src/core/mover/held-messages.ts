// Messages a move keeps invisible until it ends (skipped, failed, dry run), so it never counts one twice.

import { ChangeMessageVisibilityBatchCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import { MAX_BATCH_ENTRIES } from './limits.ts';

export class HeldMessages {
  /** MessageId → latest receipt handle. Only ids and handles: memory grows with held messages, never with moved. */
  readonly #handles = new Map<string, string>();

  /** True when this message is already held (it came back after its visibility timeout ran out). */
  refresh(message: Message): boolean {
    const id = message.MessageId;
    if (!id || !this.#handles.has(id)) return false;
    if (message.ReceiptHandle) this.#handles.set(id, message.ReceiptHandle);
    return true;
  }

  hold(message: Message): void {
    if (message.MessageId && message.ReceiptHandle) this.#handles.set(message.MessageId, message.ReceiptHandle);
  }

  get size(): number {
    return this.#handles.size;
  }

  /** Makes every held message visible again at once. */
  async releaseAll(sqs: SQSClient, queueUrl: string): Promise<void> {
    const handles = [...this.#handles.values()];
    this.#handles.clear();
    await makeVisible(sqs, queueUrl, handles);
  }
}

/**
 * Sets the visibility of these receipt handles to 0. Best effort: a handle that expired is visible already, and
 * one that fails otherwise becomes visible when its visibility timeout ends — late, never lost.
 */
export async function makeVisible(sqs: SQSClient, queueUrl: string, receiptHandles: readonly string[]): Promise<void> {
  const calls: Promise<unknown>[] = [];
  for (let i = 0; i < receiptHandles.length; i += MAX_BATCH_ENTRIES) {
    const Entries = receiptHandles
      .slice(i, i + MAX_BATCH_ENTRIES)
      .map((ReceiptHandle, n) => ({ Id: `v${n}`, ReceiptHandle, VisibilityTimeout: 0 }));
    calls.push(
      sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: queueUrl, Entries })).catch(() => undefined),
    );
    if (calls.length >= 16) await Promise.all(calls.splice(0));
  }
  await Promise.all(calls);
}

// A bounded set of recently seen delivery ids (SNS MessageId, EventBridge event id), to drop AWS's redeliveries.

export const DEFAULT_SEEN_CAPACITY = 1000;

export class SeenIds {
  readonly #capacity: number;
  readonly #ids = new Set<string>();

  constructor(capacity = DEFAULT_SEEN_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('SeenIds capacity must be a positive integer');
    this.#capacity = capacity;
  }

  /** Records the id; false when it was already there (a redelivery). The oldest id goes once the set is full. */
  add(id: string): boolean {
    if (this.#ids.has(id)) {
      // Refresh: a repeatedly redelivered id stays remembered.
      this.#ids.delete(id);
      this.#ids.add(id);
      return false;
    }
    this.#ids.add(id);
    if (this.#ids.size > this.#capacity) {
      const oldest = this.#ids.values().next().value;
      if (oldest !== undefined) this.#ids.delete(oldest);
    }
    return true;
  }

  /** Forgets the id, so AWS's retry of a delivery we failed is processed. */
  delete(id: string): void {
    this.#ids.delete(id);
  }
}

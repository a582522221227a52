// SQS limits the mover works within.

/** Entries per SendMessageBatch / DeleteMessageBatch / ReceiveMessage. */
export const MAX_BATCH_ENTRIES = 10;
/** Total payload of one SendMessageBatch, and the largest single message (bytes). */
export const MAX_BATCH_BYTES = 1024 * 1024;
/** Message attributes a message may carry. */
export const MAX_MESSAGE_ATTRIBUTES = 10;
/** Native move tasks accept at most this rate. */
export const MAX_NATIVE_RATE = 500;
/** Longest visibility timeout SQS accepts (12 h). */
export const MAX_VISIBILITY_TIMEOUT_SEC = 43_200;

// A short, display-safe sample of a message for dry runs and peeks (body cut, attributes as strings).

import type { Message } from '@aws-sdk/client-sqs';
import type { MessageSample } from './types.ts';

export const SAMPLE_BODY_CHARS = 500;

export function sampleOf(message: Message, maxBodyChars = SAMPLE_BODY_CHARS): MessageSample {
  const body = message.Body ?? '';
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    attributes[name] =
      value.StringValue ?? (value.BinaryValue ? `(binary, ${value.BinaryValue.byteLength} bytes)` : '');
  }
  return {
    messageId: message.MessageId ?? '',
    body: body.length > maxBodyChars ? `${body.slice(0, maxBodyChars)}…` : body,
    attributes,
  };
}

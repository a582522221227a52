// Message filters for client moves: substring or regex on the body, or a message attribute's value.

import type { Message } from '@aws-sdk/client-sqs';
import { BadInputError } from '../errors.ts';
import type { MessageFilter } from './types.ts';

/**
 * Parses a filter as typed on the CLI or in Slack:
 * `/regex/flags` → regex on the body; `attr:NAME=VALUE` → message attribute equals; anything else → substring.
 */
export function parseFilter(raw: string): MessageFilter {
  const text = raw.trim();
  if (text === '') throw new BadInputError('--filter is empty: give text, /regex/ or attr:NAME=VALUE.');
  const regex = /^\/(.+)\/([a-z]*)$/s.exec(text);
  if (regex) {
    const [, source = '', flags = ''] = regex;
    try {
      return { kind: 'regex', pattern: new RegExp(source, flags.replace(/[gy]/g, '')) };
    } catch (err) {
      throw new BadInputError(`--filter ${text} is not a valid regular expression: ${(err as Error).message}`);
    }
  }
  const attr = /^attr:([^=]+)=(.*)$/s.exec(text);
  if (attr) {
    const [, name = '', value = ''] = attr;
    return { kind: 'attribute', name: name.trim(), value };
  }
  return { kind: 'substring', text };
}

export function matchesFilter(message: Message, filter: MessageFilter): boolean {
  switch (filter.kind) {
    case 'substring':
      return (message.Body ?? '').includes(filter.text);
    case 'regex':
      return filter.pattern.test(message.Body ?? '');
    case 'attribute':
      return message.MessageAttributes?.[filter.name]?.StringValue === filter.value;
  }
}

/** The filter as the person typed it (for summaries and history). */
export function describeFilter(filter: MessageFilter): string {
  switch (filter.kind) {
    case 'substring':
      return filter.text;
    case 'regex':
      return String(filter.pattern);
    case 'attribute':
      return `attr:${filter.name}=${filter.value}`;
  }
}

// Slack's Block Kit limits and the text helpers that keep builders within them: truncate with "…", never throw.

export const LIMITS = {
  messageBlocks: 50,
  homeBlocks: 100,
  /** Slack shows at most ~4,000 characters of a message's top-level `text` well. */
  fallbackText: 4000,
  sectionText: 3000,
  contextText: 3000,
  contextElements: 10,
  fields: 10,
  fieldText: 2000,
  header: 150,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  actionsElements: 25,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
} as const;

const ELLIPSIS = '…';
const FENCE = '```';

/** Escapes the three characters mrkdwn treats as markup (`&`, `<`, `>`), for any text from users or queues. */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** The longest prefix of whole code points whose UTF-16 length is at most `max`. */
function prefix(text: string, max: number): string {
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

/** Drops a trailing half-written `<@U…>`/`<url|label>` token or `&amp;` entity a cut may have left. */
function dropBrokenToken(text: string): string {
  let out = text;
  const lt = out.lastIndexOf('<');
  if (lt > out.lastIndexOf('>')) out = out.slice(0, lt);
  const amp = out.lastIndexOf('&');
  if (amp > out.lastIndexOf(';') && out.length - amp <= 5) out = out.slice(0, amp);
  return out;
}

const openFence = (text: string): boolean => text.split(FENCE).length % 2 === 0;

/**
 * Cuts `text` to at most `max` UTF-16 units, ending in "…"; never splits a code point, a `<…>` token or an
 * entity, and closes a code block the cut left open.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let cut = dropBrokenToken(prefix(text, max - ELLIPSIS.length));
  if (!openFence(cut)) return `${cut}${ELLIPSIS}`;
  const closing = `${ELLIPSIS}\n${FENCE}`;
  cut = dropBrokenToken(prefix(text, Math.max(0, max - closing.length)));
  return openFence(cut) ? `${cut}${closing}` : `${cut}${ELLIPSIS}`;
}

/** A mrkdwn code block holding untrusted text: escaped, fences neutralised, body cut to `maxBody` characters. */
export function codeBlock(text: string, maxBody: number): string {
  const safe = escapeMrkdwn(text).replaceAll(FENCE, '`\u200b`\u200b`');
  const body = truncate(safe, maxBody);
  return `${FENCE}\n${body === '' ? ' ' : body}\n${FENCE}`;
}

/** Text fit for a Block Kit text object: never empty (Slack rejects empty text), at most `max`. */
export function fit(text: string, max: number): string {
  return truncate(text.trim() === '' ? '—' : text, max);
}

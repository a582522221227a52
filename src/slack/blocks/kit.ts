// Block Kit element constructors that apply Slack's limits, and the message shape every builder returns.

import type { types } from '@slack/bolt';
import { fit, LIMITS, truncate } from './limits.ts';

export type KnownBlock = types.KnownBlock;
export type Button = types.Button;
export type HomeView = types.HomeView;
export type SectionBlock = types.SectionBlock;
export type ConfirmationDialog = types.ConfirmationDialog;

/** What every message builder returns: a meaningful plain fallback (notifications, screen readers) and the blocks. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: KnownBlock[];
}

export function section(
  text: string,
  opts: { readonly blockId?: string; readonly accessory?: Button; readonly fields?: readonly string[] } = {},
): SectionBlock {
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: fit(text, LIMITS.sectionText) },
    ...(opts.fields && opts.fields.length > 0 ? { fields: fields(opts.fields) } : {}),
    ...(opts.blockId ? { block_id: truncate(opts.blockId, LIMITS.blockId) } : {}),
    ...(opts.accessory ? { accessory: opts.accessory } : {}),
  };
}

/** At most 10 fields, each at most 2,000 characters; the tenth says how many more there were. */
function fields(items: readonly string[]): types.MrkdwnElement[] {
  const shown =
    items.length <= LIMITS.fields
      ? items
      : [...items.slice(0, LIMITS.fields - 1), `_…and ${items.length - LIMITS.fields + 1} more_`];
  return shown.map((text) => ({ type: 'mrkdwn', text: fit(text, LIMITS.fieldText) }));
}

export function context(...texts: string[]): types.ContextBlock {
  const shown = texts.slice(0, LIMITS.contextElements);
  return { type: 'context', elements: shown.map((text) => ({ type: 'mrkdwn', text: fit(text, LIMITS.contextText) })) };
}

export function header(text: string): types.HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text: fit(text, LIMITS.header), emoji: true } };
}

export function divider(): types.DividerBlock {
  return { type: 'divider' };
}

export function actions(elements: readonly Button[], blockId?: string): types.ActionsBlock {
  return {
    type: 'actions',
    elements: elements.slice(0, LIMITS.actionsElements),
    ...(blockId ? { block_id: truncate(blockId, LIMITS.blockId) } : {}),
  };
}

export interface ButtonInput {
  readonly text: string;
  readonly actionId: string;
  readonly value?: string;
  readonly style?: 'primary' | 'danger';
  readonly confirm?: ConfirmationDialog;
}

/** A button; `value` must already fit (values are data: cutting one would corrupt it, so builders check first). */
export function button(input: ButtonInput): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: fit(input.text, LIMITS.buttonText), emoji: true },
    action_id: truncate(input.actionId, LIMITS.actionId),
    ...(input.value === undefined ? {} : { value: truncate(input.value, LIMITS.buttonValue) }),
    ...(input.style ? { style: input.style } : {}),
    ...(input.confirm ? { confirm: input.confirm } : {}),
  };
}

export function confirmDialog(input: {
  readonly title: string;
  readonly text: string;
  readonly confirm: string;
  readonly deny: string;
  readonly style?: 'primary' | 'danger';
}): ConfirmationDialog {
  return {
    title: { type: 'plain_text', text: fit(input.title, LIMITS.confirmTitle) },
    text: { type: 'mrkdwn', text: fit(input.text, LIMITS.confirmText) },
    confirm: { type: 'plain_text', text: fit(input.confirm, LIMITS.confirmButton) },
    deny: { type: 'plain_text', text: fit(input.deny, LIMITS.confirmButton) },
    ...(input.style ? { style: input.style } : {}),
  };
}

/** Keeps at most `max` blocks; when cut, the last kept block says how many were left out. */
export function capBlocks(blocks: readonly KnownBlock[], max: number): KnownBlock[] {
  if (blocks.length <= max) return [...blocks];
  const kept = blocks.slice(0, max - 1);
  return [...kept, context(`_…and ${blocks.length - kept.length} more blocks not shown — Slack allows ${max}._`)];
}

/** The message: fallback text plain and within limits, at most 50 blocks. */
export function message(text: string, blocks: readonly KnownBlock[]): SlackMessage {
  return { text: fit(text, LIMITS.fallbackText), blocks: capBlocks(blocks, LIMITS.messageBlocks) };
}

export function homeView(blocks: readonly KnownBlock[], callbackId: string): HomeView {
  return { type: 'home', callback_id: callbackId, blocks: capBlocks(blocks, LIMITS.homeBlocks) };
}

// What the bot remembers about alarms: each alarm's Slack post (where, state, snooze) and the last state polled.

import type { RedriveStore } from '../../store/types.ts';
import type { AlarmState } from './alarm.ts';
import type { PollState, SeenState } from './alarm-poller.ts';

export interface AlarmPost {
  readonly alarmArn: string;
  readonly alarmName: string;
  readonly queueArn: string;
  readonly channel: string;
  /** ts of the post; its thread holds re-fires, redrives and charts. */
  readonly ts: string;
  readonly state: AlarmState;
  readonly postedAt: number;
  readonly updatedAt: number;
  readonly snoozedUntil?: number;
  readonly snoozedBy?: string;
}

/** A post younger than this gets re-fires as replies in its thread; an older one gets a new post. */
export const RECENT_POST_MS = 24 * 60 * 60_000;
export const SNOOZE_MS = 60 * 60_000;

const key = (alarmArn: string) => `alarm-post:${alarmArn}`;

export function getAlarmPost(store: RedriveStore, alarmArn: string): Promise<AlarmPost | undefined> {
  return store.getState<AlarmPost>(key(alarmArn));
}

export function saveAlarmPost(store: RedriveStore, post: AlarmPost): Promise<void> {
  return store.setState(key(post.alarmArn), post);
}

export function isSnoozed(post: AlarmPost | undefined, now: number): boolean {
  return post?.snoozedUntil !== undefined && post.snoozedUntil > now;
}

export function isRecent(post: AlarmPost | undefined, now: number): post is AlarmPost {
  return post !== undefined && now - post.postedAt < RECENT_POST_MS;
}

/** The poller's last-seen states, kept in the store so changes while the bot was down are noticed. */
export function storedPollState(store: RedriveStore): PollState {
  return {
    get: (alarmArn) => store.getState<SeenState>(`alarm-poll:${alarmArn}`),
    set: (alarmArn, value) => store.setState(`alarm-poll:${alarmArn}`, value),
  };
}

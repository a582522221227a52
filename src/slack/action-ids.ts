// Every action_id, block_id and callback_id the bot puts in Block Kit, so builders and listeners agree.

/** [Start] on the ephemeral confirm prompt; value: the encoded plan (see blocks/plan-value.ts). */
export const REDRIVE_START = 'redrive_start';
/** [Cancel] on the ephemeral confirm prompt: dismisses it, nothing starts. */
export const REDRIVE_DISMISS = 'redrive_dismiss';
/** [Cancel] on a running redrive's progress message or status row; value: the redrive id. */
export const REDRIVE_CANCEL = 'redrive_cancel';
/**
 * One button per candidate destination; action_ids in a block must differ, so each is `redrive_choose_destination:N`.
 * Listeners match with REDRIVE_CHOOSE_DESTINATION_PATTERN. Value: the encoded request.
 */
export const REDRIVE_CHOOSE_DESTINATION = 'redrive_choose_destination';
export const REDRIVE_CHOOSE_DESTINATION_PATTERN = /^redrive_choose_destination(:\d+)?$/;

/** Buttons on an alarm post; value: see slack/blocks/alarm-post.ts (AlarmButtonValue). */
export const ALARM_REDRIVE = 'alarm_redrive';
/** One [Redrive → SOURCE] per source queue: `alarm_redrive:N`. */
export const ALARM_REDRIVE_PATTERN = /^alarm_redrive(:\d+)?$/;
export const ALARM_PEEK = 'alarm_peek';
export const ALARM_SNOOZE = 'alarm_snooze';

/** Home tab: per-DLQ peek (value: the DLQ name, shown in a modal) and a refresh. */
export const HOME_PEEK = 'home_peek';
export const HOME_REFRESH = 'home_refresh';

/** callback_id of the Home tab view. */
export const HOME_VIEW = 'redrive_home';

/** block_id of the progress section, so updates replace the same block. */
export const PROGRESS_BLOCK = 'redrive_progress';

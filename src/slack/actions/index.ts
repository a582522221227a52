// Registers every button listener by action_id.

import type { App, BlockButtonAction } from '@slack/bolt';
import {
  ALARM_PEEK,
  ALARM_REDRIVE_PATTERN,
  ALARM_SNOOZE,
  HOME_PEEK,
  HOME_REFRESH,
  REDRIVE_CANCEL,
  REDRIVE_CHOOSE_DESTINATION_PATTERN,
  REDRIVE_DISMISS,
  REDRIVE_START,
} from '../action-ids.ts';
import type { BotDeps } from '../deps.ts';
import { alarmPeekButton, alarmRedriveButton, alarmSnoozeButton } from './alarm-buttons.ts';
import { homePeekButton, homeRefreshButton } from './home-buttons.ts';
import { cancelButton, dismissButton, startButton } from './redrive-buttons.ts';

export function register(app: App, deps: BotDeps): void {
  app.action<BlockButtonAction>(REDRIVE_START, startButton(deps, true));
  app.action<BlockButtonAction>(REDRIVE_CHOOSE_DESTINATION_PATTERN, startButton(deps, false));
  app.action<BlockButtonAction>(REDRIVE_DISMISS, dismissButton);
  app.action<BlockButtonAction>(REDRIVE_CANCEL, cancelButton(deps));
  app.action<BlockButtonAction>(ALARM_REDRIVE_PATTERN, alarmRedriveButton(deps));
  app.action<BlockButtonAction>(ALARM_PEEK, alarmPeekButton(deps));
  app.action<BlockButtonAction>(ALARM_SNOOZE, alarmSnoozeButton(deps));
  app.action<BlockButtonAction>(HOME_PEEK, homePeekButton(deps));
  app.action<BlockButtonAction>(HOME_REFRESH, homeRefreshButton(deps));
}

// Registers the Events API listeners.

import type { App } from '@slack/bolt';
import type { BotDeps } from '../deps.ts';
import { appHomeOpened } from './app-home.ts';

export function register(app: App, deps: BotDeps): void {
  app.event('app_home_opened', appHomeOpened(deps));
}

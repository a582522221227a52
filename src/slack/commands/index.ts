// Registers the slash commands.

import type { App } from '@slack/bolt';
import type { BotDeps } from '../deps.ts';
import { redriveCommand } from './redrive-command.ts';

export function register(app: App, deps: BotDeps): void {
  app.command('/redrive', redriveCommand(deps));
}

// `npm start`: loads .env, validates the configuration (every problem at once), starts the bot, stops it cleanly.

import { config as loadDotenv } from 'dotenv';
import { startBot } from './bot.ts';
import { ConfigError, describeConfig, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';

loadDotenv({ quiet: true });

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`sqs-redrive cannot start.\n${err.message}\nSee .env.example and README.md (Configuration).\n`);
  process.exit(2);
}

const logger = createLogger(config.logLevel);
logger.info('starting', describeConfig(config));
const bot = await startBot(config, { logger });

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) process.exit(1);
  stopping = true;
  logger.info('stopping: cancelling running moves so their messages are visible again', { signal });
  await bot.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

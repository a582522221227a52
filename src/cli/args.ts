// Parses the CLI's flags (seed-compatible `--src-url`/`--dst-url`, plus the mover's options).

import { parseArgs } from 'node:util';
import { BadInputError } from '../core/errors.ts';
import { positiveNumber as num, optional as opt, stringValue as str, wholeNumber } from '../core/flag-values.ts';
import { parseFilter } from '../core/mover/filter.ts';
import type { EngineChoice, MessageFilter } from '../core/mover/types.ts';

export interface CliArgs {
  readonly help: boolean;
  readonly version: boolean;
  readonly source: string;
  readonly destination: string | undefined;
  readonly engine: EngineChoice;
  readonly json: boolean;
  readonly dryRun: boolean;
  readonly limit?: number;
  readonly ratePerSec?: number;
  readonly concurrency?: number;
  readonly maxRedrives?: number;
  readonly visibilityTimeoutSec?: number;
  readonly groupId?: string;
  readonly filter?: MessageFilter;
  readonly filterText?: string;
  readonly region?: string;
  readonly endpointUrl?: string;
}

export const USAGE = `Usage: sqs-redrive --src-url=SRC [--dst-url=DST] [options]

Moves messages from SRC to DST (queue names, URLs or ARNs) without losing any: a message leaves SRC only
after DST confirmed it. DST may be omitted when SRC is a dead-letter queue with exactly one source queue.
By default it moves at most the number of messages SRC held when it started.

Options:
  --src-url SRC             queue to take messages from (name, URL or ARN)
  --dst-url DST             queue to put them on (default: the DLQ's only source queue)
  --limit N                 move at most N messages
  --rate N                  at most N messages per second
  --concurrency N           parallel receive/send/delete loops (client engine, default 32)
  --dry-run                 count what would move and show a few samples; moves nothing
  --filter TEXT             move only matching messages: TEXT (substring of the body), /regex/flags,
                            or attr:NAME=VALUE (message attribute equals); others stay in SRC
  --max-redrives N          leave messages already redriven N times in SRC
  --group-id GROUP          MessageGroupId for messages moving from a standard queue into a FIFO queue
  --visibility-timeout S    seconds a message stays invisible while being moved (default 60)
  --engine auto|client|native
                            native = SQS's own move task (DLQ → source only); auto picks it when it can
  --region REGION           AWS region (default: the SDK's, e.g. AWS_REGION)
  --endpoint-url URL        SQS endpoint (default: AWS_ENDPOINT_URL_SQS / AWS_ENDPOINT_URL)
  --json                    print one JSON object with the result on stdout
  -h, --help                this help
  --version                 the version

Exit codes: 0 everything asked for moved, 1 some messages failed (they stay in SRC), 2 bad input,
130 cancelled (Ctrl-C; what was received but not sent is made visible again at once).`;

const ENGINES: readonly EngineChoice[] = ['auto', 'client', 'native'];

export function parseCliArgs(argv: readonly string[]): CliArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        'src-url': { type: 'string' },
        'dst-url': { type: 'string' },
        limit: { type: 'string' },
        rate: { type: 'string' },
        concurrency: { type: 'string' },
        'dry-run': { type: 'boolean' },
        filter: { type: 'string' },
        'max-redrives': { type: 'string' },
        'group-id': { type: 'string' },
        'visibility-timeout': { type: 'string' },
        engine: { type: 'string' },
        region: { type: 'string' },
        'endpoint-url': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    }));
  } catch (err) {
    throw new BadInputError(`${(err as Error).message.replace(/\.?$/, '')}. Run sqs-redrive --help for usage.`);
  }
  const help = values.help === true;
  const version = values.version === true;
  const source = str(values['src-url']);
  if (!source && !help && !version) throw new BadInputError('--src-url is required. Run sqs-redrive --help for usage.');
  const engine = (str(values.engine) ?? 'auto') as EngineChoice;
  if (!ENGINES.includes(engine)) throw new BadInputError(`--engine must be auto, client or native (got ${engine}).`);
  const filterText = str(values.filter);
  return {
    help,
    version,
    source: source ?? '',
    destination: str(values['dst-url']),
    engine,
    json: values.json === true,
    dryRun: values['dry-run'] === true,
    ...opt('limit', wholeNumber(values.limit, '--limit', 1)),
    ...opt('ratePerSec', num(values.rate, '--rate')),
    ...opt('concurrency', wholeNumber(values.concurrency, '--concurrency', 1)),
    ...opt('maxRedrives', wholeNumber(values['max-redrives'], '--max-redrives', 0)),
    ...opt('visibilityTimeoutSec', wholeNumber(values['visibility-timeout'], '--visibility-timeout', 1)),
    ...opt('groupId', str(values['group-id'])),
    ...(filterText !== undefined ? { filter: parseFilter(filterText), filterText } : {}),
    ...opt('region', str(values.region)),
    ...opt('endpointUrl', str(values['endpoint-url'])),
  };
}

// Builds the engine a plan chose.

import type { SQSClient } from '@aws-sdk/client-sqs';
import { createClientEngine } from './client-engine.ts';
import { createNativeEngine } from './native-engine.ts';
import type { EngineName, MoveEngine } from './types.ts';

export function createEngine(sqs: SQSClient, name: EngineName): MoveEngine {
  return name === 'native' ? createNativeEngine(sqs) : createClientEngine(sqs);
}

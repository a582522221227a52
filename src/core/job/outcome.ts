// Maps an engine's result to the status a redrive record keeps.

import type { RedriveStatus } from '../../store/types.ts';
import type { MoveResult } from '../mover/types.ts';

export function statusOf(result: MoveResult): RedriveStatus {
  if (result.stoppedBy === 'cancelled') return 'cancelled';
  if (result.stoppedBy === 'failed' && result.moved === 0) return 'failed';
  if (result.failed > 0 || result.stoppedBy === 'failed') return 'partial';
  return 'succeeded';
}

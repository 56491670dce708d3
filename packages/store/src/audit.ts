import type { WriteContext } from '@mujun/core';
import { checkWriteContext } from '@mujun/core/internal';
import type { Sql } from './driver';

/** Records a write in the audit trail and moves the data revision (every write of the store, in its transaction). */
export async function audit(tx: Sql, ctx: WriteContext, action: string, detail: unknown): Promise<void> {
  checkWriteContext(ctx); // every public write checked it first; this keeps any new write path honest
  // Every write is audited in its transaction: the data revision moves with it.
  await tx.query('UPDATE data_revision SET revision = revision + 1');
  await tx.query('INSERT INTO audit (actor, request_id, action, detail) VALUES ($1, $2, $3, $4)', [
    ctx.actor,
    ctx.requestId ?? null,
    action,
    JSON.stringify(detail),
  ]);
}

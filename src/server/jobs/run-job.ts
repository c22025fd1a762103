import type { Db } from '../db/database.js';

/**
 * Runs a scheduled job for one time slot at most once across every server process: the process
 * that manages to insert the (name, slot) row runs it; the others see the row and skip. The
 * result is recorded for the operator. A job must itself be idempotent (a crash between the
 * insert and the end leaves the slot started but unfinished; the next slot catches up).
 */
export async function runJobOnce<T extends Record<string, unknown>>(db: Db, name: string, slot: string, job: () => Promise<T>): Promise<T | null> {
  const claimed = await db
    .insertInto('job_runs')
    .values({ name, slot })
    .onConflict((oc) => oc.columns(['name', 'slot']).doNothing())
    .returning('name')
    .executeTakeFirst();
  if (!claimed) return null;
  const result = await job();
  await db.updateTable('job_runs').set({ finished_at: new Date(), result: JSON.stringify(result) }).where('name', '=', name).where('slot', '=', slot).execute();
  return result;
}

/** The slot of a moment for a job run every `minutes` minutes, e.g. "2026-11-27T10:15". */
export function slotOf(now: Date, minutes: number): string {
  const ms = minutes * 60_000;
  return new Date(Math.floor(now.getTime() / ms) * ms).toISOString().slice(0, 16);
}

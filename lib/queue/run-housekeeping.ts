import { writeDueCheckpoint } from "@/lib/audit/write-checkpoint";
import { describeError } from "@/lib/intake/describe-error";
import { expireAccess } from "@/lib/queue/expire-access";
import { applyRetention } from "@/lib/retention/apply-retention";

// Periodic work every worker does between jobs. Each task is safe to run from several workers at once (each
// change is guarded in its own transaction), so scale-out needs no leader election; the intervals only keep
// the cost down. Retention runs hourly: a message's retention is counted in days. The checkpoint task only
// checks each minute; it signs the chain head when AUDIT_CHECKPOINT_INTERVAL has passed and the head moved.
const TASKS: { name: string; everyMs: number; run: (now: Date) => Promise<unknown> }[] = [
  { name: "record expired portal access", everyMs: 60_000, run: expireAccess },
  { name: "apply retention", everyMs: 60 * 60_000, run: (now) => applyRetention(now) },
  { name: "write the audit checkpoint", everyMs: 60_000, run: writeDueCheckpoint },
];

export type HousekeepingState = Map<string, number>;

/** Runs the tasks that are due. Never throws: a failing task is logged and tried again at its next turn. */
export async function runHousekeeping(state: HousekeepingState, now = new Date()): Promise<void> {
  for (const task of TASKS) {
    const last = state.get(task.name);
    if (last !== undefined && now.getTime() - last < task.everyMs) continue;
    state.set(task.name, now.getTime());
    try {
      await task.run(now);
    } catch (error) {
      console.error(`[worker] could not ${task.name}: ${describeError(error)}`);
    }
  }
}

import { getDb, type Tx } from "@/lib/db";

type Waiter<T> = { item: T; resolve: () => void; reject: (error: unknown) => void };

export type GroupCommit<T> = { commit(item: T): Promise<void> };

/**
 * Group commit: items submitted while a transaction is being written wait and go together in the next one,
 * so under load many messages share one transaction and one fsync, and a lone message is held back by no
 * more than one turn of the event loop. Each caller's promise settles only after the transaction holding its
 * item committed, so "resolved" still means durable.
 *
 * When a batch fails, its items are retried one transaction each: one bad item (a duplicate idempotency key,
 * a thread that vanished) fails alone instead of taking the others down with it.
 */
export function createGroupCommit<T>(write: (tx: Tx, items: T[]) => Promise<void>, maxBatch: number): GroupCommit<T> {
  const waiting: Waiter<T>[] = [];
  let writing = false;

  async function writeOne(waiter: Waiter<T>): Promise<void> {
    try {
      await getDb().$transaction((tx) => write(tx, [waiter.item]));
      waiter.resolve();
    } catch (error) {
      waiter.reject(error);
    }
  }

  async function drain(): Promise<void> {
    writing = true;
    try {
      while (waiting.length > 0) {
        // One turn of the event loop first. On SQLite a transaction runs to its end in microtasks (the driver is
        // synchronous), so without this pause no other message could finish parsing while one is written and
        // every batch would hold a single message. Idle, the pause costs microseconds.
        await new Promise((resolve) => setImmediate(resolve));
        const batch = waiting.splice(0, maxBatch);
        if (batch.length === 1) {
          await writeOne(batch[0] as Waiter<T>);
          continue;
        }
        try {
          await getDb().$transaction((tx) => write(tx, batch.map((waiter) => waiter.item)));
          for (const waiter of batch) waiter.resolve();
        } catch {
          for (const waiter of batch) await writeOne(waiter);
        }
      }
    } finally {
      writing = false;
    }
  }

  return {
    commit(item: T): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        if (!writing) void drain();
      });
    },
  };
}

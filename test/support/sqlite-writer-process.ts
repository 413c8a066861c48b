// One of several writer processes for test/integration/sqlite-concurrency.test.ts: it opens the app's database
// (DATABASE_URL from the environment, as `sealpost smtp`, `worker` and `web` do), prints "ready", waits for "go"
// on stdin so every writer starts at the same moment, then runs interactive transactions that read and then
// write. It exits 0 once all have committed, or 1 with the first error on stderr.
import { once } from "node:events";
import { recordAuditEvent } from "@/lib/audit/record-event";
import { getDb } from "@/lib/db";

const transactions = Number(process.env.TEST_WRITER_TRANSACTIONS ?? 100);
const writer = process.env.TEST_WRITER_ID ?? String(process.pid);

const db = getDb();
await db.domainPolicy.count();
process.stdout.write("ready\n");
await once(process.stdin, "data");

let committed = 0;
try {
  for (; committed < transactions; committed++) {
    await db.$transaction(async (tx) => {
      // The read opens the transaction's snapshot before the write, as real read-modify-write code does.
      const policies = await tx.domainPolicy.count();
      // Other writers commit while this transaction is open, as the worker and the SMTP intake do in production.
      await new Promise((resolve) => setTimeout(resolve, 1));
      await recordAuditEvent(tx, {
        type: "domain_policy.changed",
        actorType: "system",
        outcome: "success",
        data: { domain: `writer-${writer}.test`, before: policies, after: committed },
      });
    });
  }
} catch (error) {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`writer ${writer} failed after ${committed} of ${transactions} transactions: ${String(code ?? "")} ${message}\n`);
  process.exit(1);
}
await db.$disconnect();
process.exit(0);

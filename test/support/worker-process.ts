// A delivery worker in its own process, for the crash test (test/integration/worker-crash.test.ts): it reads the
// same environment as the app (DATABASE_URL, MASTER_KEY_FILE, TRANSPORT_MAP, JOB_LEASE, …), prints "ready" once
// polling, and stops gracefully on SIGTERM. The test kills it with SIGKILL to simulate a crash.
import { startWorker } from "@/lib/queue/worker";

const worker = startWorker({
  concurrency: Number(process.env.TEST_WORKER_CONCURRENCY ?? 10),
  pollMs: 20,
  maxPollMs: 200,
});
process.stdout.write(`ready ${worker.workerId}\n`);
process.once("SIGTERM", () => {
  void worker.stop().then(() => process.exit(0));
});

import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, expect, it } from "vitest";

// `sealpost smtp`, `sealpost worker` and `sealpost web` are separate processes on one SQLite file. A transaction
// that reads and then writes must wait for the other processes' writers rather than fail with SQLITE_BUSY
// (Prisma P1008): lib/db.ts opens transactions with BEGIN IMMEDIATE for this. Several writer processes run
// read-then-write transactions at the same moment; every one of them must commit.

const WRITERS = 3;
const TRANSACTIONS = 100;

const { getDb } = await import("@/lib/db");

const children = new Set<ChildProcess>();
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
});

type Writer = { child: ChildProcess; exited: Promise<{ code: number | null; stderr: string }> };

/** Starts test/support/sqlite-writer-process.ts under tsx with this file's environment; resolves once it is ready. */
function startWriter(id: number): Promise<Writer> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/sqlite-writer-process.ts"], {
    env: { ...process.env, TEST_WRITER_ID: String(id), TEST_WRITER_TRANSACTIONS: String(TRANSACTIONS) },
    stdio: ["pipe", "pipe", "pipe"],
  });
  children.add(child);
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  // "close", not "exit": stderr is complete only then, and a failing writer's error belongs in the assertion.
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.once("close", (code) => {
      children.delete(child);
      resolve({ code, stderr });
    }),
  );
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) resolve({ child, exited });
    });
    void exited.then(({ code }) => reject(new Error(`writer ${id} exited before it was ready (code ${code}): ${stderr}`)));
  });
}

it("commits every read-then-write transaction when several processes write one SQLite file at once", async () => {
  const writers = await Promise.all(Array.from({ length: WRITERS }, (_, id) => startWriter(id)));
  // Released together so the transactions overlap; started one by one they could finish before the next begins.
  for (const writer of writers) writer.child.stdin!.end("go\n");
  const results = await Promise.all(writers.map((writer) => writer.exited));

  expect(results.filter((result) => result.code !== 0)).toEqual([]);
  expect(await getDb().auditEvent.count({ where: { type: "domain_policy.changed" } })).toBe(WRITERS * TRANSACTIONS);
}, 30_000);

import { setTimeout as sleep } from "node:timers/promises";
import { getDb } from "@/lib/db";

async function readRecipients(addresses: string[], since: Date) {
  return getDb().recipient.findMany({
    where: { address: { in: addresses }, createdAt: { gte: since } },
    orderBy: { createdAt: "desc" },
    select: {
      messageId: true,
      address: true,
      status: true,
      outcomeClass: true,
      tlsProtocol: true,
      tlsCipher: true,
      notifiedAt: true,
      attempts: {
        orderBy: { startedAt: "desc" },
        take: 1,
        select: { mxHost: true, mxIp: true, port: true, tlsProtocol: true, tlsCipher: true, certSubject: true, certIssuer: true, failureClass: true, failureDetail: true },
      },
    },
  });
}

export type DemoOutcome = Awaited<ReturnType<typeof readRecipients>>[number];

/**
 * Polls until each demo recipient (queued since `since`) has its outcome and escrowed ones have been
 * notified, or `timeoutMs` passes. Returns the newest row per address; missing addresses were never queued.
 */
export async function waitForDemoOutcomes(addresses: string[], since: Date, timeoutMs: number): Promise<Map<string, DemoOutcome>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await readRecipients(addresses, since);
    const latest = new Map<string, DemoOutcome>();
    for (const row of rows) if (!latest.has(row.address)) latest.set(row.address, row);
    const settled = addresses.every((address) => {
      const row = latest.get(address);
      return row && row.status !== "queued" && (row.status !== "escrowed" || row.notifiedAt !== null);
    });
    if (settled || Date.now() >= deadline) return latest;
    await sleep(250);
  }
}

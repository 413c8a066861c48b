import { hashToken } from "@/lib/auth/hash-token";
import { getDb } from "@/lib/db";

// Recording every sign-in would add a write per request; a day is precise enough for "last used" in a list.
const LAST_SEEN_RESOLUTION_MS = 86_400_000;

/** Whether one of the browser's device secrets belongs to `userId`; refreshes that device's last-seen time. */
export async function isKnownDevice(userId: string, secrets: string[], now = new Date()): Promise<boolean> {
  if (secrets.length === 0) return false;
  const device = await getDb().knownDevice.findFirst({
    where: { userId, secretHash: { in: secrets.map(hashToken) } },
    select: { id: true, lastSeenAt: true },
  });
  if (!device) return false;
  if (now.getTime() - device.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
    await getDb().$transaction((tx) => tx.knownDevice.update({ where: { id: device.id }, data: { lastSeenAt: now } }));
  }
  return true;
}

import { assertRole, type Actor } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";

export type RecentMessage = {
  id: string;
  createdAt: Date;
  fromAddress: string;
  source: string;
  recipients: {
    id: string;
    address: string;
    status: string;
    outcomeClass: string | null;
    tlsProtocol: string | null;
    tlsCipher: string | null;
  }[];
};

/**
 * The newest messages with each recipient's status and TLS outcome, for the admin dashboard. Only clear
 * metadata: subjects and bodies stay sealed. Admin only.
 */
export async function listRecentMessages(actor: Actor, limit = 20): Promise<RecentMessage[]> {
  assertRole(actor, ["admin"], "recent messages");
  return getDb().message.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      createdAt: true,
      fromAddress: true,
      source: true,
      recipients: {
        orderBy: { address: "asc" },
        select: { id: true, address: true, status: true, outcomeClass: true, tlsProtocol: true, tlsCipher: true },
      },
    },
  });
}

import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

/** Liveness for load balancers and `sealpost start`: the app answers and its database answers a query. */
export async function GET(): Promise<Response> {
  try {
    await getDb().$queryRaw`SELECT 1`;
    return Response.json({ ok: true, db: true }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json({ ok: false, db: false }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}

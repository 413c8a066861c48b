import { describe, expect, it } from "vitest";

const { getDb } = await import("@/lib/db");
const { insertRows } = await import("@/lib/insert-rows");

const db = getDb();

describe("insertRows", () => {
  it("stores values exactly as the Prisma client would, so both read back alike", async () => {
    const at = new Date("2026-05-04T03:02:01.123Z");
    await db.$transaction(async (tx) => {
      await insertRows(tx, "Thread", [{ id: "raw-thread", secure: true, createdAt: at }]);
      await tx.thread.create({ data: { id: "client-thread", secure: true, createdAt: at } });
    });
    const rows = await db.$queryRaw<{ id: string; secure: unknown; createdAt: unknown }[]>`
      SELECT "id", "secure", CAST("createdAt" AS TEXT) AS "createdAt" FROM "Thread" WHERE "id" IN ('raw-thread', 'client-thread') ORDER BY "id" DESC`;
    expect(rows[0]).toEqual({ ...rows[1], id: "raw-thread" });
    expect(await db.thread.findUnique({ where: { id: "raw-thread" } })).toEqual({ id: "raw-thread", secure: true, createdAt: at });
  });

  it("splits a large insert into statements under the bound-parameter limit", async () => {
    // Three columns, 12,000 rows: 36,000 parameters, more than SQLite takes in one statement.
    const updatedAt = new Date();
    const rows = Array.from({ length: 12_000 }, (_, i) => ({ key: `bulk-${i}`, value: String(i), updatedAt }));
    await db.$transaction((tx) => insertRows(tx, "Setting", rows));
    expect(await db.setting.count({ where: { key: { startsWith: "bulk-" } } })).toBe(12_000);
    expect(await db.setting.findUnique({ where: { key: "bulk-11999" } })).toMatchObject({ value: "11999" });
  });

  it("refuses rows whose columns differ instead of writing nulls", async () => {
    const insert = db.$transaction((tx) =>
      insertRows(tx, "Setting", [
        { key: "mixed-1", value: "1", updatedAt: new Date() },
        { key: "mixed-2", value: "2" },
      ]),
    );
    await expect(insert).rejects.toThrow(/every row must have the columns key, value, updatedAt/);
    expect(await db.setting.count({ where: { key: { startsWith: "mixed-" } } })).toBe(0);
  });
});

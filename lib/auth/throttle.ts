import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { hashToken } from "@/lib/auth/hash-token";
import { getDb } from "@/lib/db";

// Failure counters in the RateLimiterFlexible table (rate-limiter-flexible's Prisma store), so every web process
// sees the same counts. Keys are hashed: the table should not become a list of who tried to sign in.

export type ThrottleRule = {
  /** Key prefix, e.g. "sign-in-email-ip". */
  name: string;
  /** Failures allowed within `durationSeconds`; the next one is refused until the window ends. */
  points: number;
  durationSeconds: number;
};

export type Throttle = {
  /** Milliseconds until `key` may try again; 0 when it may try now. Changes nothing. */
  retryAfterMs(key: string): Promise<number>;
  /** Counts one attempt against `key`: 0 when it was within the limit, else milliseconds until the window ends. */
  hit(key: string): Promise<number>;
  /** Forgets `key`'s count (e.g. after a successful sign-in). */
  reset(key: string): Promise<void>;
};

type Args<Method extends (args: never) => unknown> = Parameters<Method>[0];

/**
 * The store handed to the library. On SQLite, Prisma's adapter holds one connection and a bare write could land
 * inside another request's open transaction (lib/db.ts), so writes go through `$transaction`.
 */
function createStore() {
  const db = getDb();
  return {
    rateLimiterFlexible: {
      findFirst: (args: Args<typeof db.rateLimiterFlexible.findFirst>) => db.rateLimiterFlexible.findFirst(args),
      upsert: (args: Args<typeof db.rateLimiterFlexible.upsert>) => db.$transaction((tx) => tx.rateLimiterFlexible.upsert(args)),
      deleteMany: (args: Args<typeof db.rateLimiterFlexible.deleteMany>) => db.$transaction((tx) => tx.rateLimiterFlexible.deleteMany(args)),
    },
  };
}

export function createThrottle(rule: ThrottleRule): Throttle {
  let limiter: RateLimiterPrisma | undefined;
  const get = () =>
    (limiter ??= new RateLimiterPrisma({
      storeClient: createStore(),
      tableName: "rateLimiterFlexible",
      keyPrefix: rule.name,
      points: rule.points,
      duration: rule.durationSeconds,
    }));
  const keyOf = (key: string) => hashToken(key.toLowerCase());
  return {
    async retryAfterMs(key) {
      const state = await get().get(keyOf(key));
      return state && state.consumedPoints >= rule.points ? Math.max(state.msBeforeNext, 1) : 0;
    },
    async hit(key) {
      try {
        await get().consume(keyOf(key));
        return 0;
      } catch (error) {
        if (error instanceof RateLimiterRes) return Math.max(error.msBeforeNext, 1);
        throw error;
      }
    },
    async reset(key) {
      await get().delete(keyOf(key));
    },
  };
}

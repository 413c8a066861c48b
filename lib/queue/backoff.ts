// Retry spacing for jobs that failed unexpectedly or whose handler asks to try again later: exponential from
// 30 s, capped at one hour, with ±20 % jitter so jobs that failed together do not all retry together.

const BASE_MS = 30_000;
const MAX_MS = 3_600_000;

/** Delay before the next try, given how many tries (claims) the job has had so far. */
function backoffDelay(attempts: number): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 20);
  const delay = Math.min(BASE_MS * 2 ** exponent, MAX_MS);
  return Math.round(delay * (0.8 + Math.random() * 0.4));
}

export function nextRunAt(attempts: number, now = new Date()): Date {
  return new Date(now.getTime() + backoffDelay(attempts));
}

// Prop shapes of App Router pages (Next 16 passes both as promises). Written out instead of the generated
// global PageProps so `tsc` works on a fresh clone before `next build` has generated route types.
export type RouteParams<Key extends string> = Promise<Record<Key, string>>;
export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

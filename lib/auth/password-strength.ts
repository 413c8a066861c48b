import type { ZxcvbnFactory } from "@zxcvbn-ts/core";

// Password strength by zxcvbn-ts with its common-password list (language-common) and English words, names and
// Wikipedia terms (language-en). Shared by the server (the decision) and the browser (the meter), so this file
// must stay free of server imports. The dictionaries are large: loaded on first use, never at import.

/** zxcvbn scores 0..4; below this a password is refused (3: "safely unguessable", about 10^10 guesses). */
export const MIN_PASSWORD_SCORE = 3;

let factory: Promise<ZxcvbnFactory> | undefined;

async function loadFactory(): Promise<ZxcvbnFactory> {
  const [core, common, english] = await Promise.all([
    import("@zxcvbn-ts/core"),
    import("@zxcvbn-ts/language-common"),
    import("@zxcvbn-ts/language-en"),
  ]);
  return new core.ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
}

export type PasswordStrength = {
  /** 0 (guessed at once) to 4 (very strong). */
  score: 0 | 1 | 2 | 3 | 4;
  /** The whole password, ignoring case, is on the common-password list. */
  common: boolean;
};

/**
 * How guessable `password` is. `userInputs` are words an attacker would try first for this person (their
 * name and address), counted as dictionary words.
 */
export async function estimatePasswordStrength(password: string, userInputs: string[] = []): Promise<PasswordStrength> {
  factory ??= loadFactory();
  const result = (await factory).check(password, userInputs);
  const common = result.sequence.some(
    (match) => match.pattern === "dictionary" && String(match.dictionaryName).startsWith("passwords") && match.token.length === password.length,
  );
  return { score: result.score, common };
}

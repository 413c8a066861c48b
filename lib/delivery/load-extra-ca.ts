import { readFileSync } from "node:fs";
import { getConfig } from "@/lib/config";

let cached: { file: string; pem: Buffer } | undefined;

/** The PEM bundle of EXTRA_CA_FILE (trusted besides Node's bundled roots), read once; [] when unset. */
export function loadExtraCa(): Buffer[] {
  const file = getConfig().EXTRA_CA_FILE;
  if (!file) return [];
  if (cached?.file !== file) {
    try {
      cached = { file, pem: readFileSync(file) };
    } catch (error) {
      throw new Error(`EXTRA_CA_FILE ${file} could not be read (${(error as Error).message}); fix the path or unset it`);
    }
  }
  return [cached.pem];
}

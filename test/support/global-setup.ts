import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

// Migrate one SQLite file per run; every test file starts from a copy of it (test/support/setup-env.ts),
// so each file gets a real, fully migrated database without paying for migrations again.
export default function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), "sealpost-template-"));
  const file = path.join(dir, "template.db");
  execFileSync(process.execPath, ["scripts/db-migrate.mjs", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${file}` },
    stdio: ["ignore", "ignore", "inherit"],
  });
  project.provide("templateDb", file);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
  }
}

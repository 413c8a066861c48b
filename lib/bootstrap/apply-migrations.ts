import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { BootstrapError } from "@/lib/bootstrap/bootstrap-error";
import { REPO_ROOT } from "@/lib/bootstrap/repo-root";

/**
 * Applies pending migrations with `scripts/db-migrate.mjs deploy`. It runs as a child process because the
 * script owns its exit status, and from the repository root so it finds prisma/; a relative SQLite path
 * is made absolute first so it still means the same file as for this process.
 */
export async function applyMigrations(databaseUrl: string, provider: "sqlite" | "postgresql"): Promise<void> {
  let url = databaseUrl;
  if (provider === "sqlite") {
    const file = path.resolve(databaseUrl.replace(/^file:/, ""));
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    url = `file:${file}`;
  }
  const child = spawn(process.execPath, [path.join(REPO_ROOT, "scripts", "db-migrate.mjs"), "deploy"], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const status = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => resolve(code));
  });
  if (status !== 0) {
    const hint =
      provider === "sqlite"
        ? " With SQLite, migrations need the database file to themselves: stop every other Sealpost process using it, then run `sealpost migrate`."
        : "";
    throw new BootstrapError(`Database migrations failed (exit status ${status}); the output above says why.${hint}`);
  }
}

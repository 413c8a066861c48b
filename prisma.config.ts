import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";

// Offline: the Prisma 7 CLI downloads its native schema-engine before generate/validate/format unless
// PRISMA_SCHEMA_ENGINE_BINARY names an existing file. Those commands never run it, so point it at a stub.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(new URL("./scripts/no-schema-engine.sh", import.meta.url));

const url = process.env.DATABASE_URL || "file:./data/sealpost.db";
const provider = /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";

export default defineConfig({
  schema: `prisma/${provider}`,
  migrations: { path: `prisma/${provider}/migrations` },
  datasource: { url },
});

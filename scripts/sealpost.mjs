#!/usr/bin/env node
// The `sealpost` command. Plain JavaScript so it runs without a build step: it registers tsx, which compiles
// the TypeScript under lib/ on the fly and resolves the `@/` alias from the repository's tsconfig.json. The
// tsconfig path is explicit so the alias works whatever the current directory is (e.g. a global install).
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

const repoRoot = new URL("../", import.meta.url);
register({ tsconfig: fileURLToPath(new URL("tsconfig.json", repoRoot)) });

const { main } = await import(new URL("lib/cli/main.ts", repoRoot).href);
process.exit(await main(process.argv.slice(2)));

import { fileURLToPath } from "node:url";

/** The repository (package) root: where scripts/, .next/ and node_modules/ live, whatever the current directory. */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// The URL paths the Next App Router serves, read from the file system the way Next reads it, so a role test can
// notice a page or route handler that nobody has classified yet.

export type AppRoute = {
  /** The URL path as written in the tree: route groups dropped, dynamic segments kept (`/inbox/[recipientId]`). */
  path: string;
  kind: "page" | "route";
  /** Relative to the app directory, e.g. `(sender)/sent/[messageId]/page.tsx`. */
  file: string;
  /** The dynamic segments' names in order (`recipientId`, `...nextauth`). */
  params: string[];
  /** HTTP methods served: GET for a page (its server actions are not listed), the exported handlers for a route. */
  methods: string[];
};

const PAGE_FILE = /^page\.(tsx|ts|jsx|js)$/;
const ROUTE_FILE = /^route\.(ts|js)$/;
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** The HTTP methods a route file exports: `export (async) function GET`, `export const GET =`, `export const { GET, POST } =`. */
function exportedMethods(source: string): string[] {
  const names = [
    ...[...source.matchAll(/export\s+(?:async\s+)?function\s+([A-Z]+)\b/g)].map((m) => m[1]!),
    ...[...source.matchAll(/export\s+const\s+([A-Z]+)\s*=/g)].map((m) => m[1]!),
    ...[...source.matchAll(/export\s+const\s*\{([^}]*)\}\s*=/g)].flatMap((m) => m[1]!.split(",").map((name) => name.trim())),
  ];
  return HTTP_METHODS.filter((method) => names.includes(method));
}

/** What one directory name adds to the URL: nothing for a route group `(name)`, else the name itself. */
function urlSegment(name: string, where: string): string | null {
  if (/^\([^()]+\)$/.test(name)) return null;
  // Parallel slots and intercepting routes change what a URL shows in ways a table of paths cannot express.
  if (name.startsWith("@") || name.startsWith("(.")) throw new Error(`${where}: parallel and intercepting routes are not classified by the role test; extend test/support/route-inventory.ts`);
  return name;
}

/**
 * Every page (`page.*`) and route handler (`route.*`) under `appDir`, sorted by path. Private folders (`_name`)
 * are skipped: Next serves nothing from them.
 */
export function listAppRoutes(appDir: string): AppRoute[] {
  const routes: AppRoute[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const relative = path.relative(appDir, path.join(dir, entry.name));
      if (entry.isDirectory()) {
        if (entry.name.startsWith("_")) continue;
        const segment = urlSegment(entry.name, relative);
        walk(path.join(dir, entry.name), segment === null ? segments : [...segments, segment]);
        continue;
      }
      const kind = PAGE_FILE.test(entry.name) ? "page" : ROUTE_FILE.test(entry.name) ? "route" : null;
      if (!kind) continue;
      const params = segments.filter((s) => s.startsWith("[")).map((s) => s.replace(/^\[+|\]+$/g, ""));
      const methods = kind === "page" ? ["GET"] : exportedMethods(readFileSync(path.join(dir, entry.name), "utf8"));
      routes.push({ path: `/${segments.join("/")}`, kind, file: relative, params, methods });
    }
  };
  walk(appDir, []);
  return routes.sort((a, b) => a.path.localeCompare(b.path));
}

/** A regular expression matching the concrete URL paths of a route pattern (`[x]` one segment, `[...x]` one or more). */
export function routePattern(routePath: string): RegExp {
  const parts = routePath.split("/").map((segment) => {
    if (/^\[\[\.\.\..+\]\]$/.test(segment)) return "(?:/.*)?";
    if (/^\[\.\.\..+\]$/.test(segment)) return "/.+";
    if (/^\[.+\]$/.test(segment)) return "/[^/]+";
    return segment === "" ? "" : `/${segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`;
  });
  return new RegExp(`^${parts.join("") || "/"}$`);
}

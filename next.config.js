// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // better-sqlite3 and pg are native/Node-only: load them from node_modules at run time, never bundle them.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "@prisma/adapter-pg", "smtp-server", "mailparser", "nodemailer", "@node-rs/argon2"],
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tests included) with tsc; a second check inside `next build`
  // only doubles the first-start build time.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    // Replies and compose forms carry attachments up to the default SMTP_MAX_MESSAGE_BYTES (25 MiB); the
    // server re-checks the configured limit. Next's defaults (1 MB for actions, 10 MB through proxy.ts) are lower.
    serverActions: { bodySizeLimit: "26mb" },
    proxyClientMaxBodySize: "26mb",
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;

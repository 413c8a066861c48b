import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "@/app/globals.css";
import { SiteHeader } from "@/app/_components/site-header";
import { getCurrentActor } from "@/lib/auth/require-role";
import { getConfig } from "@/lib/config";
import { getMessages } from "@/lib/i18n/messages";

export function generateMetadata(): Metadata {
  const org = getConfig().ORG_NAME;
  // Titles never carry message content: "<page> · <organisation>".
  return { title: { template: `%s · ${org}`, default: org }, robots: { index: false, follow: false } };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const actor = await getCurrentActor();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <a
          href="#main"
          className="sr-only rounded-md bg-white font-semibold shadow-md focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-10 focus:px-4 focus:py-2"
        >
          {getMessages().common.skipToContent}
        </a>
        <SiteHeader orgName={getConfig().ORG_NAME} actor={actor} />
        <main id="main" tabIndex={-1} className="mx-auto max-w-5xl px-4 py-8 focus:outline-none">
          {children}
        </main>
      </body>
    </html>
  );
}

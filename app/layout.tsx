import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "@/app/globals.css";
import { LanguageSwitcher } from "@/app/_components/language-switcher";
import { SiteHeader } from "@/app/_components/site-header";
import { getCurrentActor } from "@/lib/auth/require-role";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";
import { getBranding } from "@/lib/settings/get-branding";

export async function generateMetadata(): Promise<Metadata> {
  const { orgName } = await getBranding();
  // Titles never carry message content: "<page> · <organisation>".
  return { title: { template: `%s · ${orgName}`, default: orgName }, robots: { index: false, follow: false } };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [actor, locale, branding] = await Promise.all([getCurrentActor(), getRequestLocale(), getBranding()]);
  const t = getMessages(locale).common;
  return (
    <html lang={locale}>
      <body className="flex min-h-screen flex-col">
        <a
          href="#main"
          className="sr-only rounded-md bg-white font-semibold shadow-md focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-10 focus:px-4 focus:py-2"
        >
          {t.skipToContent}
        </a>
        <SiteHeader orgName={branding.orgName} actor={actor} />
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 focus:outline-none">
          {children}
        </main>
        <footer className="border-t border-slate-200 bg-white">
          <div className="mx-auto flex max-w-5xl justify-end px-4 py-3">
            <LanguageSwitcher current={locale} t={t} />
          </div>
        </footer>
      </body>
    </html>
  );
}

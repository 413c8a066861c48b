import type { Metadata } from "next";
import type { SearchParams } from "@/app/_components/page-props";
import { CreateTokenForm } from "@/app/(sender)/settings/tokens/create-token-form";
import { TokenList } from "@/app/(sender)/settings/tokens/token-list";
import { listApiTokens } from "@/lib/admin/list-api-tokens";
import { requireRole } from "@/lib/auth/require-role";
import { getConfig } from "@/lib/config";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getMessages(await getRequestLocale()).apiTokens.title };
}

/** The signed-in sender's (or admin's) own API tokens, with how to use them. */
export default async function ApiTokensPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireRole(["admin", "sender"], "/settings/tokens");
  const locale = await getRequestLocale();
  const t = getMessages(locale).apiTokens;
  const tokens = await listApiTokens(actor, actor.id);
  const config = getConfig();
  const revoked = (await searchParams).done === "revoked";
  return (
    <article className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">{t.title}</h1>
        <p className="text-ink-600">{t.intro}</p>
      </header>
      {revoked && (
        <p role="status" data-testid="token-notice" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900">
          {t.revoked}
        </p>
      )}
      <section aria-labelledby="howto-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="howto-heading" className="text-lg font-semibold">
          {t.howToTitle}
        </h2>
        <p>{t.howToSmtp(config.SMTP_HOSTNAME, config.SMTP_PORT)}</p>
        <p>{t.howToApi(`${config.publicUrl}/api/v1/messages`)}</p>
      </section>
      <section aria-labelledby="create-heading" className="space-y-3">
        <h2 id="create-heading" className="text-lg font-semibold">
          {t.create}
        </h2>
        <CreateTokenForm
          userId={actor.id}
          t={{ name: t.name, nameHint: t.nameHint, create: t.create, creating: t.creating, createdTitle: t.createdTitle, createdNote: t.createdNote, tokenLabel: t.tokenLabel("{name}"), errors: t.errors }}
        />
      </section>
      <section aria-labelledby="tokens-heading" className="space-y-3">
        <h2 id="tokens-heading" className="text-lg font-semibold">
          {t.listTitle}
        </h2>
        <TokenList tokens={tokens} from="own" locale={locale} />
      </section>
    </article>
  );
}

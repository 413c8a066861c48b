import type { Metadata } from "next";
import type { SearchParams } from "@/app/_components/page-props";
import { AddWebhookForm } from "@/app/(sender)/settings/webhooks/add-webhook-form";
import { WebhookCard } from "@/app/(sender)/settings/webhooks/webhook-card";
import { requireRole } from "@/lib/auth/require-role";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getMessages(await getRequestLocale()).webhooks.title };
}

const NOTICES = ["test", "paused", "resumed", "deleted"] as const;

export default async function WebhooksPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireRole(["admin", "sender"], "/settings/webhooks");
  const locale = await getRequestLocale();
  const t = getMessages(locale).webhooks;
  const webhooks = await listWebhooks(actor);
  const done = (await searchParams).done;
  const notice = NOTICES.find((name) => name === done);
  const isAdmin = actor.role === "admin";
  return (
    <article className="space-y-8">
      <header className="space-y-3">
        <h1 className="text-2xl font-semibold">{t.title}</h1>
        <p className="text-ink-600">{t.intro}</p>
        {isAdmin && <p className="text-ink-600">{t.adminIntro}</p>}
        <p className="text-sm text-ink-600">{t.docsHint}</p>
      </header>
      {notice && (
        <p role="status" data-testid="webhook-notice" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900">
          {t.notices[notice]}
        </p>
      )}
      <section aria-labelledby="add-heading" className="space-y-4">
        <h2 id="add-heading" className="text-lg font-semibold">
          {t.addTitle}
        </h2>
        <AddWebhookForm
          t={{
            urlLabel: t.urlLabel,
            urlHint: t.urlHint,
            eventsLegend: t.eventsLegend,
            events: t.events,
            add: t.add,
            adding: t.adding,
            secretTitle: t.secretTitle,
            secretNote: t.secretNote,
            secretLabel: t.secretLabel,
            errors: t.errors,
          }}
        />
      </section>
      <section aria-labelledby="list-heading" className="space-y-4">
        <h2 id="list-heading" className="text-lg font-semibold">
          {isAdmin ? t.listTitleAdmin : t.listTitle}
        </h2>
        {webhooks.length === 0 ? (
          <p className="text-ink-600" data-testid="no-webhooks">
            {t.none}
          </p>
        ) : (
          webhooks.map((webhook) => <WebhookCard key={webhook.id} webhook={webhook} t={t} locale={locale} showOwner={isAdmin && !webhook.ownedByActor} />)
        )}
      </section>
    </article>
  );
}

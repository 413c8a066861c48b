import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DetailList } from "@/app/_components/detail-list";
import type { RouteParams, SearchParams } from "@/app/_components/page-props";
import { AccountSection } from "@/app/(admin)/admin/users/[userId]/account-section";
import { RoleSection } from "@/app/(admin)/admin/users/[userId]/role-section";
import { WebhookList } from "@/app/(admin)/admin/users/[userId]/webhook-list";
import { CreateTokenForm } from "@/app/(sender)/settings/tokens/create-token-form";
import { TokenList } from "@/app/(sender)/settings/tokens/token-list";
import { TOKEN_HOLDER_ROLES } from "@/lib/auth/roles";
import { getManagedUser } from "@/lib/admin/get-managed-user";
import { INVITABLE_ROLES } from "@/lib/admin/invitation-schemas";
import { listApiTokens } from "@/lib/admin/list-api-tokens";
import { listUserWebhooks } from "@/lib/admin/list-user-webhooks";
import { requireRole } from "@/lib/auth/require-role";
import { formatDateTime } from "@/lib/i18n/format-date";
import { getRequestLocale } from "@/lib/i18n/get-request-messages";
import { getMessages } from "@/lib/i18n/messages";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: getMessages(await getRequestLocale()).users.pageTitle };
}

export default async function ManageUserPage({ params, searchParams }: { params: RouteParams<"userId">; searchParams: SearchParams }) {
  const { userId } = await params;
  const actor = await requireRole(["admin"], `/admin/users/${userId}`);
  const user = await getManagedUser(actor, userId);
  if (!user) notFound();
  const locale = await getRequestLocale();
  const messages = getMessages(locale);
  const t = messages.adminUsers.detail;
  const a = messages.adminUsers;
  const u = messages.users;
  const tokensT = messages.apiTokens;
  const staff = (INVITABLE_ROLES as readonly string[]).includes(user.role);
  const holdsTokens = (TOKEN_HOLDER_ROLES as readonly string[]).includes(user.role);
  const [tokens, webhooks] = await Promise.all([holdsTokens ? listApiTokens(actor, user.id) : [], staff ? listUserWebhooks(actor, user.id) : []]);
  const query = await searchParams;
  const notice = typeof query.done === "string" ? t.notices[query.done] : undefined;
  const error = typeof query.error === "string" ? t.errors[query.error] : undefined;
  return (
    <article className="space-y-6">
      <Link href={staff ? "/admin/users" : "/admin/users?tab=recipients"} className="text-sm">
        {t.back}
      </Link>
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold wrap-anywhere">{user.name || user.email}</h1>
        <p className="text-ink-600 wrap-anywhere">{user.email}</p>
      </header>
      {notice && (
        <p role="status" data-testid="user-notice" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900">
          {notice}
        </p>
      )}
      {error && (
        <p role="alert" data-testid="user-error" className="rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
          {error}
        </p>
      )}
      <DetailList
        items={[
          { label: u.role, value: u.roles[user.role] ?? user.role, testId: "detail-role" },
          { label: t.state, value: u.states[user.state], testId: "detail-state" },
          ...(staff ? [{ label: a.mfa, value: user.mfa ? a.mfaOn : a.mfaOff, testId: "detail-mfa" }] : []),
          { label: a.lastSignIn, value: user.lastSignInAt ? formatDateTime(user.lastSignInAt, locale) : a.never },
          { label: t.created, value: formatDateTime(user.createdAt, locale) },
        ]}
      />
      {staff && <RoleSection user={user} t={t} roles={u.roles} />}
      <AccountSection user={user} t={t} staff={staff} />
      {holdsTokens && (
        <section aria-labelledby="tokens-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="tokens-heading" className="text-lg font-semibold">
            {tokensT.adminListTitle}
          </h2>
          <TokenList tokens={tokens} from="admin" locale={locale} />
          {user.state !== "deactivated" && (
            <CreateTokenForm
              userId={user.id}
              t={{
                name: tokensT.name,
                nameHint: tokensT.nameHint,
                create: tokensT.create,
                creating: tokensT.creating,
                createdTitle: tokensT.createdTitle,
                createdNote: tokensT.createdNote,
                tokenLabel: tokensT.tokenLabel("{name}"),
                errors: tokensT.errors,
              }}
            />
          )}
        </section>
      )}
      {staff && (
        <section aria-labelledby="webhooks-heading" className="space-y-3">
          <h2 id="webhooks-heading" className="text-lg font-semibold">
            {t.webhooksTitle}
          </h2>
          <WebhookList userId={user.id} webhooks={webhooks} locale={locale} />
        </section>
      )}
    </article>
  );
}

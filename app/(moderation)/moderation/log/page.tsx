import type { Metadata } from "next";
import Link from "next/link";
import { getRequestTranslator } from "@/components/i18n/server-locale";
import { AuditLogFilters } from "@/components/moderation/log/audit-log-filters";
import { AuditLogTable } from "@/components/moderation/log/audit-log-table";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { auditLogQuerySchema, listAuditLog, listAuditModerators, type AuditLogPage, type AuditLogQuery } from "@/lib/moderation/audit-log";
import "@/components/moderation/log/log.css";
import { requireModeratorPage } from "../moderator-page";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getRequestTranslator();
  return { title: t("dashboard.log.title") };
}

function logHref(query: AuditLogQuery, cursor?: string): string {
  const params = new URLSearchParams();
  if (query.moderator) params.set("moderator", query.moderator);
  if (query.action) params.set("action", query.action);
  if (cursor) params.set("cursor", cursor);
  const search = params.toString();
  return `/moderation/log${search ? `?${search}` : ""}`;
}

/** The audit log: who decided what and when, and every settings change (any moderator). */
export default async function LogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireModeratorPage();
  const { t, locale } = await getRequestTranslator();
  const raw = await searchParams;
  const parsed = auditLogQuerySchema.safeParse({
    moderator: typeof raw.moderator === "string" ? raw.moderator : undefined,
    action: typeof raw.action === "string" ? raw.action : undefined,
    cursor: typeof raw.cursor === "string" ? raw.cursor : undefined,
  });
  const query: AuditLogQuery = parsed.success ? parsed.data : {};
  let problem = parsed.success ? null : t("dashboard.log.badFilter");
  const db = getDb();
  let page: AuditLogPage;
  try {
    page = await listAuditLog(db, query);
  } catch (error) {
    if (!(error instanceof AppError && error.code === "validation")) throw error;
    problem = t("dashboard.log.expired");
    page = await listAuditLog(db, { ...query, cursor: undefined });
  }
  const moderators = await listAuditModerators(db);
  const isFiltered = Boolean(query.moderator || query.action);

  return (
    <div className="log-page">
      <h1>{t("dashboard.log.title")}</h1>
      <p className="log-intro">{t("dashboard.log.intro")}</p>
      <AuditLogFilters moderators={moderators} moderator={query.moderator ?? ""} action={query.action ?? ""} locale={locale} />
      {problem ? (
        <p className="form-alert" role="alert">
          {problem}
        </p>
      ) : null}
      {page.entries.length === 0 ? (
        <p className="log-empty">{isFiltered ? t("dashboard.log.noMatch") : t("dashboard.log.empty")}</p>
      ) : (
        <AuditLogTable entries={page.entries} now={new Date()} locale={locale} />
      )}
      {query.cursor || page.nextCursor ? (
        <nav className="log-pager" aria-label={t("dashboard.log.pages")}>
          {query.cursor ? <Link href={logHref(query)}>{t("dashboard.log.newest")}</Link> : <span />}
          {page.nextCursor ? <Link href={logHref(query, page.nextCursor)}>{t("dashboard.log.older")}</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}

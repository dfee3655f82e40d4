import type { Metadata } from "next";
import Link from "next/link";
import { getRequestTranslator } from "@/components/i18n/server-locale";
import { FillText } from "@/components/moderation/fill-text";
import { ArticleTable, type ArticleRow } from "@/components/moderation/settings/article-table";
import { SettingsForm } from "@/components/moderation/settings/settings-form";
import { getDb } from "@/lib/db";
import { getModerationSettings, isAutoClosed } from "@/lib/moderation/settings";
import { listArticleModeration } from "@/lib/moderation/settings-changes";
import { toModerationSettingsFormValues } from "@/lib/validation/moderation-settings";
import "@/components/moderation/settings/settings.css";
import { requireModeratorPage } from "../moderator-page";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getRequestTranslator();
  return { title: t("dashboard.settings.title") };
}

const ARTICLES_PER_PAGE = 50;

function readPage(value: string | string[] | undefined): number {
  const page = typeof value === "string" && /^\d{1,5}$/.test(value) ? Number(value) : 1;
  return Math.max(1, page);
}

function pageHref(query: string, page: number): string {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return `/moderation/settings${search ? `?${search}` : ""}#settings-articles-title`;
}

/** The moderation settings and the per-article switches (administrators only). */
export default async function SettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const account = await requireModeratorPage();
  const { t, locale } = await getRequestTranslator();
  if (account.role !== "admin") {
    return (
      <div className="settings-page">
        <h1>{t("dashboard.settings.title")}</h1>
        <p className="settings-admin-only" role="alert">
          {t("dashboard.settings.adminOnly")}
        </p>
      </div>
    );
  }

  const params = await searchParams;
  const query = typeof params.q === "string" ? params.q.trim().slice(0, 200) : "";
  const page = readPage(params.page);
  const db = getDb();
  const settings = await getModerationSettings(db);
  const { articles, hasMore } = await listArticleModeration(db, { query, offset: (page - 1) * ARTICLES_PER_PAGE, limit: ARTICLES_PER_PAGE });
  const now = new Date();
  const rows: ArticleRow[] = articles.map((article) => ({
    ...article,
    publishedAt: article.publishedAt.toISOString(),
    isAutoClosed: isAutoClosed(article.publishedAt, settings, now),
  }));

  return (
    <div className="settings-page">
      <h1>{t("dashboard.settings.title")}</h1>
      <p className="settings-intro">
        <FillText text={t("dashboard.settings.intro")} values={{ log: <Link href="/moderation/log?action=settings">{t("dashboard.settings.logLink")}</Link> }} />
      </p>
      <SettingsForm initialValues={toModerationSettingsFormValues(settings)} />
      <ArticleTable
        articles={rows}
        query={query}
        autoCloseAfterDays={settings.autoCloseAfterDays}
        isPreModeratingAll={settings.preModerateAll}
        previousHref={page > 1 ? pageHref(query, page - 1) : null}
        nextHref={hasMore ? pageHref(query, page + 1) : null}
        locale={locale}
      />
    </div>
  );
}

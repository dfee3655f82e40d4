"use client";

import { useId, useState, type FormEvent } from "react";
import { useTranslator } from "@/components/i18n/locale-context";
import { useMessage } from "../use-message";

/** The filters as the address bar holds them (what was typed, even when invalid). */
export interface QueueFilters {
  order: "newest" | "oldest";
  article: string;
  author: string;
}

/** Why a filter was left out, by field (catalog keys, or the server's words). */
export interface QueueFilterErrors {
  order?: string;
  article?: string;
  author?: string;
  cursor?: string;
}

export interface QueueFilterBarProps {
  filters: QueueFilters;
  errors: QueueFilterErrors;
  articles: readonly { slug: string; title: string }[];
  /** Goes to the queue with these filters. */
  onChange: (filters: QueueFilters) => void;
}

/** Article, author (e-mail or IP) and order: each change goes to the address bar. */
export function QueueFilterBar({ filters, errors, articles, onChange }: QueueFilterBarProps) {
  const t = useTranslator();
  const say = useMessage();
  const id = useId();
  const [author, setAuthor] = useState(filters.author);
  const hasArticle = filters.article === "" || articles.some((article) => article.slug === filters.article);
  const isFiltered = filters.article !== "" || filters.author !== "";

  const submitAuthor = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onChange({ ...filters, author: author.trim() });
  };

  return (
    <form className="mq-filters" role="search" aria-label={t("dashboard.filters.label")} onSubmit={submitAuthor}>
      <div className="mq-filter">
        <label htmlFor={`${id}-article`}>{t("dashboard.filters.article")}</label>
        <select
          id={`${id}-article`}
          value={filters.article}
          onChange={(event) => onChange({ ...filters, article: event.target.value })}
          aria-invalid={errors.article ? true : undefined}
          aria-describedby={errors.article ? `${id}-article-error` : undefined}
        >
          <option value="">{t("dashboard.filters.allArticles")}</option>
          {hasArticle ? null : <option value={filters.article}>{filters.article}</option>}
          {articles.map((article) => (
            <option key={article.slug} value={article.slug}>
              {article.title}
            </option>
          ))}
        </select>
        {errors.article ? (
          <p className="mq-filter-error" id={`${id}-article-error`}>
            {say(errors.article)}
          </p>
        ) : null}
      </div>
      <div className="mq-filter mq-filter-author">
        <label htmlFor={`${id}-author`}>{t("dashboard.filters.author")}</label>
        <div className="mq-filter-inline">
          <input
            id={`${id}-author`}
            type="text"
            inputMode="email"
            autoComplete="off"
            spellCheck={false}
            placeholder={t("dashboard.filters.authorPlaceholder")}
            value={author}
            onChange={(event) => setAuthor(event.target.value)}
            aria-invalid={errors.author ? true : undefined}
            aria-describedby={errors.author ? `${id}-author-error` : undefined}
          />
          <button type="submit" className="button mq-filter-apply">
            {t("dashboard.filters.apply")}
          </button>
        </div>
        {errors.author ? (
          <p className="mq-filter-error" id={`${id}-author-error`}>
            {say(errors.author)}
          </p>
        ) : null}
      </div>
      <div className="mq-filter">
        <span className="mq-filter-label" id={`${id}-order`}>
          {t("dashboard.filters.order")}
        </span>
        <div className="mq-toggle" role="group" aria-labelledby={`${id}-order`}>
          {(["newest", "oldest"] as const).map((order) => (
            <button key={order} type="button" aria-pressed={filters.order === order} onClick={() => filters.order !== order && onChange({ ...filters, order })}>
              {order === "newest" ? t("dashboard.filters.newest") : t("dashboard.filters.oldest")}
            </button>
          ))}
        </div>
        {errors.order ? <p className="mq-filter-error">{say(errors.order)}</p> : null}
      </div>
      {isFiltered ? (
        <button type="button" className="link-button mq-filter-clear" onClick={() => onChange({ order: filters.order, article: "", author: "" })}>
          {t("dashboard.filters.clear")}
        </button>
      ) : null}
    </form>
  );
}

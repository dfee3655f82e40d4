"use client";

import { useId, useState, type FormEvent } from "react";

/** The filters as the address bar holds them (what was typed, even when invalid). */
export interface QueueFilters {
  order: "newest" | "oldest";
  article: string;
  author: string;
}

/** Why a filter was left out, by field. */
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
  const id = useId();
  const [author, setAuthor] = useState(filters.author);
  const hasArticle = filters.article === "" || articles.some((article) => article.slug === filters.article);
  const isFiltered = filters.article !== "" || filters.author !== "";

  const submitAuthor = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onChange({ ...filters, author: author.trim() });
  };

  return (
    <form className="mq-filters" role="search" aria-label="Filter the queue" onSubmit={submitAuthor}>
      <div className="mq-filter">
        <label htmlFor={`${id}-article`}>Article</label>
        <select
          id={`${id}-article`}
          value={filters.article}
          onChange={(event) => onChange({ ...filters, article: event.target.value })}
          aria-invalid={errors.article ? true : undefined}
          aria-describedby={errors.article ? `${id}-article-error` : undefined}
        >
          <option value="">All articles</option>
          {hasArticle ? null : <option value={filters.article}>{filters.article}</option>}
          {articles.map((article) => (
            <option key={article.slug} value={article.slug}>
              {article.title}
            </option>
          ))}
        </select>
        {errors.article ? (
          <p className="mq-filter-error" id={`${id}-article-error`}>
            {errors.article}
          </p>
        ) : null}
      </div>
      <div className="mq-filter mq-filter-author">
        <label htmlFor={`${id}-author`}>Author e-mail or IP</label>
        <div className="mq-filter-inline">
          <input
            id={`${id}-author`}
            type="text"
            inputMode="email"
            autoComplete="off"
            spellCheck={false}
            placeholder="name@example.com or 203.0.113.7"
            value={author}
            onChange={(event) => setAuthor(event.target.value)}
            aria-invalid={errors.author ? true : undefined}
            aria-describedby={errors.author ? `${id}-author-error` : undefined}
          />
          <button type="submit" className="button mq-filter-apply">
            Filter
          </button>
        </div>
        {errors.author ? (
          <p className="mq-filter-error" id={`${id}-author-error`}>
            {errors.author}
          </p>
        ) : null}
      </div>
      <div className="mq-filter">
        <span className="mq-filter-label" id={`${id}-order`}>
          Order
        </span>
        <div className="mq-toggle" role="group" aria-labelledby={`${id}-order`}>
          {(["newest", "oldest"] as const).map((order) => (
            <button key={order} type="button" aria-pressed={filters.order === order} onClick={() => filters.order !== order && onChange({ ...filters, order })}>
              {order === "newest" ? "Newest" : "Oldest"}
            </button>
          ))}
        </div>
        {errors.order ? <p className="mq-filter-error">{errors.order}</p> : null}
      </div>
      {isFiltered ? (
        <button type="button" className="link-button mq-filter-clear" onClick={() => onChange({ order: filters.order, article: "", author: "" })}>
          Clear filters
        </button>
      ) : null}
    </form>
  );
}

"use client";

import { useEffect, useId, useState, type FormEvent } from "react";
import type { CommenterData } from "@/lib/privacy/export-commenter-data";
import { commenterEmailSchema } from "@/lib/validation/privacy-request";
import { NETWORK_FAILURE_MESSAGE } from "../dashboard-api";
import { describeCounts, requestDataExport } from "./privacy-api";
import "../bans/bans.css";
import "./privacy.css";

/** A file name for the download: the address's characters that are safe in one. */
function fileNameFor(email: string): string {
  return `reader-data-${email.replace(/[^a-z0-9@._-]/gi, "_")}.json`;
}

/** Exports everything stored about one reader: a summary, the JSON to download, and a preview. */
export function ExportDataForm() {
  const id = useId();
  const [emailError, setEmailError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [isSending, setIsSending] = useState(false);
  const [data, setData] = useState<CommenterData | null>(null);
  const [downloadUrl, setDownloadUrl] = useState<string | null>(null);

  // A new export (or leaving the page) frees the previous file's memory.
  useEffect(() => () => void (downloadUrl && URL.revokeObjectURL(downloadUrl)), [downloadUrl]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isSending) return;
    setFormError(null);
    setData(null);
    setDownloadUrl(null);
    const parsed = commenterEmailSchema.safeParse(new FormData(event.currentTarget).get("email") ?? "");
    if (!parsed.success) {
      setEmailError(parsed.error.issues[0]?.message ?? "Enter a valid e-mail address");
      document.getElementById(`${id}-email`)?.focus();
      return;
    }
    setEmailError(null);
    setIsSending(true);
    const result = await requestDataExport(parsed.data);
    setIsSending(false);
    if (result.kind === "network") setFormError(NETWORK_FAILURE_MESSAGE);
    else if (result.kind === "error") {
      if (result.error.fields.email) setEmailError(result.error.fields.email);
      else setFormError(result.error.message);
    } else {
      setData(result.value);
      setDownloadUrl(URL.createObjectURL(new Blob([`${JSON.stringify(result.value, null, 2)}\n`], { type: "application/json" })));
    }
  };

  return (
    <form className="ban-form privacy-form" onSubmit={(event) => void submit(event)} noValidate aria-label="Export a reader's data">
      <div className="field">
        <label className="field-label" htmlFor={`${id}-email`}>
          Reader&rsquo;s e-mail
        </label>
        <input
          id={`${id}-email`}
          name="email"
          type="email"
          autoComplete="off"
          spellCheck={false}
          required
          aria-invalid={emailError ? true : undefined}
          aria-describedby={emailError ? `${id}-email-error` : undefined}
        />
        {emailError ? (
          <p className="field-error" id={`${id}-email-error`}>
            {emailError}
          </p>
        ) : null}
      </div>
      {formError ? (
        <p className="form-alert" role="alert">
          {formError}
        </p>
      ) : null}
      <div className="ban-actions">
        <button type="submit" className="button button-primary" disabled={isSending}>
          {isSending ? "Exporting…" : "Export data"}
        </button>
        <span className="ban-done" role="status">
          {data ? `Found ${describeCounts(data.comments.length, data.bans.length)} for ${data.email}.` : null}
        </span>
      </div>
      {data && downloadUrl ? (
        <div className="privacy-result">
          <a className="button" href={downloadUrl} download={fileNameFor(data.email)}>
            Download {fileNameFor(data.email)}
          </a>
          <details>
            <summary>Show the data</summary>
            <pre className="privacy-json">{JSON.stringify(data, null, 2)}</pre>
          </details>
        </div>
      ) : null}
    </form>
  );
}

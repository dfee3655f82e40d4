"use client";

import { useTranslator } from "@/components/i18n/locale-context";
import { useMessage } from "../use-message";
import { useEffect, useId, useState, type FormEvent } from "react";
import type { CommenterData } from "@/lib/privacy/export-commenter-data";
import { NETWORK_FAILURE_KEY } from "../dashboard-api";
import { describeCounts, requestDataExport } from "./privacy-api";
import { ReaderEmailField, readReaderEmail } from "./reader-email-field";
import "../bans/bans.css";
import "./privacy.css";

/** A file name for the download: the address's characters that are safe in one. */
function fileNameFor(email: string): string {
  return `reader-data-${email.replace(/[^a-z0-9@._-]/gi, "_")}.json`;
}

/** Exports everything stored about one reader: a summary, the JSON to download, and a preview. */
export function ExportDataForm() {
  const t = useTranslator();
  const say = useMessage();
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
    const { email, error } = readReaderEmail(event.currentTarget, `${id}-email`);
    setEmailError(error);
    if (email === null) return;
    setIsSending(true);
    const result = await requestDataExport(email);
    setIsSending(false);
    if (result.kind === "network") setFormError(NETWORK_FAILURE_KEY);
    else if (result.kind === "error") {
      if (result.error.fields.email) setEmailError(result.error.fields.email);
      else setFormError(result.error.message);
    } else {
      setData(result.value);
      setDownloadUrl(URL.createObjectURL(new Blob([`${JSON.stringify(result.value, null, 2)}\n`], { type: "application/json" })));
    }
  };

  return (
    <form className="ban-form privacy-form" onSubmit={(event) => void submit(event)} noValidate aria-label={t("dashboard.privacy.exportLabel")}>
      <ReaderEmailField fieldId={`${id}-email`} error={emailError} />
      {formError ? (
        <p className="form-alert" role="alert">
          {say(formError)}
        </p>
      ) : null}
      <div className="ban-actions">
        <button type="submit" className="button button-primary" disabled={isSending}>
          {isSending ? t("dashboard.privacy.exporting") : t("dashboard.privacy.exportData")}
        </button>
        <span className="ban-done" role="status">
          {data ? t("dashboard.privacy.found", { ...describeCounts(data.comments.length, data.bans.length, t), email: data.email }) : null}
        </span>
      </div>
      {data && downloadUrl ? (
        <div className="privacy-result">
          <a className="button" href={downloadUrl} download={fileNameFor(data.email)}>
            {t("dashboard.privacy.download", { file: fileNameFor(data.email) })}
          </a>
          <details>
            <summary>{t("dashboard.privacy.showData")}</summary>
            <pre className="privacy-json">{JSON.stringify(data, null, 2)}</pre>
          </details>
        </div>
      ) : null}
    </form>
  );
}

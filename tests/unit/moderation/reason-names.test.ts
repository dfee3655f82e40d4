import { describe, expect, it } from "vitest";
import { markEvidenceInHtml } from "@/components/moderation/queue/evidence-highlight";
import { describeReasonMessage, getCheckName, getReasonLabelName, getReportReasonName } from "@/lib/moderation/reason-names";
import { describeSignInError } from "@/lib/validation/sign-in";

describe("getReasonLabelName", () => {
  it.each([
    ["first_time_commenter", "en", "First-time commenter"],
    ["first_time_commenter", "es", "Comenta por primera vez"],
    ["link_spam", "en", "Link spam and self-promotion"],
    ["ad_hominem", "es", "Ataque personal"],
    ["akismet-timeout", "en", "Akismet did not answer in time"],
    ["check-failed", "en", "A check failed"],
  ] as const)("names %s in %s as %s", (label, locale, name) => {
    expect(getReasonLabelName(label, locale)).toBe(name);
  });
});

describe("getCheckName and getReportReasonName", () => {
  it("names checks and report reasons, readable when unknown", () => {
    expect(getCheckName("link-count", "en")).toBe("Link count");
    expect(getCheckName("self-promotion", "es")).toBe("Autopromoción");
    expect(getReportReasonName("other", "es")).toBe("Otro motivo");
    expect(getReportReasonName("ad_hominem", "en")).toBe("Personal attack");
  });
});

describe("describeReasonMessage", () => {
  const reason = (check: string, label: string, message: string, rule?: string) => ({ check, label, action: "hold", evidence: { message, ...(rule ? { rule } : {}) } });

  it.each([
    [reason("link-count", "link_spam", "Contains 1 links (the limit is 0)"), "en", "Contains 1 link (the limit is 0)"],
    [reason("link-count", "link_spam", "Contains 3 links (the limit is 1)"), "es", "Contiene 3 enlaces (el límite es 1)"],
    [reason("first-time-commenter", "first_time_commenter", "The author has 0 approved comments; 1 needed to post without review"), "es", "El autor tiene 0 comentarios aprobados; necesita 1 para publicar sin revisión"],
    [reason("banned-words", "banned_word", "Uses a banned word: viagra"), "es", "Usa una palabra prohibida: viagra"],
    [reason("pre-moderation", "pre_moderation", "Every new comment waits…", "pre-moderate-all"), "es", "Todo comentario nuevo espera a un moderador (la moderación previa de todo el sitio está activada)"],
    [reason("ad-hominem", "ad_hominem", "ad hominem: idiot, liar"), "en", "Matched: idiot, liar"],
    [reason("offensive-model", "abuse", "The model scores this offensive 0.91"), "es", "The model scores this offensive 0.91"],
  ] as const)("writes %o in %s", (input, locale, text) => {
    expect(describeReasonMessage(input, locale)).toBe(text);
  });
});

describe("markEvidenceInHtml", () => {
  it("marks each segment where it stands whole in the rendered text, escaping as the renderer does", () => {
    const html = "<p>You are a <em>pathetic</em> idiot &amp; a liar</p>";
    const marked = markEvidenceInHtml(html, [
      { text: "You are a ", titles: [] },
      { text: "idiot & a liar", titles: ["Personal attack"] },
    ]);
    expect(marked).toBe('<p>You are a <em>pathetic</em> <mark title="Personal attack">idiot &amp; a liar</mark></p>');
  });

  it("leaves the HTML alone when a segment is split by markup or absent", () => {
    const html = "<p>a <strong>bold</strong> claim</p>";
    expect(markEvidenceInHtml(html, [{ text: "bold claim", titles: ["x"] }])).toBe(html);
  });

  it("never marks inside a tag", () => {
    const html = '<p><a href="https://example.org/report" rel="nofollow">https://example.org/report</a></p>';
    expect(markEvidenceInHtml(html, [{ text: "https://example.org/report", titles: ["Link count"] }])).toBe(
      '<p><a href="https://example.org/report" rel="nofollow"><mark title="Link count">https://example.org/report</mark></a></p>',
    );
  });
});

describe("describeSignInError", () => {
  it.each([
    [null, null],
    ["CredentialsSignin", { message: "dashboard.login.wrongCredentials" }],
    ["SessionRequired", { message: "dashboard.login.sessionRequired" }],
    ["OAuthSignin", { message: "dashboard.login.failed" }],
    ["Too many failed sign-ins for this account: it is locked for 1 more minute.", { message: "dashboard.login.lockedOut", params: { count: 1 } }],
    ["Something else went wrong.", { message: "Something else went wrong." }],
  ])("reads %s", (error, described) => {
    expect(describeSignInError(error)).toEqual(described);
  });
});

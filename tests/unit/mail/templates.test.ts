import { describe, expect, it } from "vitest";
import { outboxMailSchema, toMailPayload } from "@/lib/mail/mail-message";
import { escapeHtml, renderMail } from "@/lib/mail/templates";
import { defaultSender } from "@/lib/mail/transport";
import { excerptOf, heldReasonsOf } from "@/lib/notifications/moderator-alerts";

describe("renderMail", () => {
  const mail = renderMail({
    siteName: "Daily <News>",
    subject: "A comment on “Tax & <b>spend</b>”\r\nBcc: x@example.org",
    blocks: [
      { kind: "paragraph", text: "Ana's comment <script>alert(1)</script> was held." },
      { kind: "quote", text: "line one\nline <two>" },
      { kind: "list", items: ["ad_hominem: a personal attack", "a & b"] },
      { kind: "action", label: "Open it", url: "https://comments.example.com/moderation/queue/pending?article=a&x=1#mod-comment-c1" },
      { kind: "action", label: "Not a link", url: "javascript:alert(1)" },
    ],
    footer: [{ kind: "paragraph", text: "Why you get this." }],
  });

  it("puts the site's name in the subject and keeps the subject on one line", () => {
    expect(mail.subject).toBe("[Daily <News>] A comment on “Tax & <b>spend</b>” Bcc: x@example.org");
  });

  it("escapes every value in the HTML part", () => {
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("Ana&#39;s comment &lt;script&gt;alert(1)&lt;/script&gt; was held.");
    expect(mail.html).toContain("line &lt;two&gt;");
    expect(mail.html).toContain("<li>a &amp; b</li>");
    expect(mail.html).toContain("Daily &lt;News&gt;");
    expect(mail.html).toContain('href="https://comments.example.com/moderation/queue/pending?article=a&amp;x=1#mod-comment-c1"');
  });

  it("links only http(s) URLs", () => {
    expect(mail.html).not.toContain('href="javascript:');
    expect(mail.html).toContain("Not a link: javascript:alert(1)");
  });

  it("writes the same content as plain text, quotes marked, links spelled out, the site's name in the footer", () => {
    expect(mail.text).toContain("Ana's comment <script>alert(1)</script> was held.");
    expect(mail.text).toContain("> line one\n> line <two>");
    expect(mail.text).toContain("- ad_hominem: a personal attack");
    expect(mail.text).toContain("Open it: https://comments.example.com/moderation/queue/pending?article=a&x=1#mod-comment-c1");
    expect(mail.text).toMatch(/\n-- \n\nDaily <News> · comments moderated with Tertulia\nWhy you get this\.\n$/);
  });

  it("is a valid outbox mail payload", () => {
    expect(outboxMailSchema.safeParse(toMailPayload({ to: "mod@example.org", ...mail })).success).toBe(true);
  });
});

describe("escapeHtml", () => {
  it.each([
    ["<>&\"'", "&lt;&gt;&amp;&quot;&#39;"],
    ["plain", "plain"],
  ])("escapes %s", (input, output) => {
    expect(escapeHtml(input)).toBe(output);
  });
});

describe("defaultSender", () => {
  it.each([
    [undefined, "Tertulia <no-reply@localhost>"],
    ["https://comments.example.com", "Tertulia <no-reply@comments.example.com>"],
    ["http://news.example:8080/comments", "Tertulia <no-reply@news.example>"],
  ])("for PUBLIC_URL %s is %s", (publicUrl, sender) => {
    expect(defaultSender(publicUrl)).toBe(sender);
  });
});

describe("heldReasonsOf", () => {
  it("names the verdicts that held the comment, not the flags", () => {
    const verdicts = [
      { label: "profanity", action: "flag", evidence: { message: "mild word" } },
      { label: "ad_hominem", action: "hold", evidence: { message: "a personal attack" } },
    ];
    expect(heldReasonsOf(verdicts)).toEqual([{ label: "ad_hominem", message: "a personal attack" }]);
  });

  it("falls back to every verdict when none asked to hold", () => {
    expect(heldReasonsOf([{ label: "first_time", action: "flag", evidence: null }])).toEqual([{ label: "first_time", message: "" }]);
  });
});

describe("excerptOf", () => {
  it("keeps short text and cuts long text at a word", () => {
    expect(excerptOf("  short  ")).toBe("short");
    expect(excerptOf("word ".repeat(200), 40)).toBe(`${"word ".repeat(8).trim()}…`);
  });
});

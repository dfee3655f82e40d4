import { describe, expect, it } from "vitest";
import { renderArticleHtml, renderCommentHtml } from "@/lib/comments/render-body";

describe("renderCommentHtml", () => {
  it("wraps text in paragraphs and keeps single line breaks", () => {
    expect(renderCommentHtml("first line\nsecond line\n\nnext paragraph")).toBe("<p>first line<br />\nsecond line</p>\n<p>next paragraph</p>");
  });

  it("renders emphasis and quotes", () => {
    expect(renderCommentHtml("*this* and **that**")).toBe("<p><em>this</em> and <strong>that</strong></p>");
    expect(renderCommentHtml("> quoted\n\nanswer")).toContain("<blockquote>\n<p>quoted</p>\n</blockquote>");
  });

  it("marks every link nofollow ugc noopener", () => {
    expect(renderCommentHtml("[source](https://example.org/a)")).toBe('<p><a href="https://example.org/a" rel="nofollow ugc noopener">source</a></p>');
    expect(renderCommentHtml("see https://example.org/b")).toContain('<a href="https://example.org/b" rel="nofollow ugc noopener">');
  });

  it.each([
    ["a script tag", "<script>alert(1)</script>hello", "<script"],
    ["an inline event handler", '<img src=x onerror="alert(1)">', "<img"],
    ["a javascript: link", "[click](javascript:alert(1))", 'href="javascript:'],
    ["a data: link", "[click](data:text/html;base64,PHNjcmlwdD4=)", 'href="data:'],
    ["an iframe", '<iframe src="https://evil.example"></iframe>', "<iframe"],
    ["a style attribute", '<p style="position:fixed">x</p>', "<p style"],
  ])("lets no raw HTML through: %s", (_name, input, forbidden) => {
    expect(renderCommentHtml(input)).not.toContain(forbidden);
  });

  it("shows raw HTML as text instead of dropping what the reader wrote", () => {
    expect(renderCommentHtml("1 < 2 and <b>bold</b>")).toBe("<p>1 &lt; 2 and &lt;b&gt;bold&lt;/b&gt;</p>");
  });

  it("does not render headings, images or lists in comments", () => {
    const html = renderCommentHtml("# Title\n\n![img](https://example.org/i.png)\n\n- item");
    expect(html).not.toMatch(/<h1|<img|<ul|<li/);
    expect(html).toContain("# Title");
  });
});

describe("renderArticleHtml", () => {
  it("renders headings, lists and rules for articles", () => {
    const html = renderArticleHtml("## Section\n\n1. one\n2. two\n\n---");
    expect(html).toContain("<h2>Section</h2>");
    expect(html).toContain("<ol>");
    expect(html).toContain("<hr />");
  });

  it("still strips raw HTML from article bodies", () => {
    expect(renderArticleHtml("<script>x()</script>text")).not.toContain("<script");
  });
});

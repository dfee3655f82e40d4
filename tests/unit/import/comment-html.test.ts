import { describe, expect, it } from "vitest";
import { renderCommentHtml } from "@/lib/comments/render-body";
import { commentHtmlToWordPress, htmlToCommentBody, htmlToPlainText } from "@/lib/import/comment-html";

describe("htmlToCommentBody", () => {
  it.each([
    ["WordPress newlines as breaks and paragraphs", "one\ntwo\n\nthree", "breaks", "one\ntwo\n\nthree"],
    ["Disqus newlines as spaces, <p> and <br> as structure", "<p>one\ntwo</p><p>three<br>four</p>", "spaces", "one two\n\nthree\nfour"],
    ["bold and italic as strong and emphasis", "<b>bold</b> <i>it</i> <strong> spaced </strong>", "breaks", "**bold** *it*  **spaced**"],
    ["links with their text, unsafe ones as text", '<a href="https://a.example/x y">A</a> <a href="javascript:alert(1)">B</a>', "breaks", "[A](https://a.example/x%20y) B"],
    ["quotes with their paragraphs", "<blockquote><p>q1</p><p>q2</p></blockquote>after", "spaces", "> q1\n>\n> q2\n\nafter"],
    ["scripts and styles with their text", "a<script>alert(1)</script><style>p{}</style>b", "breaks", "ab"],
    ["markdown the writer typed, escaped", "2 * 3 = [six] _x_ snake_case &lt;http://x&gt; \\o/\n&gt; not a quote", "breaks", "2 \\* 3 = \\[six\\] \\_x\\_ snake_case \\<http://x> \\\\o/\n\\> not a quote"],
    ["entities decoded", "caf&eacute; &amp; &lt;b&gt; &#8217;", "breaks", "café & \\<b> ’"],
    ["control characters dropped", "a\u0000b\u0007c", "breaks", "abc"],
    ["nothing readable", "<p> </p><script>x</script>", "spaces", ""],
  ] as const)("reads %s", (_name, html, newlines, body) => {
    expect(htmlToCommentBody(html, newlines)).toBe(body);
  });

  it("gives text that renders back to what it was: the writer's characters as text, the markup as markup", () => {
    expect(renderCommentHtml(htmlToCommentBody("2 * 3 = [six] _x_ <em>yes</em> &lt;b&gt;", "breaks"))).toBe("<p>2 * 3 = [six] _x_ <em>yes</em> &lt;b&gt;</p>");
  });
});

describe("commentHtmlToWordPress", () => {
  it.each([
    "plain",
    "two\nlines\n\nand a paragraph",
    "*em* and **strong** and [a link](https://example.org/?a=1&b=2)",
    "before\n\n> quoted\n>\n> twice\n\nafter",
  ])("writes %j so that importing it renders the same HTML", (body) => {
    const html = renderCommentHtml(body);
    expect(renderCommentHtml(htmlToCommentBody(commentHtmlToWordPress(html), "breaks"))).toBe(html);
  });
});

describe("htmlToPlainText", () => {
  it("decodes entities and drops tags in titles", () => {
    expect(htmlToPlainText("Don&#8217;t <em>panic</em> &amp;  go")).toBe("Don’t panic & go");
  });
});

// The accessibility check every e2e spec uses: axe-core in the page as it is
// now (comments, errors and open forms on screen), against WCAG 2.1 A/AA and
// axe's best practices, failing with each violation's rule and elements.
// axe-core is injected straight from its package (the Playwright wrapper needs
// Node 22); each frame of the page (the framed thread on a host page) is
// checked on its own, as a reader's assistive technology reads it.
import { createRequire } from "node:module";
import { expect, type Frame, type Page } from "@playwright/test";

const axeSource = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** The rule sets the project holds itself to. */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

async function runAxe(frame: Frame): Promise<AxeViolation[]> {
  if (!(await frame.evaluate(() => "axe" in window))) await frame.addScriptTag({ path: axeSource });
  return frame.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    // Each frame is checked by itself below, so the rule asking for that is answered.
    const results = await axe.run(document, { runOnly: { type: "tag", values: tags }, rules: { "frame-tested": { enabled: false } }, iframes: false });
    return results.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })) }));
  }, AXE_TAGS);
}

/** Fails the test with a readable list when axe finds any violation in the page or any of its frames. */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const found: string[] = [];
  for (const frame of page.frames()) {
    if (frame.isDetached() || (frame !== page.mainFrame() && frame.url() === "about:blank")) continue;
    const label = frame === page.mainFrame() ? "" : `[frame ${frame.url()}] `;
    for (const violation of await runAxe(frame)) {
      found.push(`${label}${violation.id} (${violation.impact ?? "?"}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).slice(0, 5).join(" | ")} (${(violation.nodes[0]?.failureSummary ?? "").replace(/\s+/g, " ").slice(0, 300)})`);
    }
  }
  expect(found, `axe on ${where}`).toEqual([]);
}

/** The widths every page is checked at. */
export const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;

// The accessibility check every e2e spec uses: axe-core in the page as it is
// now (comments, errors and open forms on screen), against WCAG 2.1 A/AA and
// axe's best practices, failing with each violation's rule and elements.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** The rule sets the project holds itself to. */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

/** Fails the test with a readable list when axe finds any violation on the page. */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const violations = results.violations.map((violation) => `${violation.id} (${violation.impact ?? "?"}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).slice(0, 5).join(" | ")}`);
  expect(violations, `axe on ${where}`).toEqual([]);
}

/** The widths every page is checked at. */
export const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;

// The site owner's pages for the embedding tests (playwright.config.ts serves them and creates the site).

const appPort = Number(process.env.E2E_PORT ?? 3100);

/** The first origin may embed the e2e site's threads; the second may not. */
export const hostPorts = { allowed: appPort + 2, refused: appPort + 3 } as const;

/** The site the allowed origin embeds. */
export const e2eSiteKey = "e2e-host";

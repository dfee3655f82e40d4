// Runs once when a Next.js server starts (`npm run dev`, and `npm start`'s
// server), before it answers any request: the app opens its database here, so
// on the embedded database it owns the data directory and serves it to the
// project's commands from the first moment (lib/db.ts serveDatabase). A data
// directory that another app serves, or one that is damaged, stops the
// server at once with a message that says so. It also starts pruning rows
// that only matter for a while, the outbox's worker and the moderators' and readers' digests.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  // Before any page loads next-auth's modules, which read its variables once.
  const { configureAuthEnvironment } = await import("./lib/env");
  configureAuthEnvironment();
  const { getDb, serveDatabaseOrExit } = await import("./lib/db");
  await serveDatabaseOrExit();
  // Spent captchas and old sign-in attempts would otherwise pile up forever (every instance prunes; that is harmless).
  const { startPruning } = await import("./lib/housekeeping/prune-expired-rows");
  startPruning(getDb);
  // Mails and webhook deliveries written by the app (and by other instances) go out from here, each once (lib/outbox).
  const [{ startOutboxWorker }, { sendOutboxMail }, { deliverWebhook }] = await Promise.all([
    import("./lib/outbox/outbox"),
    import("./lib/mail/send-outbox-mail"),
    import("./lib/webhooks/deliver-webhook"),
  ]);
  startOutboxWorker(getDb, { mail: sendOutboxMail, webhook: deliverWebhook });
  // Moderators who chose the hourly digest get it from whichever instance looks first (it also says whether mail is on).
  const [{ startModeratorDigests }, { startFollowDigests }] = await Promise.all([import("./lib/notifications/moderator-digest"), import("./lib/notifications/reader-digest")]);
  startModeratorDigests(getDb);
  // Readers following a discussion get its newly approved comments at most hourly, the same way.
  startFollowDigests(getDb);
}

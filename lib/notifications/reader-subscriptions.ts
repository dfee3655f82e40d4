// Confirming an address and unsubscribing it, from the signed links in
// readers' mails. Confirming is a POST (the page's button): mail scanners that
// fetch links must not confirm for the reader. Unsubscribing stops every mail
// to the address at once, including the ones still waiting in the outbox.
import type { Db } from "../db";
import { getSigningSecret } from "../comments/posting-services";
import { AppError } from "../errors";
import { readReaderToken, type ReaderTokenPurpose } from "./reader-tokens";

/** What the confirm and unsubscribe pages and routes read and write. */
export type ReaderAddressClient = Pick<Db, "mailRecipient" | "mailSubscription" | "outboxMessage" | "$transaction">;

/** Where an address stands. */
export type ReaderAddressState = "unconfirmed" | "confirmed" | "unsubscribed";

const invalidLink = (purpose: ReaderTokenPurpose) =>
  new AppError("validation", purpose === "confirm" ? "api.notifications.badConfirmLink" : "api.notifications.badUnsubscribeLink", { fields: { token: "api.notifications.notOurLink" } });

const unknownAddress = () => new AppError("not_found", "api.notifications.addressGone", { fields: { token: "api.notifications.noSuchAddress" } });

async function requireRecipient(db: Pick<Db, "mailRecipient">, purpose: ReaderTokenPurpose, token: unknown) {
  const recipientId = readReaderToken(getSigningSecret(), purpose, token);
  if (!recipientId) throw invalidLink(purpose);
  const recipient = await db.mailRecipient.findUnique({ where: { id: recipientId }, select: { id: true, confirmedAt: true, unsubscribedAt: true } });
  if (!recipient) throw unknownAddress();
  return recipient;
}

function stateOf(recipient: { confirmedAt: Date | null; unsubscribedAt: Date | null }): ReaderAddressState {
  return recipient.unsubscribedAt !== null ? "unsubscribed" : recipient.confirmedAt !== null ? "confirmed" : "unconfirmed";
}

/** The state of the address a link names, for its page; throws validation (forged) or not_found (gone). */
export async function requireReaderAddressState(db: Pick<Db, "mailRecipient">, purpose: ReaderTokenPurpose, token: unknown): Promise<ReaderAddressState> {
  return stateOf(await requireRecipient(db, purpose, token));
}

/** Confirms the address (again after an unsubscribe: a confirmation is a fresh consent); confirming twice changes nothing. */
export async function confirmReaderAddress(db: Pick<Db, "mailRecipient">, token: unknown, now = new Date()): Promise<{ state: "confirmed" }> {
  const recipient = await requireRecipient(db, "confirm", token);
  if (recipient.confirmedAt === null || recipient.unsubscribedAt !== null) {
    await db.mailRecipient.update({ where: { id: recipient.id }, data: { confirmedAt: now, unsubscribedAt: null } });
  }
  return { state: "confirmed" };
}

/** Stops every mail to the address: its subscriptions go, and so do its reader mails not yet sent. */
export async function unsubscribeReaderAddress(db: ReaderAddressClient, token: unknown, now = new Date()): Promise<{ state: "unsubscribed" }> {
  const recipient = await requireRecipient(db, "unsubscribe", token);
  await db.$transaction(async (tx) => {
    await tx.mailRecipient.update({ where: { id: recipient.id }, data: { unsubscribedAt: now, confirmedAt: null } });
    await tx.mailSubscription.deleteMany({ where: { recipientId: recipient.id } });
    // Not one being sent right now (its claim holds): the worker records that try.
    await tx.outboxMessage.deleteMany({
      where: {
        kind: "mail",
        sentAt: null,
        OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }],
        AND: [{ OR: [{ dedupeKey: { startsWith: "reply:", endsWith: `:${recipient.id}` } }, { dedupeKey: { startsWith: `follow:${recipient.id}:` } }] }],
      },
    });
  });
  return { state: "unsubscribed" };
}

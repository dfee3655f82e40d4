import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { BanTable } from "@/components/moderation/bans/ban-table";
import { NewBanForm } from "@/components/moderation/bans/new-ban-form";
import { canModerate } from "@/lib/auth/moderators";
import { getSignedInAccount } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listBans } from "@/lib/moderation/bans";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Bans" };

/** Banned authors: ban one, see who is banned and why, lift a ban. */
export default async function BansPage() {
  // The layout checks too, but it renders alongside this page: the list must not be read for anyone else.
  const account = await getSignedInAccount();
  if (!account) redirect("/login?callbackUrl=/moderation/bans");
  if (!canModerate(account)) redirect("/forbidden");

  const now = new Date();
  const bans = await listBans(getDb(), {}, now);
  const active = bans.filter((ban) => ban.isActive);
  const ended = bans.filter((ban) => !ban.isActive);

  return (
    <>
      <h1>Bans</h1>
      <p className="bans-lead">A banned author cannot post: their comments are refused with the reason you give. Lifting the ban lets them post again.</p>
      <section className="bans-section" aria-labelledby="ban-author-heading">
        <h2 id="ban-author-heading">Ban an author</h2>
        <NewBanForm />
      </section>
      <section className="bans-section" aria-labelledby="active-bans-heading">
        <h2 id="active-bans-heading">
          Active bans <span className="bans-count">({active.length})</span>
        </h2>
        <BanTable bans={active} caption="Active bans" emptyText="No one is banned." now={now} />
      </section>
      <section className="bans-section" aria-labelledby="ended-bans-heading">
        <h2 id="ended-bans-heading">
          Lifted bans <span className="bans-count">({ended.length})</span>
        </h2>
        <BanTable bans={ended} caption="Lifted and expired bans" emptyText="No ban has been lifted yet." now={now} />
      </section>
    </>
  );
}

import type { Metadata } from "next";
import { BanTable } from "@/components/moderation/bans/ban-table";
import { NewBanForm } from "@/components/moderation/bans/new-ban-form";
import { getDb } from "@/lib/db";
import { listBans } from "@/lib/moderation/bans";
import { requireModeratorPage } from "../moderator-page";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Bans" };

/** Banned authors: ban one, see who is banned and why, lift a ban. */
export default async function BansPage() {
  await requireModeratorPage();

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

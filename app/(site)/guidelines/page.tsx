import type { Metadata } from "next";
import Link from "next/link";
import { DISCUSSION_POLICY } from "@/lib/content/policy";

export const metadata: Metadata = { title: "Community guidelines" };

export default function GuidelinesPage() {
  return (
    <article className="prose">
      <h1 className="page-title">Community guidelines</h1>
      <p className="policy">{DISCUSSION_POLICY}</p>

      <h2>Welcome: debate and dissent</h2>
      <p>
        Disagree with the article, with its author&apos;s argument, with other commenters, with governments, parties and public figures — sharply,
        sarcastically, angrily if you must. Criticise what people <em>say and do</em>. Bring evidence, quote the passage you are answering, and expect
        the same from others.
      </p>

      <h2>Not tolerated</h2>
      <ul>
        <li>
          <strong>Personal (ad hominem) attacks</strong> on the author, other commenters or anyone else: insults, name-calling and attacks on a
          person&apos;s character, intelligence, motives or appearance instead of their argument. &ldquo;This argument ignores the 2018 figures&rdquo; is
          debate; &ldquo;only an idiot would write this&rdquo; is not.
        </li>
        <li>
          <strong>Abuse</strong>: harassment, slurs, degrading language, and attacks on people for their ethnicity, nationality, religion, gender,
          sexual orientation, disability or other protected characteristics.
        </li>
        <li>
          <strong>Threats</strong> of violence or harm against anyone, and wishing harm on them.
        </li>
        <li>
          <strong>Defamatory language</strong>: stating as fact that an identified person committed a crime or grave wrongdoing without support.
          Say what you believe and why (&ldquo;I think&rdquo;, &ldquo;the report alleges&rdquo;) and link to your source.
        </li>
        <li>
          <strong>Deliberate disruption</strong>: flooding, repeated posts, shouting in capitals, walls of emoji or punctuation, gibberish,
          off-topic campaigns, and spam or self-promotion.
        </li>
      </ul>

      <h2>How moderation works</h2>
      <p>
        Every comment is checked when it is posted. Most appear at once. Some are held for a moderator — for example a first comment, a comment with
        several links, or one that our checks think may break these rules — and appear once approved. Comments that break the rules are rejected;
        spam is removed. Moderators see why a comment was held and make the final call. Repeated or serious breaches can lead to a ban.
      </p>
      <p>
        If you see a comment that breaks these guidelines, report it rather than replying in kind. Moderators review every report.
      </p>

      <h2>Your data</h2>
      <p>
        What we store when you comment, and for how long, is on the <Link href="/privacy">privacy page</Link>.
      </p>
    </article>
  );
}

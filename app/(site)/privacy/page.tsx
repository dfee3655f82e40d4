import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { getModerationSettings } from "@/lib/moderation/settings";

// The retention period and the contact are settings an administrator changes: read on each request.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "How comment data is processed" };

/** The contact the administrators set, as a link: an e-mail address opens the reader's mail program. */
function ContactLink({ contact }: { contact: string }) {
  const isWebAddress = /^https?:\/\//i.test(contact);
  return <a href={isWebAddress ? contact : `mailto:${contact}`}>{contact}</a>;
}

export default async function PrivacyPage() {
  const { ipRetentionDays, privacyContact } = await getModerationSettings(getDb());
  return (
    <article className="prose">
      <h1 className="page-title">How your comment data is processed</h1>
      <p>This page explains what we store when you post a comment, why, who else sees it, and for how long.</p>

      <h2>What we store</h2>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Data</th>
            <th scope="col">Shown publicly?</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>Your name and the comment as you wrote it</td>
            <td>Yes</td>
            <td>That is the comment.</td>
          </tr>
          <tr>
            <td>Your website, if you give one</td>
            <td>Yes, as a link on your name</td>
            <td>You asked for it to be shown.</td>
          </tr>
          <tr>
            <td>Your e-mail address</td>
            <td>No, never</td>
            <td>To recognise returning commenters, to contact you about your comment, and to enforce bans.</td>
          </tr>
          <tr>
            <td>Your IP address, browser user agent and the page you came from (referrer), and the time</td>
            <td>No</td>
            <td>To fight spam and abuse: rate limits, duplicate checks, bans, and the spam check below.</td>
          </tr>
          <tr>
            <td>The results of our moderation checks and any moderator decisions</td>
            <td>No</td>
            <td>So moderators can see why a comment was held, and so decisions can be reviewed.</td>
          </tr>
        </tbody>
      </table>
      <p>
        If posting fails, your browser keeps a draft of your comment (and your name, e-mail and website) in its own local storage so you do not lose
        it. That draft stays on your device; clear it by clearing the site&apos;s data in your browser.
      </p>

      <h2>Akismet</h2>
      <p>
        This site uses Akismet, a spam-filtering service run by Automattic, to reduce spam. When you post a comment, its text, your name, e-mail
        address, website, IP address, user agent and referrer are sent to Akismet to check whether the comment is spam. When a moderator marks a
        comment as spam or not spam, that is reported to Akismet too, to improve its filter. Akismet processes this data under its own privacy
        notice: <a href="https://akismet.com/privacy/">akismet.com/privacy</a>. If the site has no Akismet key configured, nothing is sent.
      </p>

      <h2>How long we keep it</h2>
      <ul>
        <li>Approved comments, with your name and website, stay published for as long as the article does, unless you ask us to remove them.</li>
        <li>
          Your IP address, user agent and referrer are removed from each comment {ipRetentionDays} days after you post it: by then they have done
          their job against spam and abuse. The comment itself stays.
        </li>
        <li>Your e-mail address is kept with your comments, so moderators can recognise repeat abuse and enforce bans, until you ask us to erase it.</li>
        <li>Comments that are rejected or marked as spam are kept, unpublished, so moderators can review decisions and recognise repeat abuse.</li>
      </ul>

      <h2>Your rights: a copy of your data, or its erasure</h2>
      <p>
        You can ask for a copy of everything stored about you as a commenter, or for all of it to be erased. Say which, and give the e-mail address you
        comment with: that address is how your comments are found.
      </p>
      <p>
        {privacyContact ? (
          <>
            Send your request to <ContactLink contact={privacyContact} />.
          </>
        ) : (
          <>Send your request to the editors of this site through their usual contact address, and mention that it is about your comments.</>
        )}{" "}
        We may write back to that e-mail address first, to make sure the request comes from you.
      </p>
      <ul>
        <li>
          <strong>A copy</strong> comes as a JSON file: your comments as you wrote them, with the article, the time, the status, the IP address and
          browser still kept with them, the labels our moderation checks gave them, and any ban on your address.
        </li>
        <li>
          <strong>Erasure</strong> removes your name, e-mail address, website, IP addresses and user agent everywhere they are stored, and replaces the
          text of your comments with &ldquo;[deleted]&rdquo;. The placeholders stay so that other people&rsquo;s replies keep their place in the
          discussion. A ban on your address ends with it.
        </li>
      </ul>
      <p>
        Both requests are recorded, without your address (only a keyed fingerprint of it), so that we can show they were handled. Read the{" "}
        <Link href="/guidelines">community guidelines</Link> for how discussion is moderated.
      </p>
    </article>
  );
}

import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "How comment data is processed" };

export default function PrivacyPage() {
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
          Your e-mail, IP address, user agent and referrer are kept with the comment for as long as the comment is kept, so moderators can act on
          abuse and spam.
        </li>
        <li>Comments that are rejected or marked as spam are kept, unpublished, so moderators can review decisions and recognise repeat abuse.</li>
      </ul>

      <h2>Your rights</h2>
      <p>
        You can ask the site to show you, correct or delete the comments and data connected with your e-mail address. Read the{" "}
        <Link href="/guidelines">community guidelines</Link> for how discussion is moderated.
      </p>
    </article>
  );
}

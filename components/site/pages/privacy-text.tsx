// How comment data is processed, in each language the site speaks: the
// retention period and the contact are the administrators' settings.
import type { ComponentType } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { LangLink } from "@/components/site/lang-link";

/** What the privacy text needs from the settings. */
export interface PrivacyTextProps {
  ipRetentionDays: number;
  privacyContact: string | null;
}

/** The contact the administrators set, as a link: an e-mail address opens the reader's mail program. */
export function ContactLink({ contact }: { contact: string }) {
  const isWebAddress = /^https?:\/\//i.test(contact);
  return <a href={isWebAddress ? contact : `mailto:${contact}`}>{contact}</a>;
}

function PrivacyEnglish({ ipRetentionDays, privacyContact }: PrivacyTextProps) {
  return (
    <>
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
        <LangLink href="/guidelines">community guidelines</LangLink> for how discussion is moderated.
      </p>
    </>
  );
}

function PrivacySpanish({ ipRetentionDays, privacyContact }: PrivacyTextProps) {
  return (
    <>
      <p>Esta página explica qué guardamos cuando publicas un comentario, por qué, quién más lo ve y durante cuánto tiempo.</p>

      <h2>Qué guardamos</h2>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Dato</th>
            <th scope="col">¿Se muestra públicamente?</th>
            <th scope="col">Para qué</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>Tu nombre y el comentario tal como lo escribiste</td>
            <td>Sí</td>
            <td>Es el comentario.</td>
          </tr>
          <tr>
            <td>Tu sitio web, si lo indicas</td>
            <td>Sí, como enlace en tu nombre</td>
            <td>Pediste que se mostrara.</td>
          </tr>
          <tr>
            <td>Tu dirección de correo electrónico</td>
            <td>No, nunca</td>
            <td>Para reconocer a quien vuelve a comentar, para contactarte sobre tu comentario y para aplicar expulsiones.</td>
          </tr>
          <tr>
            <td>Tu dirección IP, el agente de usuario de tu navegador, la página desde la que llegaste (referente) y la hora</td>
            <td>No</td>
            <td>Para combatir el spam y el abuso: límites de frecuencia, detección de duplicados, expulsiones y la comprobación de spam que se explica abajo.</td>
          </tr>
          <tr>
            <td>Los resultados de nuestras comprobaciones de moderación y las decisiones de los moderadores</td>
            <td>No</td>
            <td>Para que los moderadores vean por qué se retuvo un comentario y para poder revisar las decisiones.</td>
          </tr>
        </tbody>
      </table>
      <p>
        Si la publicación falla, tu navegador guarda un borrador de tu comentario (y tu nombre, correo y sitio web) en su propio almacenamiento local
        para que no lo pierdas. Ese borrador se queda en tu dispositivo; bórralo eliminando los datos del sitio en tu navegador.
      </p>

      <h2>Akismet</h2>
      <p>
        Este sitio usa Akismet, un servicio de filtrado de spam de Automattic, para reducir el spam. Cuando publicas un comentario, su texto, tu
        nombre, tu correo electrónico, tu sitio web, tu dirección IP, el agente de usuario y el referente se envían a Akismet para comprobar si el
        comentario es spam. Cuando un moderador marca un comentario como spam o como no spam, también se comunica a Akismet para mejorar su filtro.
        Akismet trata estos datos según su propio aviso de privacidad: <a href="https://akismet.com/privacy/">akismet.com/privacy</a>. Si el
        sitio no tiene configurada una clave de Akismet, no se envía nada.
      </p>

      <h2>Cuánto tiempo los guardamos</h2>
      <ul>
        <li>Los comentarios aprobados, con tu nombre y tu sitio web, siguen publicados mientras lo esté el artículo, salvo que nos pidas retirarlos.</li>
        <li>
          Tu dirección IP, el agente de usuario y el referente se eliminan de cada comentario {ipRetentionDays} días después de publicarlo: para
          entonces ya han cumplido su función contra el spam y el abuso. El comentario se mantiene.
        </li>
        <li>
          Tu dirección de correo se guarda con tus comentarios, para que los moderadores reconozcan abusos repetidos y apliquen expulsiones, hasta que
          nos pidas borrarla.
        </li>
        <li>Los comentarios rechazados o marcados como spam se guardan, sin publicar, para que los moderadores puedan revisar decisiones y reconocer abusos repetidos.</li>
      </ul>

      <h2>Tus derechos: una copia de tus datos o su borrado</h2>
      <p>
        Puedes pedir una copia de todo lo que se guarda sobre ti como comentarista, o que se borre todo. Indica cuál de las dos cosas quieres y la
        dirección de correo con la que comentas: es la forma de encontrar tus comentarios.
      </p>
      <p>
        {privacyContact ? (
          <>
            Envía tu solicitud a <ContactLink contact={privacyContact} />.
          </>
        ) : (
          <>Envía tu solicitud a los editores de este sitio a su dirección de contacto habitual e indica que se refiere a tus comentarios.</>
        )}{" "}
        Puede que primero te escribamos a esa dirección para asegurarnos de que la solicitud es tuya.
      </p>
      <ul>
        <li>
          <strong>La copia</strong> llega como un archivo JSON: tus comentarios tal como los escribiste, con el artículo, la hora, el estado, la
          dirección IP y el navegador que aún se guarden con ellos, las etiquetas que les dieron nuestras comprobaciones de moderación y cualquier
          expulsión de tu dirección.
        </li>
        <li>
          <strong>El borrado</strong> elimina tu nombre, tu dirección de correo, tu sitio web, tus direcciones IP y el agente de usuario allí donde
          estén guardados, y sustituye el texto de tus comentarios por &laquo;[eliminado]&raquo;. Los marcadores se mantienen para que las respuestas
          de otras personas conserven su lugar en el debate. Cualquier expulsión de tu dirección termina con él.
        </li>
      </ul>
      <p>
        Ambas solicitudes quedan registradas, sin tu dirección (solo con una huella cifrada de ella), para poder demostrar que se atendieron. Lee las{" "}
        <LangLink href="/guidelines">normas de la comunidad</LangLink> para saber cómo se modera el debate.
      </p>
    </>
  );
}

/** The privacy page's text below its title, by language. */
export const PRIVACY_TEXT: Record<Locale, ComponentType<PrivacyTextProps>> = { en: PrivacyEnglish, es: PrivacySpanish };

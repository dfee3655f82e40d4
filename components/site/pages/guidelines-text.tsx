// The community guidelines' text in each language the site speaks (the
// policy line above them is lib/content/policy.ts).
import type { ComponentType } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { LangLink } from "@/components/site/lang-link";

function GuidelinesEnglish() {
  return (
    <>
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
        What we store when you comment, and for how long, is on the <LangLink href="/privacy">privacy page</LangLink>.
      </p>
    </>
  );
}

function GuidelinesSpanish() {
  return (
    <>
      <h2>Bienvenidos: el debate y la discrepancia</h2>
      <p>
        Discrepa del artículo, del argumento de su autor, de otros comentaristas, de gobiernos, partidos y figuras públicas: con dureza, con
        sarcasmo, con enfado si hace falta. Critica lo que la gente <em>dice y hace</em>. Aporta pruebas, cita el pasaje al que respondes y espera
        lo mismo de los demás.
      </p>

      <h2>Lo que no se tolera</h2>
      <ul>
        <li>
          <strong>Ataques personales (ad hominem)</strong> contra el autor, otros comentaristas o cualquier otra persona: insultos, motes y ataques
          al carácter, la inteligencia, los motivos o el aspecto de alguien en lugar de a su argumento. &laquo;Este argumento ignora las cifras de
          2018&raquo; es debate; &laquo;solo un idiota escribiría esto&raquo; no lo es.
        </li>
        <li>
          <strong>Insultos y acoso</strong>: hostigamiento, expresiones ofensivas, lenguaje degradante y ataques a personas por su origen étnico,
          nacionalidad, religión, género, orientación sexual, discapacidad u otras características protegidas.
        </li>
        <li>
          <strong>Amenazas</strong> de violencia o de daño contra cualquier persona, y desearle daño.
        </li>
        <li>
          <strong>Lenguaje difamatorio</strong>: afirmar como un hecho, sin pruebas, que una persona identificada cometió un delito o una falta
          grave. Di lo que crees y por qué (&laquo;creo que&raquo;, &laquo;el informe sostiene que&raquo;) y enlaza tu fuente.
        </li>
        <li>
          <strong>Interrupción deliberada</strong>: inundar el debate, repetir mensajes, escribir en mayúsculas, muros de emojis o de signos de
          puntuación, texto sin sentido, campañas fuera de tema, y spam o autopromoción.
        </li>
      </ul>

      <h2>Cómo funciona la moderación</h2>
      <p>
        Cada comentario se revisa al publicarse. La mayoría aparece al momento. Algunos quedan retenidos para un moderador —por ejemplo, un primer
        comentario, uno con varios enlaces o uno que nuestras comprobaciones creen que puede incumplir estas normas— y aparecen cuando se aprueban.
        Los comentarios que incumplen las normas se rechazan; el spam se elimina. Los moderadores ven por qué se retuvo un comentario y toman la
        decisión final. Los incumplimientos repetidos o graves pueden acabar en una expulsión.
      </p>
      <p>
        Si ves un comentario que incumple estas normas, denúncialo en lugar de responder en el mismo tono. Los moderadores revisan cada denuncia.
      </p>

      <h2>Tus datos</h2>
      <p>
        Qué guardamos cuando comentas, y durante cuánto tiempo, se explica en la <LangLink href="/privacy">página de privacidad</LangLink>.
      </p>
    </>
  );
}

/** The guidelines below the policy line, by language. */
export const GUIDELINES_TEXT: Record<Locale, ComponentType> = { en: GuidelinesEnglish, es: GuidelinesSpanish };

import { describe, expect, it } from "vitest";
import { AppError, toErrorResponse } from "@/lib/errors";
import { formatRelativeTime } from "@/lib/format/relative-time";
import { en } from "@/lib/i18n/catalogs/en";
import { es } from "@/lib/i18n/catalogs/es";
import { negotiateLocale, pickAcceptedLocale } from "@/lib/i18n/negotiate-locale";
import { isMessageKey, translate } from "@/lib/i18n/translate";

describe("negotiateLocale", () => {
  it.each([
    [{ query: "es" }, "es"],
    [{ query: "ES", preferred: "en", acceptLanguage: "en" }, "es"],
    [{ query: "fr", preferred: "es" }, "es"],
    [{ preferred: "es", acceptLanguage: "en-US" }, "es"],
    [{ acceptLanguage: "es-MX,es;q=0.9,en;q=0.5" }, "es"],
    [{ acceptLanguage: "fr-FR, en;q=0.1, es;q=0.8" }, "es"],
    [{ acceptLanguage: "de, fr" }, "en"],
    [{ acceptLanguage: "es;q=0" }, "en"],
    [{}, "en"],
  ])("%j gives %s", (inputs, expected) => {
    expect(negotiateLocale(inputs)).toBe(expected);
  });

  it("ignores a malformed header rather than failing", () => {
    expect(pickAcceptedLocale(";;;,q=,es;q=abc")).toBeNull();
  });
});

describe("translate", () => {
  it("gives the language's text and falls back to the key's English, or the text itself", () => {
    expect(translate("es", "common.close")).toBe("Cerrar");
    expect(translate("en", "common.close")).toBe("Close");
    expect(translate("es", "Some literal text, not a key")).toBe("Some literal text, not a key");
    expect(isMessageKey("common.close")).toBe(true);
    expect(isMessageKey("Write a comment.")).toBe(false);
  });

  it("writes relative times in the language", () => {
    const now = new Date("2026-01-10T12:00:00Z");
    expect(formatRelativeTime(new Date("2026-01-10T09:00:00Z"), now, "es")).toBe("hace 3 horas");
    expect(formatRelativeTime(new Date("2026-01-10T09:00:00Z"), now, "en")).toBe("3 hours ago");
    expect(formatRelativeTime(new Date("2026-01-10T11:59:50Z"), now, "es")).toBe("ahora mismo");
  });

  it("answers an API error in the request's language, fields included", () => {
    const error = new AppError("validation", "common.close", { fields: { body: "common.cancel" } });
    expect(error.message).toBe("Close");
    expect(toErrorResponse(error, "es").body).toEqual({ error: { code: "validation", message: "Cerrar", fields: { body: "Cancelar" } } });
    expect(toErrorResponse(new Error("boom"), "es").body.error.message).toMatch(/Algo ha fallado/);
  });
});

/** Every key path of a catalog, with plural forms as one leaf. */
function keysOf(node: unknown, prefix = ""): string[] {
  if (typeof node === "string") return [prefix];
  const record = node as Record<string, unknown>;
  if (typeof record.other === "string") return [prefix];
  return Object.entries(record).flatMap(([key, value]) => keysOf(value, prefix ? `${prefix}.${key}` : key));
}

describe("catalogs", () => {
  it("Spanish has exactly English's keys, and keeps every {placeholder}", () => {
    expect(keysOf(es).sort()).toEqual(keysOf(en).sort());
    for (const key of keysOf(en)) {
      const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      const englishText = JSON.stringify(key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], en));
      const spanishText = JSON.stringify(key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], es));
      expect(new Set(placeholders(spanishText)), key).toEqual(new Set(placeholders(englishText)));
    }
  });
});

import { describe, expect, it } from "vitest";
import { AppError, toErrorResponse } from "@/lib/errors";
import { findWebhookUrlProblem, requireWebhookUrl } from "@/lib/webhooks/webhook-destination";

describe("AppError in two languages", () => {
  it("keeps message and fields in English for code and logs, and answers in the request's language", () => {
    const error = new AppError("not_found", "api.articles.notFound", { fields: { slug: "api.articles.noSuchArticle" }, params: { slug: "mi-artículo" } });
    expect(error.message).toBe('No article with slug "mi-artículo"');
    expect(error.fields).toEqual({ slug: "no such article" });
    expect(error.fieldKeys).toEqual({ slug: "api.articles.noSuchArticle" });
    expect(toErrorResponse(error, "es")).toMatchObject({ status: 404, body: { error: { code: "not_found", message: "No existe ningún artículo con el slug «mi-artículo»", fields: { slug: "no existe ese artículo" } } } });
  });

  it("picks the plural form for the count and writes numbers the language's way", () => {
    const error = new AppError("rate_limited", "api.comments.tooQuickly", { retryAfterSeconds: 1, params: { count: 1 } });
    expect(error.message).toBe("You are posting too quickly. Try again in 1 second.");
    expect(toErrorResponse(error, "es").body.error.message).toBe("Estás publicando demasiado rápido. Vuelve a intentarlo dentro de 1 segundo.");
    expect(toErrorResponse(new AppError("rate_limited", "api.comments.tooQuickly", { params: { count: 12 } }), "es").body.error.message).toMatch(/dentro de 12 segundos\.$/);
    expect(toErrorResponse(error, "es").headers).toEqual({ "Retry-After": "1" });
  });

  it("says why a webhook URL is refused in the request's language, and in English to the command line", () => {
    const policy = { appOrigins: ["https://comments.example.com"], appPort: 3000 };
    expect(findWebhookUrlProblem("http://169.254.169.254/latest", policy)).toBe("169.254.169.254 is a link-local, metadata, unspecified or multicast address: no webhook receiver lives there");
    let refusal: unknown;
    try {
      requireWebhookUrl("https://comments.example.com/hook", policy);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).message).toBe("Invalid url: The URL points at this app itself: webhooks go to another service");
    expect(toErrorResponse(refusal, "es").body.error).toEqual({
      code: "validation",
      message: "URL no válida: La URL apunta a esta misma aplicación: los webhooks van a otro servicio",
      fields: { url: "La URL apunta a esta misma aplicación: los webhooks van a otro servicio" },
    });
  });
});

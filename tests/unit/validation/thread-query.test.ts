import { describe, expect, it } from "vitest";
import { AppError, toErrorResponse } from "@/lib/errors";
import { requireValidInput } from "@/lib/validation/require-valid-input";
import { threadQuerySchema } from "@/lib/validation/thread-query";

describe("threadQuerySchema", () => {
  it("defaults to the oldest first, 50 per page", () => {
    expect(requireValidInput(threadQuerySchema, {})).toEqual({ sort: "oldest", limit: 50 });
  });

  it("accepts the documented values", () => {
    expect(requireValidInput(threadQuerySchema, { sort: "newest", limit: "100", cursor: "abc" })).toEqual({ sort: "newest", limit: 100, cursor: "abc" });
  });

  it.each([
    [{ limit: "0" }, "limit"],
    [{ limit: "101" }, "limit"],
    [{ limit: "ten" }, "limit"],
    [{ limit: "1.5" }, "limit"],
    [{ limit: "-1" }, "limit"],
    [{ sort: "loudest" }, "sort"],
    [{ cursor: "" }, "cursor"],
    [{ cursor: "x".repeat(201) }, "cursor"],
  ])("refuses %j naming %s", (input, field) => {
    try {
      requireValidInput(threadQuerySchema, input);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      const response = toErrorResponse(error);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe("validation");
      expect(response.body.error.fields).toHaveProperty(field);
    }
  });
});

describe("toErrorResponse", () => {
  it.each([
    ["validation", 400],
    ["captcha", 422],
    ["not_found", 404],
    ["closed", 403],
    ["banned", 403],
    ["duplicate", 409],
    ["rate_limited", 429],
    ["too_large", 413],
    ["unauthorized", 401],
    ["forbidden", 403],
  ] as const)("maps %s to %i", (code, status) => {
    expect(toErrorResponse(new AppError(code, "m")).status).toBe(status);
  });

  it("sends Retry-After for rate limits", () => {
    expect(toErrorResponse(new AppError("rate_limited", "slow down", { retryAfterSeconds: 15 })).headers).toEqual({ "Retry-After": "15" });
  });

  it("hides the details of unexpected errors", () => {
    const response = toErrorResponse(new Error("connection string postgres://secret"));
    expect(response.status).toBe(500);
    expect(JSON.stringify(response.body)).not.toContain("secret");
  });
});

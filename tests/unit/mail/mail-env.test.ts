import { afterEach, describe, expect, it } from "vitest";
import { getEnv, resetEnvCache } from "@/lib/env";

const names = ["SMTP_URL", "MAIL_FROM", "PUBLIC_URL"] as const;
const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));

function withEnv(values: Partial<Record<(typeof names)[number], string>>) {
  for (const name of names) {
    const value = values[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvCache();
  return getEnv;
}

afterEach(() => {
  for (const name of names) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  resetEnvCache();
});

describe("the mail settings in lib/env.ts", () => {
  it("accept smtp:// and smtps:// URLs and an http(s) PUBLIC_URL, without its trailing slash", () => {
    expect(withEnv({ SMTP_URL: "smtp://user:pass@mail.example:587", PUBLIC_URL: "https://comments.example.com/" })()).toMatchObject({
      SMTP_URL: "smtp://user:pass@mail.example:587",
      PUBLIC_URL: "https://comments.example.com",
    });
    expect(withEnv({ SMTP_URL: "smtps://mail.example" })().SMTP_URL).toBe("smtps://mail.example");
  });

  it("leave mail off when SMTP_URL is unset or empty", () => {
    expect(withEnv({ SMTP_URL: "" })().SMTP_URL).toBeUndefined();
  });

  it.each([
    ["SMTP_URL", { SMTP_URL: "mail.example:25" }],
    ["SMTP_URL", { SMTP_URL: "http://mail.example" }],
    ["SMTP_URL", { SMTP_URL: "smtp://" }],
    ["PUBLIC_URL", { PUBLIC_URL: "comments.example.com" }],
    ["PUBLIC_URL", { PUBLIC_URL: "ftp://comments.example.com" }],
  ])("stop start-up naming %s for a bad value", (name, values) => {
    expect(withEnv(values)).toThrow(new RegExp(`Invalid configuration: ${name}: `));
  });
});

// The dashboard accounts the end-to-end server is started with (playwright.config.ts creates them).

/** An account to sign in with. */
export interface E2eAccount {
  email: string;
  password: string;
  role: "admin" | "moderator" | "member";
}

export const e2eAdmin: E2eAccount = { email: "e2e-admin@example.org", password: "admin-password-1", role: "admin" };
export const e2eModerator: E2eAccount = { email: "e2e-moderator@example.org", password: "moderator-password-1", role: "moderator" };
export const e2eMember: E2eAccount = { email: "e2e-member@example.org", password: "member-password-1", role: "member" };
/** Used only to lock out by failed sign-ins. */
export const e2eLockable: E2eAccount = { email: "e2e-lockable@example.org", password: "lockable-password-1", role: "moderator" };

export const e2eAccounts: readonly E2eAccount[] = [e2eAdmin, e2eModerator, e2eMember, e2eLockable];

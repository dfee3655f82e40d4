// next-auth's configuration: e-mail and password (credentials) for dashboard
// accounts, JWT sessions that expire, and the account's role in the session.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "../db";
import { configureAuthEnvironment, getEnv } from "../env";
import { AppError } from "../errors";
import { readClientAddress } from "../client-address";
import { signInWithPassword, type SignedInAccount } from "./sign-in";

/** How long a session lasts without signing in again. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

declare module "next-auth" {
  interface Session {
    account: SignedInAccount;
  }
  interface User {
    role: SignedInAccount["role"];
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    accountId?: string;
    role?: SignedInAccount["role"];
  }
}

function clientIp(headers: Record<string, string | string[] | undefined> | undefined): string | null {
  const read = (name: string) => {
    const value = headers?.[name];
    return Array.isArray(value) ? value.join(",") : value;
  };
  return readClientAddress(read, getEnv().TRUST_PROXY) || null;
}

let options: NextAuthOptions | null = null;

/** The one next-auth configuration, for the route handler and for reading sessions. */
export function getAuthOptions(): NextAuthOptions {
  if (options) return options;
  configureAuthEnvironment();
  const env = getEnv();
  options = {
    secret: env.AUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 15 * 60 },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "E-mail and password",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          try {
            const account = await signInWithPassword(getDb(), {
              email: credentials?.email ?? "",
              password: credentials?.password ?? "",
              ip: clientIp(request.headers),
            });
            return account ? { id: account.id, email: account.email, name: account.name, role: account.role } : null;
          } catch (error) {
            // next-auth passes a thrown message on to the sign-in form (the lock-out notice).
            if (error instanceof AppError) throw new Error(error.message);
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.accountId = user.id;
          token.role = user.role;
        }
        return token;
      },
      session({ session, token }) {
        session.account = { id: token.accountId ?? "", email: token.email ?? "", name: token.name ?? null, role: token.role ?? "member" };
        return session;
      },
    },
  };
  return options;
}

import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/options";

// next-auth's own routes: csrf, callback/credentials, session, signout.
const handler = NextAuth(getAuthOptions());

export { handler as GET, handler as POST };

// The destination policy of this app: the origins it answers on (its
// configured public URLs, and for the dashboard the host a request came to)
// and the port it listens on, so no hook can point back at it.
import { readPublicOrigin } from "../embed/site-admin";
import { getEnv } from "../env";
import { appOriginsOf, type WebhookDestinationPolicy } from "./webhook-destination";

/** The policy from the configuration: PUBLIC_URL, NEXTAUTH_URL and PORT, plus an origin the caller knows (a request's). */
export function webhookPolicyFromEnv(requestOrigin?: string | null): WebhookDestinationPolicy {
  const env = getEnv();
  return { appOrigins: appOriginsOf([env.PUBLIC_URL, env.NEXTAUTH_URL, requestOrigin]), appPort: env.PORT };
}

/** The policy for a dashboard request: the configured origins and the one the request was sent to (as the browser and any proxy name it). */
export function webhookPolicyForRequest(request: Request): WebhookDestinationPolicy {
  const header = (name: string) => request.headers.get(name);
  const policy = webhookPolicyFromEnv(readPublicOrigin({ forwardedProto: header("x-forwarded-proto"), forwardedHost: header("x-forwarded-host"), host: header("host") }));
  return { ...policy, appOrigins: appOriginsOf([...policy.appOrigins, new URL(request.url).origin]) };
}

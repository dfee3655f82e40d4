// One client, as the public API counts it: the network its address belongs to
// (lib/client-address.ts addressNetwork), kept only as a keyed hash. Reports
// allow one per network per comment; respects count one per network per
// comment; both limit a network's requests. New user agents, cookies or
// addresses next door do not make a new client.
import { createHmac } from "node:crypto";
import { addressNetwork } from "../client-address";

/** The keyed hash of a network (as addressNetwork writes it), under the app's secret. */
export function networkKeyOf(secret: string, network: string): string {
  // The label reports were first keyed with: their stored keys keep matching new ones.
  return createHmac("sha256", secret).update(`reporter-network:${network}`).digest("base64url");
}

/** The keyed hash of the network an address belongs to. */
export function addressNetworkKey(secret: string, address: string): string {
  return networkKeyOf(secret, addressNetwork(address));
}

import { describe, expect, it } from "vitest";
import { addressNetwork, parseTrustProxy, readClientAddress, resolveClientAddress, type TrustProxy } from "@/lib/client-address";

const none: TrustProxy = { kind: "none" };
const oneHop = parseTrustProxy("1");
const twoHops = parseTrustProxy("2");
const nginxAt = parseTrustProxy("10.0.0.5, 192.168.1.0/24");

describe("resolveClientAddress", () => {
  it.each([
    ["no proxy trusted: the socket, whatever the header says", none, "203.0.113.9", "1.2.3.4", "203.0.113.9"],
    ["one proxy that appends: what it saw, not what the client wrote first", oneHop, "10.0.0.5", "1.2.3.4, 198.51.100.7", "198.51.100.7"],
    ["one proxy, a client claiming a banned address first", oneHop, "10.0.0.5", "203.0.113.66, 198.51.100.7", "198.51.100.7"],
    ["one proxy, no header from the client", oneHop, "10.0.0.5", "198.51.100.7", "198.51.100.7"],
    ["two proxies in a row", twoHops, "10.0.0.6", "1.2.3.4, 198.51.100.7, 10.0.0.5", "198.51.100.7"],
    ["more hops trusted than the chain has: its left end", twoHops, "10.0.0.5", "198.51.100.7", "198.51.100.7"],
    ["one hop trusted but no header (a direct request): the socket's own peer", oneHop, "198.51.100.7", "", "198.51.100.7"],
    ["trusted addresses: the right-most address not among them", nginxAt, "10.0.0.5", "1.2.3.4, 198.51.100.7, 192.168.1.20", "198.51.100.7"],
    ["trusted addresses: a socket that is not a trusted proxy is the client", nginxAt, "198.51.100.7", "1.2.3.4", "198.51.100.7"],
    ["trusted addresses: an IPv4-mapped socket address counts as its IPv4 address", nginxAt, "::ffff:10.0.0.5", "198.51.100.7", "198.51.100.7"],
  ])("%s", (_case, trust, socket, forwardedFor, expected) => {
    expect(resolveClientAddress({ trust, socketAddress: socket, forwardedFor })).toBe(expected);
  });

  it("trusts IPv6 proxies by prefix", () => {
    const trust = parseTrustProxy("2001:db8::/32");
    expect(resolveClientAddress({ trust, socketAddress: "2001:db8::1", forwardedFor: "1.2.3.4, 2001:db8:ffff::9" })).toBe("1.2.3.4");
  });
});

describe("parseTrustProxy", () => {
  it.each([
    [undefined, { kind: "none" }],
    ["0", { kind: "none" }],
    ["false", { kind: "none" }],
    ["1", { kind: "hops", hops: 1 }],
    ["3", { kind: "hops", hops: 3 }],
    ["true", { kind: "hops", hops: 1 }],
  ])("reads %s", (value, expected) => {
    expect(parseTrustProxy(value)).toMatchObject(expected);
  });

  it.each(["10.0.0.0/33", "not-an-address", "10.0.0.1, ", "-1"])("refuses %s naming what is wrong", (value) => {
    expect(() => parseTrustProxy(value)).toThrow(/TRUST_PROXY/);
  });
});

describe("readClientAddress", () => {
  const headers = (values: Record<string, string>) => (name: string) => values[name];

  it("takes the peer npm start's server stamped, not a header the client wrote", () => {
    expect(readClientAddress(headers({ "x-comments-client-ip": "203.0.113.9", "x-forwarded-for": "1.2.3.4" }), { kind: "none" })).toBe("203.0.113.9");
  });

  it("behind one proxy, refuses the client's own first entry (a banned address, a new one for each post)", () => {
    const read = headers({ "x-comments-client-ip": "10.0.0.5", "x-forwarded-for": "203.0.113.66, 198.51.100.7" });
    expect(readClientAddress(read, parseTrustProxy("1"))).toBe("198.51.100.7");
  });

  it("under next dev, where Next.js appends the peer to X-Forwarded-For, takes that peer", () => {
    expect(readClientAddress(headers({ "x-forwarded-for": "1.2.3.4, 127.0.0.1" }), { kind: "none" })).toBe("127.0.0.1");
  });
});

describe("addressNetwork", () => {
  it.each([
    ["198.51.100.7", "198.51.100.0/24"],
    ["198.51.100.250", "198.51.100.0/24"],
    ["::ffff:198.51.100.9", "198.51.100.0/24"],
    ["::ffff:c633:6407", "198.51.100.0/24"],
    ["2001:db8:abcd:12::1", "2001:db8:abcd::/48"],
    ["2001:0DB8:ABCD:0012:0000:0000:0000:0001", "2001:db8:abcd::/48"],
    ["2001:db8:abcd::", "2001:db8:abcd::/48"],
    ["2001:db8::1", "2001:db8:0::/48"],
    ["::1", "0:0:0::/48"],
    ["fe80::1%eth0", "fe80:0:0::/48"],
    ["", ""],
  ])("puts %j in %j", (address, network) => {
    expect(addressNetwork(address)).toBe(network);
  });

  it("tells neighbouring networks apart", () => {
    expect(addressNetwork("198.51.100.1")).not.toBe(addressNetwork("198.51.101.1"));
    expect(addressNetwork("2001:db8:abcd::1")).not.toBe(addressNetwork("2001:db8:abce::1"));
  });
});

import { describe, expect, it } from "vitest";
import { addressKey, clientAddress } from "@/lib/auth/request";

describe("clientAddress", () => {
  const forwarded = (value: string) => new Headers({ "x-forwarded-for": value });

  it("ignores X-Forwarded-For without TRUST_PROXY: there is no address at all", () => {
    expect(clientAddress(forwarded("198.51.100.7"), false)).toBeNull();
    expect(clientAddress(forwarded("10.0.0.1, 198.51.100.7"), false)).toBeNull();
    expect(clientAddress({ "x-forwarded-for": "198.51.100.7" }, false)).toBeNull();
  });

  it("behind a trusted proxy takes the hop the proxy appended (the last), not what the client wrote", () => {
    expect(clientAddress(forwarded("1.2.3.4, 198.51.100.7"), true)).toBe("198.51.100.7");
    expect(clientAddress({ "x-forwarded-for": "198.51.100.7" }, true)).toBe("198.51.100.7");
    expect(clientAddress({ "x-forwarded-for": ["198.51.100.8"] }, true)).toBe("198.51.100.8");
    expect(clientAddress(forwarded("1.2.3.4, not-an-address"), true)).toBeNull();
    expect(clientAddress(new Headers(), true)).toBeNull();
    expect(clientAddress(undefined, true)).toBeNull();
  });

  it("the test environment does not trust the header (TRUST_PROXY defaults to off)", () => {
    expect(clientAddress(forwarded("198.51.100.7"))).toBeNull();
  });
});

describe("addressKey", () => {
  it.each([
    ["198.51.100.7", "198.51.100.7"],
    ["::ffff:198.51.100.7", "198.51.100.7"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:0db8:0001:0002::1", "2001:db8:1:2::/64"],
    ["[2001:db8::1]", "2001:db8:0:0::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["example.org", null],
    ["999.1.1.1", null],
  ])("%s → %s", (input, expected) => {
    expect(addressKey(input)).toBe(expected);
  });
});

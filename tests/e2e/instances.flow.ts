import assert from "node:assert/strict";
import { signIn } from "./moderation.flow";
import type { Context } from "./run";

const SLUG = "stalin-ordered-kirovs-murder";

/**
 * Two app instances on one database, as a team behind a proxy runs them: the second instance's
 * anonymous readers, served from its memory (lib/cache/public-reads.ts), see a write the first
 * instance acknowledged on their very next request, in the JSON and on the page.
 */
export const instancesFlow = {
  name: "two instances on one database: a write acknowledged by one is seen at once by the other's anonymous readers",
  async run(context: Context) {
    const second = await context.startInstance();
    const page = await context.browser.newPage();
    try {
      const json = async (base: string) => {
        const response = await fetch(`${base}/api/claims/${SLUG}`);
        assert.equal(response.status, 200);
        return (await response.json()) as { locked: boolean; abilities: Record<string, unknown> };
      };
      const html = async (base: string) => {
        const response = await fetch(`${base}/claims/${SLUG}`);
        assert.equal(response.status, 200);
        return response.text();
      };
      // The badge the claim page shows a locked claim with.
      const lockedNotice = /class="badge"[^>]*>Locked</;

      // A page served from memory carries this response's own nonce, in its policy and on its scripts.
      const nonces: string[] = [];
      for (let round = 0; round < 3; round++) {
        const response = await fetch(`${second.baseUrl}/claims/${SLUG}`);
        const nonce = /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
        assert.ok(nonce, "no nonce in the page's Content-Security-Policy");
        const scripts = [...(await response.text()).matchAll(/<script\b[^>]*\bnonce="([^"]+)"/g)].map(
          (match) => match[1],
        );
        assert.ok(scripts.length > 0, "no script with a nonce on the page");
        assert.ok(
          scripts.every((value) => value === nonce),
          "a script's nonce is not the response's",
        );
        nonces.push(nonce);
      }
      assert.equal(new Set(nonces).size, nonces.length, "two responses carried the same nonce");

      // A page not kept (a 404) reaches every reader who asked for it at the same moment, each in full.
      const missing = await Promise.all(
        Array.from({ length: 6 }, async () => {
          const response = await fetch(`${second.baseUrl}/claims/no-such-claim-anywhere`);
          return { status: response.status, html: await response.text() };
        }),
      );
      for (const answer of missing) {
        assert.equal(answer.status, 404);
        assert.match(answer.html, /<\/html>/);
      }

      // The JSON served from memory keeps its validator: a reader's copy that still holds gets a 304.
      const etagOf = async () => {
        const response = await fetch(`${second.baseUrl}/api/claims/${SLUG}`);
        assert.equal(response.headers.get("cache-control"), "public, no-cache");
        await response.arrayBuffer();
        return response.headers.get("etag");
      };
      const etag = await etagOf();
      assert.ok(etag, "no ETag on the claim's JSON");
      assert.equal(await etagOf(), etag);
      const revalidated = await fetch(`${second.baseUrl}/api/claims/${SLUG}`, { headers: { "if-none-match": etag } });
      assert.equal(revalidated.status, 304);
      assert.equal(revalidated.headers.get("etag"), etag);

      await signIn(page, context, "moderator");
      for (const locked of [true, false]) {
        // Read twice on the second instance, so the answer is one it remembers.
        for (let round = 0; round < 2; round++) {
          assert.equal((await json(second.baseUrl)).locked, !locked);
          assert.equal(lockedNotice.test(await html(second.baseUrl)), !locked);
        }
        const response = await page.request.put(`${context.baseUrl}/api/claims/${SLUG}/lock`, { data: { locked } });
        assert.equal(response.status(), 200, await response.text());
        // The first instance answered; the second's very next anonymous reads show the change.
        assert.equal((await json(second.baseUrl)).locked, locked, "the JSON on the other instance is stale");
        assert.equal(lockedNotice.test(await html(second.baseUrl)), locked, "the page on the other instance is stale");
        // A copy from before the lock no longer holds (after the unlock the claim may read as before).
        if (locked) {
          const old: Response = await fetch(`${second.baseUrl}/api/claims/${SLUG}`, {
            headers: { "if-none-match": etag },
          });
          assert.equal(old.status, 200, "an old copy of the JSON was said to still hold");
          assert.equal(((await old.json()) as { locked: boolean }).locked, true);
        }
      }
    } finally {
      await page.close();
      await second.stop();
    }
  },
};

import { createHash } from "node:crypto";
import {
  buildSubmission,
  canonicalJson,
  idempotencyKey,
  readReceipt,
  type Receipt,
} from "../../src/platform/protocol";
import { randomConsistentReport } from "../support/random-report";

describe("nianbao/submit@1", () => {
  test("canonical JSON follows RFC 8785: sorted keys, no white space, ECMAScript numbers", () => {
    expect(canonicalJson({ b: 1, a: [1e21, 0.1, -0], c: { z: "中", y: null } })).toBe(
      '{"a":[1e+21,0.1,0],"b":1,"c":{"y":null,"z":"中"}}'
    );
  });

  test("the idempotency key is the SHA-256 of the canonical JSON and ignores key order", async () => {
    const report = randomConsistentReport("2021", 7);
    const shuffled = JSON.parse(JSON.stringify(report, Object.keys(report).reverse()));
    const expected = createHash("sha256").update(canonicalJson(report), "utf8").digest("hex");
    expect(await idempotencyKey(report)).toBe(expected);
    expect(await idempotencyKey({ ...shuffled, ...report })).toBe(expected);
    expect(await idempotencyKey({ ...report, agency: `${report.agency}2` })).not.toBe(expected);
  });

  test("a submission carries the canonical body, its key and the token; draft is a query", async () => {
    const report = randomConsistentReport("2019", 3);
    const request = await buildSubmission(report, {
      baseUrl: "https://gk.example.gov.cn/nianbao",
      token: "t0k",
      draft: true,
    });
    expect(request.url).toBe("https://gk.example.gov.cn/nianbao/api/v1/reports?draft=true");
    expect(request.body).toBe(canonicalJson(report));
    expect(request.headers.Authorization).toBe("Bearer t0k");
    expect(request.headers["Idempotency-Key"]).toBe(
      createHash("sha256").update(request.body, "utf8").digest("hex")
    );
    const plain = await buildSubmission(report, { baseUrl: "http://127.0.0.1:8080/", token: "x" });
    expect(plain.url).toBe("http://127.0.0.1:8080/api/v1/reports");
  });

  test("a receipt is read only when it has the receipt's shape", () => {
    const receipt: Receipt = {
      id: "r1",
      agency: "某市某局",
      year: 2024,
      format: "2021",
      sha256: "a".repeat(64),
      receivedAt: "2025-01-20T08:00:00.000Z",
      summary: { errors: 0, warnings: 1, incomplete: 0 },
    };
    expect(readReceipt(JSON.parse(JSON.stringify(receipt)))).toEqual(receipt);
    expect(readReceipt({ ...receipt, draft: true })).toEqual({ ...receipt, draft: true });
    for (const bad of [
      null,
      "x",
      { ...receipt, sha256: "A".repeat(64) },
      { ...receipt, year: "2024" },
      { ...receipt, format: "2020" },
      { ...receipt, receivedAt: "yesterday" },
      { ...receipt, summary: { errors: -1, warnings: 0, incomplete: 0 } },
      { ...receipt, summary: undefined },
    ]) {
      expect(readReceipt(bad)).toBeUndefined();
    }
  });
});

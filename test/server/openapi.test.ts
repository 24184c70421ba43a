/**
 * The published OpenAPI description (assets/openapi/) and the service agree: the same routes, and every
 * documented status code of every operation provoked for real, its body valid against the documented
 * schema. On both engines.
 */
import Ajv2020 from "ajv/dist/2020";
import Fastify from "fastify";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildSubmission, REPORTS_PATH } from "../../src/platform/protocol";
import { registerApi } from "../../src/server/api";
import { RULE_KIND } from "../../src/checks/types";
import { randomConsistentReport } from "../support/random-report";
import { ENGINES, addPrincipals, startInProcess, storageFactory } from "../support/service";

jest.setTimeout(120_000);
const storage = storageFactory();
afterAll(() => storage.stop());

const ASSETS = join(__dirname, "../../assets");
const load = (path: string) => JSON.parse(readFileSync(join(ASSETS, path), "utf8"));
const openapi = load("openapi/submit-1.openapi.json");
const BASE = "https://nianbao.invalid/assets/openapi/submit-1.openapi.json";

/** Ajv over the OpenAPI document, its relative references to the report schemas resolved to the files. */
function validator() {
  // date-time is checked where receipts are read (readReceipt); here the shapes.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  for (const format of ["2019", "2021"]) {
    const schema = load(`schema/report-${format}.schema.json`);
    ajv.addSchema({ ...schema, $id: new URL(`../schema/report-${format}.schema.json`, BASE).href });
  }
  ajv.addSchema({ ...openapi, $id: BASE });
  return (pointer: string, value: unknown) => {
    const validate = ajv.getSchema(`${BASE}#${pointer}`);
    if (!validate) throw new Error(`no schema at ${pointer}`);
    const ok = validate(value);
    return ok ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message}`);
  };
}

type Operation = "post /api/v1/reports" | "get /api/v1/reports" | "get /api/v1/reports/{id}";
const operations = (): [Operation, Record<string, unknown>][] =>
  Object.entries(
    openapi.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>
  ).flatMap(([path, methods]) =>
    Object.entries(methods).map(([m, op]): [Operation, Record<string, unknown>] => [
      `${m} ${path}` as Operation,
      op.responses,
    ])
  );

test("the documented routes are exactly the service's protocol routes", async () => {
  const app = Fastify();
  const routes: string[] = [];
  app.addHook("onRoute", (r) => {
    for (const m of [r.method].flat())
      if (m !== "HEAD") routes.push(`${m.toLowerCase()} ${r.url.replace(/:(\w+)/g, "{$1}")}`);
  });
  registerApi(app, undefined as never);
  await app.ready();
  expect(routes.sort()).toEqual(
    operations()
      .map(([op]) => op)
      .sort()
  );
  expect(Object.keys(openapi.paths)[0]).toBe(REPORTS_PATH);
});

test("the documented findings name the evaluator's rules and kinds", () => {
  const finding = openapi.components.schemas.Finding.properties;
  expect(new Set(finding.rule.enum)).toEqual(new Set(Object.keys(RULE_KIND)));
  expect(new Set(finding.kind.enum)).toEqual(new Set(Object.values(RULE_KIND)));
});

describe.each(ENGINES)("on %s, every documented answer, as documented", (engine) => {
  test("status codes and bodies", async () => {
    const settings = await storage.settings(engine);
    const tokens = await addPrincipals(settings, ["甲局", "乙局"], ["办公室"]);
    const service = await startInProcess(settings, { rateLimit: 40, bodyLimit: 200_000 });
    const check = validator();
    const seen = new Set<string>();
    const expectAnswer = async (op: Operation, status: number, response: Response) => {
      expect(response.status).toBe(status);
      const documented = Object.fromEntries(operations())[op] as Record<string, { $ref?: string }>;
      expect(Object.keys(documented)).toContain(String(status));
      const entry = documented[String(status)];
      const base = entry.$ref
        ? entry.$ref.slice(1)
        : `/paths/${op.split(" ")[1].replace(/\//g, "~1")}/${op.split(" ")[0]}/responses/${status}`;
      expect(check(`${base}/content/application~1json/schema`, await response.json())).toEqual([]);
      seen.add(`${op} ${status}`);
    };
    try {
      const url = service.url;
      const token = tokens.get("甲局")!;
      const report = { ...randomConsistentReport("2021", 1), agency: "甲局" };
      const send = async (
        body: unknown,
        options: { token?: string; draft?: boolean; key?: string; type?: string } = {}
      ) => {
        const request = await buildSubmission(body as never, {
          baseUrl: url,
          token: options.token ?? token,
          draft: options.draft,
        });
        return fetch(request.url, {
          method: "POST",
          headers: {
            ...request.headers,
            ...(options.key !== undefined ? { "Idempotency-Key": options.key } : {}),
            ...(options.type ? { "Content-Type": options.type } : {}),
          },
          body: typeof body === "string" ? body : request.body,
        });
      };
      const post: Operation = "post /api/v1/reports";
      const first = await send(report);
      const receipt = await first.clone().json();
      await expectAnswer(post, 201, first);
      const replay = await send(report);
      expect(replay.headers.get("idempotent-replayed")).toBe("true");
      await expectAnswer(post, 201, replay);
      await expectAnswer(post, 400, await send(report, { key: "0".repeat(64) }));
      await expectAnswer(post, 400, await send("{", { key: "0".repeat(64) }));
      await expectAnswer(post, 401, await send(report, { token: "nb_nope" }));
      await expectAnswer(post, 403, await send({ ...report, agency: "乙局" }));
      await expectAnswer(
        post,
        413,
        await send({ ...report, narrative: { ...report.narrative, other: "很".repeat(100_000) } })
      );
      await expectAnswer(post, 415, await send(report, { type: "text/plain" }));
      const wrong = structuredClone(report);
      (wrong.requests.newReceived as Record<string, number>).naturalPerson += 1;
      await expectAnswer(post, 422, await send(wrong));
      const draft = await send(wrong, { draft: true });
      expect((await draft.clone().json()).draft).toBe(true);
      await expectAnswer(post, 201, draft);

      const get = (path: string, t = token) =>
        fetch(`${url}${path}`, { headers: { Authorization: `Bearer ${t}` } });
      const list: Operation = "get /api/v1/reports";
      await expectAnswer(list, 200, await get(`${REPORTS_PATH}?year=2024`));
      await expectAnswer(list, 200, await get(REPORTS_PATH, tokens.get("办公室")));
      await expectAnswer(list, 400, await get(`${REPORTS_PATH}?year=twenty`));
      await expectAnswer(list, 401, await get(REPORTS_PATH, "nb_nope"));
      const one: Operation = "get /api/v1/reports/{id}";
      await expectAnswer(one, 200, await get(`${REPORTS_PATH}/${receipt.id}`));
      await expectAnswer(one, 404, await get(`${REPORTS_PATH}/${receipt.id}`, tokens.get("乙局")));
      await expectAnswer(one, 401, await get(`${REPORTS_PATH}/${receipt.id}`, "nb_nope"));

      // Exhaust the token's allowance: each operation then answers 429.
      let last: Response | undefined;
      for (let i = 0; i < 40 && last?.status !== 429; i++)
        last = await get(REPORTS_PATH, tokens.get("乙局"));
      await expectAnswer(list, 429, last!);
      await expectAnswer(one, 429, await get(`${REPORTS_PATH}/${receipt.id}`, tokens.get("乙局")));
      await expectAnswer(
        post,
        429,
        await send({ ...report, agency: "乙局" }, { token: tokens.get("乙局") })
      );

      const documented = operations().flatMap(([op, responses]) =>
        Object.keys(responses).map((s) => `${op} ${s}`)
      );
      expect([...seen].sort()).toEqual(documented.sort());
    } finally {
      await service.close();
    }
  });
});

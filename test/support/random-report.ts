/**
 * Random reports that satisfy every check, for property tests: generated from the format definitions so
 * that they follow the formats, not a copy of them.
 */
import { reportFromValues, type CellValue, type Report } from "../../src/report/model";
import { cellDefs } from "../../src/templates/cells";
import { FORMATS, type FormatId } from "../../src/templates/formats";
import { pointerFromSegments, type Pointer } from "../../src/templates/pointers";

/** mulberry32: a small deterministic PRNG, so a failing seed can be replayed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomConsistentReport(
  format: FormatId,
  seed: number,
  year = format === "2019" ? 2020 : 2024
): Report {
  const rand = rng(seed);
  const int = (max: number) => Math.floor(rand() * (max + 1));
  const values = new Map<Pointer, CellValue>();
  const f = FORMATS[format];

  for (const def of cellDefs(format)) {
    if (def.part !== "二") continue;
    if (def.kind === "amount")
      values.set(def.pointer, Math.round(rand() * 99990) / 10); // < 10000 万元
    else if (def.kind === "signed") values.set(def.pointer, int(20) - 10);
    else values.set(def.pointer, int(50));
  }

  const p = (path: string, col: string) =>
    pointerFromSegments(["requests", ...path.split("/"), col]);
  const rows = f.requests.rows;
  const byRole = (role: string) => rows.filter((r) => r.role === role);
  for (const col of f.requests.applicantKeys) {
    let handled = 0;
    for (const r of byRole("outcome")) {
      const v = rand() < 0.5 ? 0 : int(30);
      values.set(p(r.path, col), v);
      handled += v;
    }
    const forward = int(10);
    const over = int(handled + forward);
    values.set(p("totalHandled", col), handled);
    values.set(p("carriedForward", col), forward);
    values.set(p("carriedOver", col), over);
    values.set(p("newReceived", col), handled + forward - over);
  }
  for (const r of rows) {
    const total = f.requests.applicantKeys.reduce(
      (s, col) => s + (values.get(p(r.path, col)) as number),
      0
    );
    values.set(p(r.path, f.requests.totalKey), total);
  }

  for (const g of f.appeals.groups) {
    let total = 0;
    for (const key of f.appeals.partKeys) {
      const v = int(15);
      values.set(pointerFromSegments(["appeals", g.key, key]), v);
      total += v;
    }
    values.set(pointerFromSegments(["appeals", g.key, f.appeals.totalKey]), total);
  }

  return reportFromValues({ format, year, agency: "某市某局", date: `${year + 1}-01-20` }, values, {
    overview:
      "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开、依申请公开等工作有序开展。",
    problems: "公开方式比较单一，将进一步拓宽公开渠道。",
    other: "本年度无其他需要报告的事项。",
  });
}

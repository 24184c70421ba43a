/**
 * A report written as a crawler strips a published page: its title, headings and labels, and each row's
 * cells fused into one run of digits, all on one line. For the tests that no fused run is ever read as a
 * wrong number, and for the bench.
 */
import { getValue, type Report } from "../../src/report/model";
import { FORMATS } from "../../src/templates/formats";
import { PART_HEADINGS } from "../../src/templates/labels";

export function crawledText(r: Report): string {
  const f = FORMATS[r.format];
  const v = (p: string) => {
    const x = getValue(r, p);
    return x === null || x === undefined ? "" : String(x);
  };
  const out = [`${r.agency}${r.year}年政府信息公开工作年度报告`, PART_HEADINGS.proactive];
  for (const t of f.proactive) {
    out.push(t.heading, "信息内容", ...t.columns.map((c) => c.label));
    for (const row of t.rows)
      out.push(row.label + t.columns.map((c) => v(`/proactive/${row.key}/${c.key}`)).join(""));
  }
  out.push(PART_HEADINGS.requests);
  for (const row of f.requests.rows)
    out.push(
      row.label + f.requests.columns.map((c) => v(`/requests/${row.path}/${c.key}`)).join("")
    );
  out.push(PART_HEADINGS.appeals, "尚未审结总计");
  out.push(
    f.appeals.groups
      .flatMap((g) => f.appeals.columns.map((c) => v(`/appeals/${g.key}/${c.key}`)))
      .join("")
  );
  out.push(PART_HEADINGS.problems);
  return out.join("");
}

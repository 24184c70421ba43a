import Ajv2020 from "ajv/dist/2020";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { schemaFileName, schemaFileText, writeSchemas } from "../../scripts/generate-schemas";
import { emptyReport, type Report } from "../../src/report/model";
import { withValues } from "../support/reports";
import { reportSchema, type JsonSchema } from "../../src/report/schema";
import { cellDefs } from "../../src/templates/cells";
import { FORMAT_IDS, type FormatId } from "../../src/templates/formats";
import { pointerFromSegments } from "../../src/templates/pointers";
import { randomConsistentReport } from "../support/random-report";

const SCHEMA_DIR = join(__dirname, "../../assets/schema");
const CJK = /[\u4e00-\u9fff]/;

/** Leaf pointers below the three table sections, in the schema's own order. */
function leafPointers(schema: JsonSchema, segments: string[] = []): string[] {
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (!properties) return [pointerFromSegments(segments)];
  return Object.entries(properties).flatMap(([key, child]) =>
    leafPointers(child, [...segments, key])
  );
}

function objectSchemas(schema: JsonSchema): JsonSchema[] {
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  return properties ? [schema, ...Object.values(properties).flatMap(objectSchemas)] : [];
}

const tableLeaves = (schema: JsonSchema) =>
  ["proactive", "requests", "appeals"].flatMap((key) =>
    leafPointers((schema.properties as Record<string, JsonSchema>)[key], [key])
  );

/** A platform's validator: plain Ajv 2020 in strict mode, knowing nothing of this product. */
function platformValidator(format: FormatId, strictValues = true) {
  return new Ajv2020({ strict: true, allErrors: true }).compile(
    reportSchema(format, { strictValues })
  );
}

const meta = (format: FormatId) => ({
  format,
  year: format === "2019" ? 2020 : 2024,
  agency: "某市某局",
});

describe.each(FORMAT_IDS)("schema of format %s", (format) => {
  const schema = reportSchema(format) as JsonSchema;

  test("identifies itself as draft 2020-12, per format, with a Chinese title and description", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.$id).toBe(`urn:nianbao:report@1:${format}`);
    expect(schema.title).toMatch(CJK);
    expect(schema.description).toMatch(CJK);
  });

  test("has exactly the cells of cellDefs as leaves, in document order", () => {
    expect(tableLeaves(schema)).toEqual(cellDefs(format).map((d) => d.pointer));
  });

  test("top level: required keys, constants and ranges of report-json.md", () => {
    const props = schema.properties as Record<string, JsonSchema>;
    expect(Object.keys(props)).toEqual([
      "schema",
      "format",
      "year",
      "agency",
      "date",
      "narrative",
      "proactive",
      "requests",
      "appeals",
    ]);
    expect(schema.required).toEqual([
      "schema",
      "format",
      "year",
      "agency",
      "narrative",
      "proactive",
      "requests",
      "appeals",
    ]);
    expect(props.schema.const).toBe("nianbao/report@1");
    expect(props.format.const).toBe(format);
    expect(props.year).toMatchObject({ type: "integer", minimum: 2000, maximum: 2100 });
    expect(props.agency).toMatchObject({ type: "string", minLength: 1, maxLength: 200 });
    expect(props.date).toMatchObject({ type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" });
    expect(props.narrative.required).toEqual(["overview", "problems", "other"]);
  });

  test("every object requires all its keys and allows no others", () => {
    for (const obj of objectSchemas(schema)) {
      expect(obj.additionalProperties).toBe(false);
      const keys = Object.keys(obj.properties as object);
      expect(obj.required).toEqual(obj === schema ? keys.filter((k) => k !== "date") : keys);
    }
  });

  test("cells are constrained by kind and described by their Chinese label", () => {
    const byPointer = new Map(tableLeaves(schema).map((p, i) => [p, i]));
    const cellSchema = (pointer: string) =>
      pointer
        .slice(1)
        .split("/")
        .reduce((s: JsonSchema, key) => (s.properties as Record<string, JsonSchema>)[key], schema);
    for (const def of cellDefs(format)) {
      expect(byPointer.has(def.pointer)).toBe(true);
      const { description, ...rest } = cellSchema(def.pointer);
      expect(description).toContain(def.label);
      expect(rest).toEqual(
        {
          count: { type: ["integer", "null"], minimum: 0, maximum: 1e9 },
          signed: { type: ["integer", "null"], minimum: -1e9, maximum: 1e9 },
          amount: { type: ["number", "null"], minimum: 0, maximum: 1e9 },
        }[def.kind]
      );
    }
  });

  test("with strictValues false every cell is any number or null", () => {
    const loose = reportSchema(format, { strictValues: false }) as JsonSchema;
    const props = loose.properties as Record<string, JsonSchema>;
    for (const key of ["proactive", "requests", "appeals"]) {
      const cells = objectSchemas(props[key]).flatMap((o) =>
        Object.values(o.properties as Record<string, JsonSchema>).filter((s) => !s.properties)
      );
      expect(cells.length).toBeGreaterThan(0);
      for (const cell of cells) expect(cell).toEqual({ type: ["number", "null"] });
    }
    expect(tableLeaves(loose)).toEqual(tableLeaves(schema));
  });

  test.each([true, false])(
    "an empty and a random full report validate (strictValues %s)",
    (strictValues) => {
      const validate = platformValidator(format, strictValues);
      const reports: Report[] = [
        emptyReport(meta(format)),
        ...[1, 2, 3].map((s) => randomConsistentReport(format, s)),
      ];
      for (const report of reports) {
        const ok = validate(JSON.parse(JSON.stringify(report)));
        expect(validate.errors ?? []).toEqual([]);
        expect(ok).toBe(true);
      }
    }
  );
});

describe("published files", () => {
  if (process.env.UPDATE_SCHEMAS) writeSchemas(SCHEMA_DIR);

  test.each(FORMAT_IDS)(
    "assets/schema for format %s is the generated schema (regenerate: UPDATE_SCHEMAS=1)",
    (format) => {
      const committed = readFileSync(join(SCHEMA_DIR, schemaFileName(format)), "utf8");
      expect(committed).toBe(schemaFileText(format));
      expect(JSON.parse(committed)).toEqual(reportSchema(format));
    }
  );
});

describe("a platform validating with the published schema alone", () => {
  const validate2019 = platformValidator("2019");
  const validate2021 = platformValidator("2021");
  const base = (format: FormatId) => randomConsistentReport(format, 7);
  const withCell = (report: Report, pointer: string, value: number | null) =>
    JSON.parse(JSON.stringify(withValues(report, new Map([[pointer, value]]))));
  const errorsFor = (validate: ReturnType<typeof platformValidator>, doc: unknown) =>
    validate(doc) ? [] : (validate.errors ?? []).map((e) => e.instancePath);

  test("rejects a negative count and a fraction in a count", () => {
    expect(
      errorsFor(validate2021, withCell(base("2021"), "/requests/granted/total", -1))
    ).toContain("/requests/granted/total");
    expect(
      errorsFor(validate2021, withCell(base("2021"), "/requests/granted/total", 2.5))
    ).toContain("/requests/granted/total");
    expect(
      errorsFor(validate2019, withCell(base("2019"), "/appeals/review/upheld", 1e10))
    ).toContain("/appeals/review/upheld");
  });

  test("accepts a signed change in 2019 and a decimal amount", () => {
    expect(
      errorsFor(validate2019, withCell(base("2019"), "/proactive/licensing/change", -3))
    ).toEqual([]);
    expect(
      errorsFor(validate2019, withCell(base("2019"), "/proactive/procurement/amount", 2987.6))
    ).toEqual([]);
    expect(errorsFor(validate2021, withCell(base("2021"), "/proactive/fees/amount", 0.5))).toEqual(
      []
    );
  });

  test("rejects a signed value outside 2019's 本年增/减 and a fraction in it", () => {
    expect(
      errorsFor(validate2019, withCell(base("2019"), "/proactive/licensing/decisions", -3))
    ).toEqual(["/proactive/licensing/decisions"]);
    expect(
      errorsFor(validate2019, withCell(base("2019"), "/proactive/licensing/change", -2.5))
    ).toEqual(["/proactive/licensing/change"]);
  });

  test("rejects a report of the other format, unknown keys and a wrong schema id", () => {
    const r2019 = JSON.parse(JSON.stringify(base("2019")));
    expect(validate2021(r2019)).toBe(false);
    expect(validate2019({ ...r2019, extra: 1 })).toBe(false);
    expect(validate2019({ ...r2019, schema: "nianbao/report@2" })).toBe(false);
    expect(validate2019({ ...r2019, year: 2020.5 })).toBe(false);
    expect(validate2019({ ...r2019, date: "2021/01/29" })).toBe(false);
    const { date: _date, ...undated } = r2019;
    expect(validate2019(undated)).toBe(true);
  });
});

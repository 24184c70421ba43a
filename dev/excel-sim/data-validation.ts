/**
 * `Range.dataValidation` (ExcelApi 1.8). Rules are stored per cell; `rule` reads back with formulas as
 * "=…" strings (Office's documented shape); `valid` evaluates every cell. As in Excel, validation checks
 * only what a user types (user.ts), never what the API writes, and a paste bypasses it.
 */
import { EXCEL_ENUMS, enumValues } from "./enums";
import { requireBoolean, simError } from "./errors";
import { assertSameContext, type PropDesc, SimObject } from "./proxy";
import { type RangeTarget, modelOf, SimRange } from "./range";
import { formatAddress } from "./address";
import type { DvAlert, DvPrompt } from "./rules-model";
import type { WorkbookModel } from "./workbook-model";

const API = "Range.dataValidation" as const;

type DvMembers = "rule" | "errorAlert" | "prompt" | "ignoreBlanks" | "type" | "valid" | "clear";

export class SimDataValidation
  extends SimObject<RangeTarget>
  implements Pick<Excel.DataValidation, DvMembers>
{
  protected readonly _typeName = "DataValidation";

  constructor(private readonly range: SimRange) {
    super(range.context, () => range._target());
  }

  private get model(): WorkbookModel {
    return modelOf(this);
  }

  protected _props(): Record<string, PropDesc<RangeTarget>> {
    const m = this.model;
    const read = (t: RangeTarget) => m.rules.readDv(t.sheet, t.area);
    return {
      type: {
        get: (t) => {
          const d = read(t);
          return d.mixed ? "Inconsistent" : (d.record?.type ?? "None");
        },
        api: API,
      },
      rule: {
        get: (t) => {
          const d = read(t);
          return d.record ? m.rules.ruleOut(d.record, t.sheet) : {};
        },
        api: API,
      },
      errorAlert: {
        get: (t) => (read(t).record ? { ...read(t).record!.errorAlert } : null),
        api: API,
      },
      prompt: { get: (t) => (read(t).record ? { ...read(t).record!.prompt } : null), api: API },
      ignoreBlanks: { get: (t) => read(t).record?.ignoreBlanks ?? null, api: API },
      valid: { get: (t) => m.rules.validity(t.sheet, t.area), api: API },
    };
  }

  get type(): Excel.DataValidation["type"] {
    return this._read("type");
  }
  get valid(): boolean {
    return this._read("valid");
  }

  get rule(): Excel.DataValidationRule {
    return this._read("rule");
  }
  set rule(v: Excel.DataValidationRule) {
    this._write("rule", v, API, (t) =>
      this.model.rules.setDvRule(t.sheet, t.area, this.resolveRanges(v))
    );
  }

  get errorAlert(): Excel.DataValidationErrorAlert {
    return this._read("errorAlert");
  }
  set errorAlert(v: Excel.DataValidationErrorAlert) {
    this._write("errorAlert", v, API, (t) => {
      const a = checkObject(v, "errorAlert") as Partial<DvAlert>;
      if (
        a.style !== undefined &&
        !enumValues(EXCEL_ENUMS.DataValidationAlertStyle).includes(a.style)
      ) {
        throw simError("InvalidArgument", `'${String(a.style)}' is not an alert style.`);
      }
      this.model.rules.setDvProps(t.sheet, t.area, { errorAlert: a as unknown as DvAlert });
    });
  }

  get prompt(): Excel.DataValidationPrompt {
    return this._read("prompt");
  }
  set prompt(v: Excel.DataValidationPrompt) {
    this._write("prompt", v, API, (t) =>
      this.model.rules.setDvProps(t.sheet, t.area, {
        prompt: checkObject(v, "prompt") as unknown as DvPrompt,
      })
    );
  }

  get ignoreBlanks(): boolean {
    return this._read("ignoreBlanks");
  }
  set ignoreBlanks(v: boolean) {
    this._write("ignoreBlanks", v, API, (t) => {
      this.model.rules.setDvProps(t.sheet, t.area, {
        ignoreBlanks: requireBoolean(v, "ignoreBlanks"),
      });
    });
  }

  clear(): void {
    this._queueCall("clear", API, (t) => this.model.rules.clearDv(t.sheet, t.area));
  }

  /** Ranges given as formula1/formula2/source become absolute references ("=Sheet1!$A$1:$A$3"). */
  private resolveRanges(rule: unknown): unknown {
    if (typeof rule !== "object" || rule === null) return rule;
    const out: Record<string, unknown> = {};
    for (const [kind, criteria] of Object.entries(rule as Record<string, unknown>)) {
      if (typeof criteria !== "object" || criteria === null) {
        out[kind] = criteria;
        continue;
      }
      const c: Record<string, unknown> = { ...(criteria as Record<string, unknown>) };
      for (const key of ["formula1", "formula2", "source"]) {
        const v = c[key];
        if (v instanceof SimRange) {
          assertSameContext(v, this.context);
          const t = v._target();
          if (!t)
            throw simError("InvalidArgument", `${key} refers to a range that does not exist.`);
          c[key] = "=" + formatAddress(t.sheet.name, t.area, true);
        }
      }
      out[kind] = c;
    }
    return out;
  }
}

function checkObject(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v))
    throw simError("InvalidArgument", `${what} must be an object.`);
  return v as Record<string, unknown>;
}

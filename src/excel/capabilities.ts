/**
 * What this Excel supports, from its requirement sets (office-js-facts §10.3): names 1.4, conditional
 * formats 1.6, change events 1.7 (full function), data validation 1.8, `triggerSource` 1.14.
 */
import type { Capabilities } from "./host";

const VERSIONS = [
  "1.1",
  "1.2",
  "1.3",
  "1.4",
  "1.5",
  "1.6",
  "1.7",
  "1.8",
  "1.9",
  "1.10",
  "1.11",
  "1.12",
  "1.13",
  "1.14",
  "1.15",
  "1.16",
  "1.17",
  "1.18",
  "1.19",
  "1.20",
];

export function detectCapabilities(
  isSetSupported: (name: string, version: string) => boolean
): Capabilities {
  let excelApi = "1.0";
  for (const v of VERSIONS) {
    if (!isSetSupported("ExcelApi", v)) break;
    excelApi = v;
  }
  const atLeast = (v: string) => compareVersions(excelApi, v) >= 0;
  return {
    excelApi,
    full: atLeast("1.7"),
    changeEvents: atLeast("1.7"),
    dataValidation: atLeast("1.8"),
    ownWrites: atLeast("1.14"),
  };
}

export function compareVersions(a: string, b: string): number {
  const [a1, a2] = a.split(".").map(Number);
  const [b1, b2] = b.split(".").map(Number);
  return a1 - b1 || a2 - b2;
}

/** Features below full function, in plain words for the pane. */
export function missingFeatures(c: Capabilities): { zh: string; en: string }[] {
  const out: { zh: string; en: string }[] = [];
  if (!c.changeEvents) {
    out.push({
      zh: `当前 Excel（ExcelApi ${c.excelApi}）不支持更改事件：填写后请点击“立即校验”`,
      en: `This Excel (ExcelApi ${c.excelApi}) has no change events: press "Validate now" after editing`,
    });
  }
  if (compareVersions(c.excelApi, "1.6") < 0) {
    out.push({
      zh: "不支持条件格式：出错的单元格不会自动标色，请看任务窗格中的问题列表",
      en: "No conditional formats: failing cells are not coloured; see the list in the pane",
    });
  }
  if (!c.dataValidation) {
    out.push({
      zh: "不支持数据验证：输入时不会阻止非数字内容，校验仍会指出",
      en: "No data validation: non-numbers are not blocked on entry, validation still reports them",
    });
  }
  return out;
}

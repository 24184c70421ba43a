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

/**
 * What a value cell may hold: count, a whole number >= 0; signed, a whole number of either sign (2019
 * 本年增/减); amount, a decimal >= 0 in 万元. Part of a format's definition, so it lives with the formats.
 */
export type ValueKind = "count" | "signed" | "amount";

/** The identity and version of the report JSON, written into every report and every workbook. */
export const SCHEMA_ID = "nianbao/report@1";

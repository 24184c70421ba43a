/** How the plan's cells look on screen and on paper: named cell styles, failure colours, margins. */
import type { ValueKind } from "../templates/value-kind";

export type StyleName =
  | "title"
  | "metaLabel"
  | "metaInput"
  | "metaFixed"
  | "partHeading"
  | "caption"
  | "header"
  | "label"
  | "input"
  | "narrative"
  | "signature"
  | "note"
  | "checkValue";

export interface CellStyle {
  bold?: boolean;
  fontSize?: number;
  fontColor?: string;
  fill?: string;
  horizontal?: "Left" | "Center" | "Right";
  vertical?: "Top" | "Center";
  wrap?: boolean;
  border?: boolean;
  /** Input cells stay editable on the protected sheet. */
  locked: boolean;
}

export const STYLES: Record<StyleName, CellStyle> = {
  title: { bold: true, fontSize: 16, horizontal: "Center", vertical: "Center", locked: true },
  metaLabel: {
    bold: true,
    fill: "#F2F2F2",
    horizontal: "Center",
    vertical: "Center",
    border: true,
    locked: true,
  },
  metaInput: {
    fill: "#FFF2CC",
    horizontal: "Left",
    vertical: "Center",
    border: true,
    locked: false,
  },
  metaFixed: {
    fill: "#F2F2F2",
    horizontal: "Center",
    vertical: "Center",
    border: true,
    locked: true,
  },
  partHeading: { bold: true, fontSize: 12, horizontal: "Left", vertical: "Center", locked: true },
  caption: {
    bold: true,
    fill: "#EDEDED",
    horizontal: "Left",
    vertical: "Center",
    border: true,
    locked: true,
  },
  header: {
    bold: true,
    fill: "#DDEBF7",
    horizontal: "Center",
    vertical: "Center",
    wrap: true,
    border: true,
    locked: true,
  },
  label: { horizontal: "Left", vertical: "Center", wrap: true, border: true, locked: true },
  input: { fill: "#FFF2CC", horizontal: "Center", vertical: "Center", border: true, locked: false },
  narrative: {
    fill: "#FFF2CC",
    horizontal: "Left",
    vertical: "Top",
    wrap: true,
    border: true,
    locked: false,
  },
  signature: { horizontal: "Right", vertical: "Center", locked: true },
  note: { fontColor: "#7F7F7F", horizontal: "Left", vertical: "Center", locked: true },
  checkValue: { horizontal: "Center", vertical: "Center", border: true, locked: true },
};

/** Light red fill with dark red text: Excel's own "bad" style, which users recognise. */
export const FAILURE_FORMAT = { fill: "#FFC7CE", fontColor: "#9C0006" };
/** Orange for a cell that holds something other than a number of its kind. */
export const TYPE_FAILURE_FORMAT = { fill: "#F8CBAD", fontColor: "#833C0C" };

export const NUMBER_FORMATS: Record<ValueKind | "text" | "date", string> = {
  count: "0",
  signed: "+0;-0;0",
  amount: "General",
  text: "@",
  date: "yyyy-mm-dd",
};

/** In inches, as Excel's page setup and the file format hold them. */
export interface PageMargins {
  left: number;
  right: number;
  top: number;
  bottom: number;
  header: number;
  footer: number;
}

/** Narrow margins (inches) that fit 15 × 52 pt columns on A4 landscape. */
export const NARROW_MARGINS: PageMargins = {
  left: 0.25,
  right: 0.25,
  top: 0.5,
  bottom: 0.5,
  header: 0.3,
  footer: 0.3,
};

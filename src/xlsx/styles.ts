/**
 * The plan's cell styles as ExcelJS styles. Colours are "#RRGGBB" in the plan and ARGB in ExcelJS; borders
 * are thin grey on every edge, as the add-in draws them (Continuous, #808080).
 */
import type { Alignment, Borders, Fill, Font, Style } from "exceljs";
import type { CellStyle } from "../layout/plan";

export const argb = (hex: string) => `FF${hex.replace(/^#/, "").toUpperCase()}`;

const GREY = { argb: "FF808080" };
const EDGE = { style: "thin" as const, color: GREY };

export function excelStyle(s: CellStyle, numFmt?: string): Partial<Style> {
  const font: Partial<Font> = {};
  if (s.bold) font.bold = true;
  if (s.fontSize) font.size = s.fontSize;
  if (s.fontColor) font.color = { argb: argb(s.fontColor) };
  const alignment: Partial<Alignment> = {};
  if (s.horizontal) alignment.horizontal = s.horizontal.toLowerCase() as Alignment["horizontal"];
  if (s.vertical) alignment.vertical = s.vertical === "Center" ? "middle" : "top";
  if (s.wrap) alignment.wrapText = true;
  const style: Partial<Style> = { alignment, protection: { locked: s.locked } };
  if (Object.keys(font).length) style.font = font;
  if (s.fill) style.fill = solidFill(s.fill);
  if (s.border) style.border = { top: EDGE, bottom: EDGE, left: EDGE, right: EDGE } as Borders;
  if (numFmt) style.numFmt = numFmt;
  return style;
}

function solidFill(hex: string): Fill {
  return { type: "pattern", pattern: "solid", fgColor: { argb: argb(hex) } };
}

/**
 * Column width in points → Excel's width in characters of the default font (Calibri 11, max digit width
 * 7 px): pixels = 7 × chars + 5 (padding), and 96 px = 72 pt. 52 pt → 9.19 chars (≈ 69 px).
 */
export function pointsToCharacters(points: number): number {
  return Math.round(((points / 0.75 - 5) / 7) * 100) / 100;
}

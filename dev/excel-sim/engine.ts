/**
 * HyperFormula, evaluated when a workbook first needs its engine (WorkbookModel.hf) rather than when the
 * simulator is imported: its modules register hundreds of functions, which is much of a page's start, and a
 * workbook nobody has written to needs none of it.
 */
import type * as HyperFormulaModule from "hyperformula";

let engineModule: typeof HyperFormulaModule | undefined;

export function hyperFormula(): typeof HyperFormulaModule {
  // require, not import: a static import would evaluate it with the simulator
  engineModule ??= require("hyperformula") as typeof HyperFormulaModule;
  return engineModule;
}

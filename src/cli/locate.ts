/** How the command line names a cell: its JSON Pointer, and for a workbook the cell as well. */
import type { Pointer } from "../templates/pointers";
import type { Locate } from "./human";

/** "/requests/newReceived/total（2024年度年报!O28）", or the pointer alone. */
export function locator(addresses?: ReadonlyMap<Pointer, string>): Locate {
  return (pointer) => {
    const at = addresses?.get(pointer);
    return at ? `${pointer}（${at}）` : pointer;
  };
}

/**
 * The error alert of each value kind's data validation, shared by the add-in (Office.js) and the .xlsx
 * writer so that both templates say the same thing when a wrong value is typed.
 */
import type { ValueKind } from "./value-kind";

export const VALIDATION_TEXT: Record<ValueKind, { title: string; message: string }> = {
  count: { title: "请填写整数", message: "此处应填不小于 0 的整数，不要带单位；没有请填 0。" },
  signed: {
    title: "请填写整数",
    message: "此处填本年增减数：整数，减少填负数（如 -4）；无变化填 0。",
  },
  amount: {
    title: "请填写金额",
    message: "此处填金额，单位为万元，只填数字（如 25.1）；没有请填 0。",
  },
};

/**
 * Getting the report JSON out of the pane: a file name, whether a download can work here, and copying with
 * a fallback (office-js-facts §6: Blob downloads fail silently in Mac's WKWebView; navigator.clipboard is
 * blocked in Excel on the web, where select + execCommand("copy") still works).
 */
import { exportGate } from "../checks/gate";
import type { Finding } from "../checks/types";
import type { Checked } from "./checked";

/** What stands in the way of a report going out (export, submission): the one export gate's errors. */
export function blockingFindings(checked: Checked): Finding[] {
  return exportGate(checked.result).blocking;
}

/** Characters Windows, macOS or Linux refuse in a file name, and control characters. */
// eslint-disable-next-line no-control-regex
const ILLEGAL = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;

export function reportFileName(
  agency: string,
  year: number,
  draft: boolean,
  extension: "json" | "html" | "docx" = "json"
): string {
  const safeAgency = agency
    .replace(ILLEGAL, "_")
    .trim()
    .replace(/^\.+|[. ]+$/g, ""); // Windows drops trailing dots and spaces; a leading dot hides the file
  return `${safeAgency}${year}年政府信息公开工作年度报告${draft ? "-草稿" : ""}.${extension}`;
}

/** WKWebView (Mac, iPad) ignores `<a download>`; everywhere else it works. */
export function canDownload(platform: string | undefined): boolean {
  return platform !== "Mac" && platform !== "iOS";
}

export async function copyText(
  text: string,
  textarea: HTMLTextAreaElement | null
): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Blocked by the permissions policy of Excel on the web: fall back to the selection.
  }
  if (!textarea) return false;
  textarea.focus();
  textarea.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  }
}

/**
 * A published report given as text: a saved web page (HTML) or text copied, crawled, extracted from a PDF
 * (often as Markdown) or recognised by OCR.
 */
import { looksLikeHtml } from "./decode";
import { htmlLines } from "./html";
import { textLines } from "./lines";
import { importPublishedLines, type ImportResult } from "./published";

export { importPublishedLines };

export function importPublishedText(input: string): ImportResult {
  if (looksLikeHtml(input)) {
    const { lines, title } = htmlLines(input);
    return importPublishedLines(lines, title);
  }
  return importPublishedLines(textLines(input));
}

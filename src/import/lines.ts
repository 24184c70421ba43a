/**
 * A document as its readers see it: lines, each either a table row (its cells in order, an empty cell kept
 * because position matters) or a line of text (cells as a tab or layout separates them). Every reader (text,
 * Markdown, HTML, Word, PDF) produces these; one table reader consumes them.
 */
export interface DocLine {
  cells: string[];
  /** A table row: empty cells are real (blank) cells, and the row ends a run of values. */
  row: boolean;
}

/** 「— 5 —」, 「- 12 -」, 「第 3 页」, 「第3页 共8页」: page furniture that PDF extraction leaves inside tables. */
const PAGE_NUMBER =
  /^\s*(?:[-—–－‒―]+\s*\d{1,4}\s*[-—–－‒―]+|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)\s*$/i;

export function isPageNumber(s: string): boolean {
  return PAGE_NUMBER.test(s);
}

/** Markdown's table separator row `|---|:--:|`. */
const MD_SEPARATOR = /^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

/**
 * Plain text as copied, crawled, extracted or recognised: Markdown table rows (`| a | b |`) are rows; other
 * lines are split at tabs; Markdown headings and emphasis and page numbers are dropped.
 */
export function textLines(text: string): DocLine[] {
  const out: DocLine[] = [];
  for (const raw of text.split(/\r\n|\r|\n|\u2028|\u2029/)) {
    const line = raw.replace(/^\s*#{1,6}\s+/, "").replace(/\*\*|__/g, "");
    const trimmed = line.trim();
    if (trimmed === "" || isPageNumber(trimmed)) continue;
    if (trimmed.startsWith("|")) {
      if (MD_SEPARATOR.test(trimmed)) continue;
      const cells = trimmed
        .replace(/^\|/, "")
        .replace(/\|$/, "")
        .split("|")
        .map((c) => c.replace(/<br\s*\/?>/gi, "\n").trim());
      if (cells.every((c) => c === "" || isPageNumber(c))) continue;
      out.push({ cells, row: true });
      continue;
    }
    const cells = line
      .split("\t")
      .map((c) => c.trim())
      .filter((c) => c !== "");
    if (cells.length) out.push({ cells, row: false });
  }
  return out;
}

/** The lines as text, for the title, the date and the narrative: cells joined by tabs. */
export function plainText(lines: DocLine[]): string {
  return lines.map((l) => l.cells.join("\t")).join("\n");
}

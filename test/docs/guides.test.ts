/**
 * The clerks' guides show pictures made by the tests (the workbench run and the LibreOffice print, with
 * UPDATE_GUIDE_IMAGES=1): every picture a guide names is there and is a PNG, and no picture in
 * docs/images is left that no page names.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const DOCS = join(__dirname, "../../docs");
const GUIDES = ["使用指南.md", "user-guide.md"];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The images a Markdown page names, as paths relative to docs/. */
function imagesOf(page: string): string[] {
  const text = readFileSync(join(DOCS, page), "utf8");
  return [...text.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
}

test.each(GUIDES)("%s: every picture it names is a PNG in docs/images", (guide) => {
  const images = imagesOf(guide);
  expect(images.length).toBeGreaterThan(0);
  for (const image of images) {
    expect([image, image.startsWith("images/") && image.endsWith(".png")]).toEqual([image, true]);
    const path = join(DOCS, image);
    expect([image, existsSync(path)]).toEqual([image, true]);
    expect([image, [...readFileSync(path).subarray(0, 8)]]).toEqual([image, PNG]);
  }
});

test("the English guide shows the pictures of the steps it shares with the Chinese one", () => {
  const zh = new Set(imagesOf("使用指南.md"));
  for (const image of imagesOf("user-guide.md"))
    expect([image, zh.has(image)]).toEqual([image, true]);
  for (const step of ["insert-form", "blanks", "previous", "print-report-1"])
    expect(imagesOf("user-guide.md")).toContain(`images/${step}.png`);
});

test("every picture in docs/images is shown by some page", () => {
  const pages = readdirSync(DOCS).filter((f) => f.endsWith(".md"));
  const named = new Set(pages.flatMap(imagesOf));
  for (const file of readdirSync(join(DOCS, "images")))
    expect([file, named.has(`images/${file}`)]).toEqual([file, true]);
});

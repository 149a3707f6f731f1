// The benchmark's PptxGenJS side: the same slides (title, bullets, notes) as deckgen's outline, from JSON.
// usage: node build.js SLIDES.json OUT.pptx  → prints {"seconds": …, "rss_mb": …} (max RSS of the process)
"use strict";
const t0 = process.hrtime.bigint();
const fs = require("fs");
const pptxgen = require("pptxgenjs");

async function main() {
  const slides = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  const pptx = new pptxgen();
  pptx.layout = "LAYOUT_16x9";
  for (const s of slides) {
    const slide = pptx.addSlide();
    slide.addText(s.title, { x: 0.5, y: 0.3, w: 9, h: 0.9, fontSize: 32, fontFace: "Microsoft YaHei", lang: "zh-CN" });
    if (s.bullets.length) {
      slide.addText(s.bullets.map((b) => ({ text: b, options: { bullet: true, breakLine: true } })),
        { x: 0.5, y: 1.4, w: 9, h: 3.8, fontSize: 24, fontFace: "Microsoft YaHei", lang: "zh-CN", valign: "top" });
    }
    if (s.notes) slide.addNotes(s.notes);
  }
  await pptx.writeFile({ fileName: process.argv[3], compression: true });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ seconds, rss_mb: rss }));
}
main();

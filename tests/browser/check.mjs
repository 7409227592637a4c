// The rendered pages in a real browser (run by run.sh):
//  1. the Nu HTML Checker (vnu.jar, one JVM for every page): no errors;
//  2. axe-core in headless Chromium, WCAG 2.1 A and AA: no violations;
//  3. printed (print media, A4 width less the page margins) nothing is wider
//     than the paper: no table or URL cut off at the right edge;
//  4. a screenshot (NAME.png, 1000 px wide) and a PDF (NAME.pdf, Letter;
//     NAME.a4.pdf, A4) of each page, saved in --out to look at.
//   node check.mjs --node-modules DIR --chromium PATH --out DIR PAGE.html...
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const opt = {};
const pages = [];
for (let i = 0; i < args.length; i++) {
  if (args[i].startsWith('--')) opt[args[i].slice(2)] = args[++i];
  else pages.push(resolve(args[i]));
}
if (!opt['node-modules'] || !opt.out || pages.length === 0) {
  console.error('usage: check.mjs --node-modules DIR --chromium PATH --out DIR PAGE.html...');
  process.exit(2);
}
const require = createRequire(join(resolve(opt['node-modules']), 'index.js'));
const { chromium } = require('playwright-core');
const axePath = require.resolve('axe-core/axe.min.js');
const vnuJar = join(resolve(opt['node-modules']), 'vnu-jar', 'build', 'dist', 'vnu.jar');
const out = resolve(opt.out);
const pagesRoot = commonDir(pages);
let failures = 0;

function commonDir(files) {
  let dir = dirname(files[0]);
  while (!files.every((f) => f.startsWith(dir + '/'))) dir = dirname(dir);
  return dir;
}
const short = (f) => relative(pagesRoot, f);

// 1. Nu HTML Checker, all pages in one run.
{
  const t = Date.now();
  const r = spawnSync('java', ['-jar', vnuJar, '--errors-only', '--format', 'json', ...pages],
    { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error || (r.status !== 0 && !r.stderr.trim().startsWith('{'))) {
    console.log(`FAIL: vnu did not run: ${r.error || r.stderr}`);
    process.exit(1);
  }
  const messages = r.stderr.trim() ? JSON.parse(r.stderr).messages : [];
  for (const m of messages) {
    const where = m.url ? short(new URL(m.url).pathname) : '?';
    console.log(`FAIL: vnu: ${where}:${m.lastLine ?? '?'}:${m.firstColumn ?? '?'}: ${m.type}: ${m.message}`);
    if (m.extract) console.log(`    ${m.extract.replace(/\n/g, ' ')}`);
  }
  failures += messages.length;
  console.log(`vnu: ${pages.length} pages, ${messages.length} errors (${Date.now() - t} ms)`);
}

// 2-4. Chromium: axe, print width, screenshot and PDF.
const profile = mkdtempSync(join(tmpdir(), 'echo-browser-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: opt.chromium || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1000, height: 800 },
  offline: true,
});
try {
  const page = await context.newPage();
  page.on('pageerror', (e) => { console.log(`FAIL: script error: ${e.message}`); failures++; });
  const t = Date.now();
  let violations = 0;
  for (const file of pages) {
    const name = short(file).replace(/\.html$/, '');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1000, height: 800 });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

    await page.addScriptTag({ path: axePath });
    const result = await page.evaluate(() => window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    }));
    for (const v of result.violations) {
      for (const n of v.nodes) {
        console.log(`FAIL: axe: ${name}: ${v.id} (${v.impact}): ${v.help}: ${n.target.join(' ')}`);
        if (n.failureSummary) console.log(`    ${n.failureSummary.replace(/\n/g, ' ')}`);
        violations++;
      }
    }

    mkdirSync(dirname(join(out, name)), { recursive: true });
    await page.screenshot({ path: join(out, name + '.png'), fullPage: true });

    // Printed on A4 with the style sheet's margins (16 mm each side):
    // 178 mm = 673 CSS px, or 265 mm = 1001 px on a landscape page (the
    // style sheet's named page 'wide'); nothing may stick out to the right.
    await page.emulateMedia({ media: 'print' });
    const landscape = await page.evaluate(() => getComputedStyle(document.body).page === 'wide');
    await page.setViewportSize({ width: landscape ? 1001 : 673, height: 1000 });
    const wide = await page.evaluate(() => {
      const limit = document.documentElement.clientWidth + 1;
      const found = [];
      for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.right > limit &&
            !(el.parentElement && el.parentElement.getBoundingClientRect().right > limit)) {
          const id = el.id ? '#' + el.id : '';
          found.push(`<${el.tagName.toLowerCase()}${id}> ${Math.round(r.right)} px of ${limit - 1}: ` +
            (el.textContent || '').trim().slice(0, 60).replace(/\s+/g, ' '));
        }
      }
      return found;
    });
    for (const w of wide) console.log(`FAIL: print: ${name}: wider than an A4 page: ${w}`);
    failures += wide.length;
    await page.pdf({ path: join(out, name + '.pdf'), format: 'Letter', printBackground: true });
    await page.pdf({ path: join(out, name + '.a4.pdf'), format: 'A4', printBackground: true });
  }
  failures += violations;
  console.log(`chromium: ${pages.length} pages, ${violations} axe violations; ` +
    `screenshots and PDFs in ${out} (${Date.now() - t} ms)`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(failures ? `FAIL: ${failures} problems` : 'ok');
process.exit(failures ? 1 : 0);

// Copy step of `npm run build` (runs after Sass has written static/govuk/app.css).
// - vendors govuk-frontend's JS (an ES module) and htmx 2 into static/
// - copies only the GOV.UK images that the compiled CSS actually refers to,
//   and refuses GOV.UK branding (crest, crown icons, favicons, fonts)
// - fails if GOV.UK branding or another host has crept into app.css
// No dependencies beyond Node itself.

import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const govuk = join(root, "node_modules/govuk-frontend/dist/govuk");
const cssFile = join(root, "static/govuk/app.css");
const assetsUrl = "/static/govuk/assets/";
const branding = /^(images\/)?(govuk-crest|govuk-icon-|govuk-opengraph|favicon\.)|^fonts\//;

function copy(from, to) {
  const target = join(root, to);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(from, target);
  console.log(`copied ${to}`);
}

function fail(message) {
  console.error(`build.mjs: ${message}`);
  process.exit(1);
}

copy(join(govuk, "govuk-frontend.min.js"), "static/govuk/govuk-frontend.min.js");
copy(join(root, "node_modules/htmx.org/dist/htmx.min.js"), "static/vendor/htmx.min.js");

const css = readFileSync(cssFile, "utf8");

if (/GDS Transport|@font-face/.test(css)) fail("app.css contains the GDS Transport font");

const urls = [...css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)].map((m) => m[1]);
const assets = new Set();
for (const url of urls) {
  if (url.startsWith("data:")) continue;
  if (!url.startsWith(assetsUrl)) fail(`app.css refers to ${url}, outside ${assetsUrl}`);
  const file = url.slice(assetsUrl.length).split(/[?#]/)[0];
  if (branding.test(file)) fail(`app.css refers to GOV.UK branding: ${file}`);
  assets.add(file);
}
for (const file of assets) copy(join(govuk, "assets", file), `static/govuk/assets/${file}`);
console.log(`${assets.size} image/font file(s) referenced by app.css`);

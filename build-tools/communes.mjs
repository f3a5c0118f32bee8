// Writes api-server/communes/communes.tsv, the postcode → communes list the reference server carries, from the npm
// package codes-postaux (MIT; built from INSEE's Code officiel géographique), installed in build-tools/ by `./dev`.
//
//   node build-tools/communes.mjs          regenerate, then commit
//   node build-tools/communes.mjs --check  fail when the shipped file is not what the package gives
//
// One line per postcode: the postcode, then each of its communes, tab-separated, spelled as the list spells them.
// Paris, Lyon and Marseille are listed by arrondissement ("Lyon 3e Arrondissement"); an address says "Lyon", and
// the postcode already tells the arrondissement, so the file keeps the commune's name.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const entries = require('codes-postaux/codes-postaux.json');
const version = require('codes-postaux/package.json').version;
const OUT = join(import.meta.dirname, '..', 'api-server', 'communes', 'communes.tsv');

const ARRONDISSEMENT = /^(Paris|Lyon|Marseille) \d+(er|e) Arrondissement$/;
const byCode = new Map();
for (const { codePostal, nomCommune } of entries) {
  if (!/^\d{5}$/.test(codePostal) || !nomCommune || /[\t\n]/.test(nomCommune)) {
    throw new Error(`unexpected entry: ${codePostal} ${JSON.stringify(nomCommune)}`);
  }
  const name = nomCommune.replace(ARRONDISSEMENT, '$1');
  if (!byCode.has(codePostal)) byCode.set(codePostal, new Set());
  byCode.get(codePostal).add(name);
}
const collator = new Intl.Collator('fr');
const lines = [...byCode.keys()].sort().map((code) => [code, ...[...byCode.get(code)].sort(collator.compare)].join('\t'));
const text = `${lines.join('\n')}\n`;
const pairs = lines.reduce((n, l) => n + l.split('\t').length - 1, 0);
const summary = `codes-postaux ${version}: ${entries.length} entries → ${byCode.size} postcodes, ${pairs} postcode–commune pairs, ${Buffer.byteLength(text)} bytes`;

if (process.argv.includes('--check')) {
  let shipped = '';
  try { shipped = readFileSync(OUT, 'utf8'); } catch { /* reported below */ }
  if (shipped !== text) {
    console.error(`${OUT} is not what ${summary.split(':')[0]} gives: run node build-tools/communes.mjs`);
    process.exit(1);
  }
  console.log(`up to date (${summary})`);
} else {
  writeFileSync(OUT, text);
  console.log(`wrote ${OUT} (${summary})`);
}

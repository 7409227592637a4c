// Converts YAML files to JSON for the schema validator, with the YAML 1.2
// core schema (dates stay strings, as echo-toolkit reads them).
// Usage: node yaml2json.mjs IN.yaml OUT.json [IN.yaml OUT.json]...
import { readFileSync, writeFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

const args = process.argv.slice(2);
let status = 0;
for (let i = 0; i + 1 < args.length; i += 2) {
  const docs = parseAllDocuments(readFileSync(args[i], 'utf8'), { schema: 'core', uniqueKeys: true });
  const errors = docs.flatMap((d) => d.errors);
  if (errors.length > 0 || docs.length !== 1) {
    console.error(`${args[i]}: ${errors.length ? errors[0].message : `${docs.length} documents, expected 1`}`);
    status = 1;
    continue;
  }
  writeFileSync(args[i + 1], JSON.stringify(docs[0].toJS(), null, 2) + '\n');
}
process.exit(status);

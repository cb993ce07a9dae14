/**
 * Writes the JSON Schemas editors autocomplete against (scenarios/schema/*.schema.json) from the
 * zod definitions in src/core/format, which stay the single source of truth. A unit test fails
 * when the committed schemas are out of date: run `npm run schema` after changing the format.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMA_FILES, schemaJson } from '../src/core/format/json-schema';
import { SCENARIO_DIR } from '../src/cli/fs-library';

for (const name of Object.keys(SCHEMA_FILES) as (keyof typeof SCHEMA_FILES)[]) {
  const path = join(SCENARIO_DIR, 'schema', name);
  writeFileSync(path, schemaJson(name));
  console.log(`wrote ${path}`);
}

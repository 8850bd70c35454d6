// Writes directory.schema.json, the JSON Schema of a Directory spec file (for editors), from the
// zod schema the component checks with, and directory-part.schema.json, that of a file another
// includes (no domainId): `npm run schema`. A test keeps both files current.
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO } from "./install";
import { directoryJsonSchema } from "../provider/spec";

export const SCHEMA_FILE = path.join(REPO, "directory.schema.json");
export const PART_SCHEMA_FILE = path.join(REPO, "directory-part.schema.json");
export const schemaText = (): string => `${JSON.stringify({ title: "LINE WORKS directory spec (pulumi-lineworks Directory)", ...directoryJsonSchema() }, null, 2)}\n`;
export const partSchemaText = (): string =>
  `${JSON.stringify({ title: "A file included by a LINE WORKS directory spec (pulumi-lineworks Directory)", ...directoryJsonSchema(true) }, null, 2)}\n`;

if (require.main === module) {
  fs.writeFileSync(SCHEMA_FILE, schemaText());
  fs.writeFileSync(PART_SCHEMA_FILE, partSchemaText());
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)} and ${path.relative(process.cwd(), PART_SCHEMA_FILE)}`);
}

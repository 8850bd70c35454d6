// Writes directory.schema.json, the JSON Schema of a Directory spec file (for editors), from the
// zod schema the component checks with: `npm run schema`. A test keeps the file current.
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO } from "./install";
import { directoryJsonSchema } from "../provider/spec";

export const SCHEMA_FILE = path.join(REPO, "directory.schema.json");
export const schemaText = (): string => `${JSON.stringify({ title: "LINE WORKS directory spec (pulumi-lineworks Directory)", ...directoryJsonSchema() }, null, 2)}\n`;

if (require.main === module) {
  fs.writeFileSync(SCHEMA_FILE, schemaText());
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
}

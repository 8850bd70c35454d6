// Local LINE WORKS API emulator (see server.ts for the programmatic API, cli.ts for the CLI).
export { Emulator } from "./server";
export type { CollectionName, EmulatorOptions, FaultKind, FaultRule, FeatureName, LogEntry } from "./server";
export { ORG_UNIT_WRITES, type OrgUnitCollection } from "./orgunits";
export { MEMBER_CREATES, type UserCollection } from "./users";
export { DIRECTORY_KINDS, KIND_DECLS } from "./directory";
export type { DirectoryKind, KindDecl } from "./directory";
export { main } from "./cli";
export type { CliHandle, CliIo } from "./cli";

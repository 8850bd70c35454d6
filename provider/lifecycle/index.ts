// The lifecycle of every directory object type, written once: check, diff, create (with adoption
// and lost-response recovery), read, update and delete. A type is a declaration in kinds/; each
// phase has its file here, and what one provider process shares lives in its Run (run.ts).
// This index is the lifecycle's public face: entry.ts, feature.ts and export.ts import from here.
export { check, checkDeclaration, validate, type CheckFailure } from "./check";
export { diff } from "./diff";
export { create } from "./create";
export { remove } from "./delete";
export { read } from "./read";
export { update } from "./update";
export { configure, defaultDomainId, log, settings } from "./settings";
export { currentRun, resetRun, Run } from "./run";
export { asFields, canonBy, DECLARED, isSoftDeleted, isUnknown, kindOf, UNKNOWN } from "./values";
export { getOne, listAll } from "./api";
export { complete } from "./sets";

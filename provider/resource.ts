// Compatibility: state written by 0.1.0 requires `pulumi-lineworks/dist/provider/resource.js` and
// calls its configure/check/diff/create/read/update/remove (see entry.ts), so this module stays,
// with every name it exported then. The lifecycle itself lives in lifecycle/.
export * from "./lifecycle";

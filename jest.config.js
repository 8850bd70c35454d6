// got and jose are ESM-only. Node >= 20.19 loads them with require(esm), but Jest's own module
// registry does not (before Node 24.9), so Jest compiles them (and their ESM dependencies) to
// CommonJS. Provider code under test is the same TypeScript the build compiles.
const esm = ["got", "jose", "@sindresorhus/is", "@sec-ant/readable-stream", "@keyv/serialize", "byte-counter",
  "cacheable-lookup", "cacheable-request", "decompress-response", "form-data-encoder", "get-stream", "is-stream",
  "keyv", "lowercase-keys", "mimic-response", "normalize-url", "p-cancelable", "responselike"];
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  globalSetup: "<rootDir>/test/global-setup.ts",
  globalTeardown: "<rootDir>/test/global-teardown.ts",
  testTimeout: 60_000,
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/test/tsconfig.json" }],
    "^.+\\.js$": ["ts-jest", { tsconfig: "<rootDir>/test/tsconfig.json" }],
  },
  transformIgnorePatterns: [`node_modules/(?!(${esm.join("|")})/)`],
};

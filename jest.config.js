// got and jose are ESM-only. Node (>= 22.12, per engines) loads them with require(esm), but
// Jest's own module registry does not (before Node 24.9), so Jest compiles them (and their ESM
// dependencies) to CommonJS. Provider code under test is the same TypeScript the build compiles.
const esm = ["got", "jose", "@sindresorhus/is", "@sec-ant/readable-stream", "@keyv/serialize", "byte-counter",
  "cacheable-lookup", "cacheable-request", "decompress-response", "form-data-encoder", "get-stream", "is-stream",
  "keyv", "lowercase-keys", "mimic-response", "normalize-url", "p-cancelable", "responselike"];

// Two tiers. `unit` spawns no process (test/support/no-spawn.ts refuses it) and needs no build;
// `engine` holds the suites that spawn dynamic-provider hosts, node, npm or shell processes, and
// installs the package packed once by its global setup (from dist/: build first).
const ENGINE = [
  "adoption", "install", "template", "chart-browser", "commit-msg", "diff-git", "directory-preview", "directory-register", "directory-roundtrip", "dated-engine", "engine", "engine-harness", "engine-kinds", "examples",
  "group", "ordering-host", "orgunit", "orgunit-soak", "orgunit-truth", "policy-installed", "refresh", "sdk-lowest", "shuffle", "soak",
  "review-workflow", "truth", "upgrade", "user", "workflow", "delete-cap",
  "error-names", "orgunit-depth",
  "member-record",
  "custom-property",
  "roster",
  "group-lists", "mail-fields",
  "rate-scale",
  "roster-rekey", "roster-target",
];

const common = {
  testEnvironment: "node",
  rootDir: __dirname,
  roots: ["<rootDir>/test"],
  testTimeout: 60_000,
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "<rootDir>/test/tsconfig.json" }],
    "^.+\\.js$": ["ts-jest", { tsconfig: "<rootDir>/test/tsconfig.json" }],
  },
  transformIgnorePatterns: [`node_modules/(?!(${esm.join("|")})/)`],
};

module.exports = {
  testTimeout: 60_000,
  // The suites mostly wait (on the emulator's rules, on spawned hosts), so two workers keep both
  // cores busy even on a 2-core machine, where jest's default (cores - 1) would run one file at a time.
  maxWorkers: 2,
  projects: [
    {
      ...common,
      displayName: "unit",
      testPathIgnorePatterns: ["/node_modules/", ...ENGINE.map((name) => `<rootDir>/test/${name}\\.test\\.ts$`)],
      setupFilesAfterEnv: ["<rootDir>/test/support/no-spawn.ts"],
    },
    {
      ...common,
      displayName: "engine",
      testMatch: ENGINE.map((name) => `<rootDir>/test/${name}.test.ts`),
      globalSetup: "<rootDir>/test/global-setup.ts",
      globalTeardown: "<rootDir>/test/global-teardown.ts",
    },
  ],
};

// The seed generator ships with the emulator (emulator/seed.ts, `npm run emulator -- --seed`);
// this path stays for the tools and tests that import it from here.
export * from "../emulator/seed";

// The unit tier spawns no process (jest.config.js): a test that starts a host, node, npm or a
// shell belongs to the engine tier. Here every way child_process starts a process throws and
// says so, instead of the tier slowly filling with such tests.
const STARTERS = ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"];

for (const id of ["child_process", "node:child_process"]) {
  jest.doMock(id, () => {
    const actual = jest.requireActual<Record<string, unknown>>(id);
    const refuse = (name: string) => () => {
      throw new Error(`child_process.${name} in the unit tier: list this test file under ENGINE in jest.config.js`);
    };
    return { ...actual, ...Object.fromEntries(STARTERS.map((name) => [name, refuse(name)])) };
  });
}

// A kind's delete cap (User: lineworks:maxMemberDeletes) inside one run, against an in-process
// emulator: deletes running side by side cannot pass the cap together, a delete LINE WORKS
// refuses gives its count back, and a fresh run counts from zero. Through the host: delete-cap.test.ts.
import { configure, remove, resetRun } from "../provider/lifecycle";
import { DOMAIN, startFixture, type Fixture } from "../tools/fixture";

let f: Fixture;
beforeAll(async () => {
  f = await startFixture({}, { maxMemberDeletes: "2" });
});
afterAll(() => f.emulator.stop());
beforeEach(() => {
  resetRun();
  configure(f.config);
});

let seq = 0;
/** A member in LINE WORKS, as its resource's outputs would hold it. */
const member = (extra: Record<string, unknown> = {}) =>
  f.emulator.seed("users", { domainId: DOMAIN, email: `m${++seq}@example.com`, userName: { lastName: `m${seq}` }, ...extra });
const deleted = () => f.emulator.objects("users", DOMAIN).filter((u) => u.isDeleted === true).length;

test("four deletes at once with the cap at 2: two are sent, two refused before any call", async () => {
  const people = [member(), member(), member(), member()];
  const before = deleted();
  const calls = f.emulator.log.filter((e) => e.method === "DELETE").length;
  const results = await Promise.allSettled(people.map((p) => remove("User", p.userId, p)));
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
  const refused = results.flatMap((r) => (r.status === "rejected" ? [String(r.reason.message)] : []));
  expect(refused).toEqual([expect.stringMatching(/: 2 members were deleted in this run, .* allows 2, so the cap is reached/), expect.any(String)]);
  expect(deleted() - before).toBe(2);
  expect(f.emulator.log.filter((e) => e.method === "DELETE").length - calls).toBe(2);
});

test("a delete LINE WORKS refuses does not count; a fresh run counts from zero", async () => {
  const admin = member({ isAdministrator: true });
  await expect(remove("User", admin.userId, admin)).rejects.toThrow(/does not delete administrators/);
  const [a, b, c] = [member(), member(), member()];
  await remove("User", a.userId, a);
  await remove("User", b.userId, b);
  await expect(remove("User", c.userId, c)).rejects.toThrow(/2 members were deleted in this run/);
  resetRun();
  configure(f.config);
  await remove("User", c.userId, c);
  expect(f.emulator.objects("users", DOMAIN).find((u) => u.userId === c.userId)!.isDeleted).toBe(true);
});

test("one delete allowed: the message counts it in the singular", async () => {
  resetRun();
  configure({ ...f.config, "lineworks:maxMemberDeletes": "1" });
  const [a, b] = [member(), member()];
  await remove("User", a.userId, a);
  await expect(remove("User", b.userId, b)).rejects.toThrow(/: 1 member was deleted in this run, and lineworks:maxMemberDeletes \(LINEWORKS_MAX_MEMBER_DELETES\) allows 1, /);
});

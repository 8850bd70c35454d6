// References in words (issue 21) against an in-process emulator: a diff tells the ID stored in
// state from the `externalKey:<key>` or `name:<name>` the program now declares for the same object
// (no change), from another object (a change), and from an object not there yet or a name two
// units share (a change, never an error); a create refuses such a name, saying how to refer instead.
import { configure, create, diff, resetRun } from "../provider/lifecycle";
import { DOMAIN, startFixture, type Fixture } from "../tools/fixture";

let f: Fixture;
const ids: Record<string, string> = {};

beforeAll(async () => {
  f = await startFixture();
  ids.manager = f.emulator.seed("positions", { domainId: DOMAIN, positionName: "Manager", displayOrder: 1, positionExternalKey: "POS_MANAGER" }).positionId;
  ids.advisor = f.emulator.seed("positions", { domainId: DOMAIN, positionName: "Advisor", displayOrder: 2 }).positionId;
  ids.sales = f.emulator.seed("orgUnits", { domainId: DOMAIN, orgUnitName: "Sales", displayOrder: 1, orgUnitExternalKey: "OU_SALES" }).orgUnitId;
  ids.twin1 = f.emulator.seed("orgUnits", { domainId: DOMAIN, orgUnitName: "Twin", displayOrder: 2 }).orgUnitId;
  ids.twin2 = f.emulator.seed("orgUnits", { domainId: DOMAIN, orgUnitName: "Twin", displayOrder: 3 }).orgUnitId;
});
afterAll(() => f.emulator.stop());
beforeEach(() => {
  resetRun();
  configure(f.config);
});

const member = (orgUnitId: string, positionId: string) => ({
  domainId: DOMAIN,
  organizations: [{ domainId: DOMAIN, primary: true, orgUnits: [{ orgUnitId, positionId, primary: true }] }],
});

test("diff: an ID in state and the words naming the same object are no change; another object, or one not there yet, is", async () => {
  const stored = member(ids.sales, ids.advisor);
  expect((await diff("User", "u-1", stored, member("externalKey:OU_SALES", "name:Advisor"))).changes).toBe(false);
  expect((await diff("User", "u-1", member("externalKey:OU_SALES", "name:Advisor"), member(ids.sales, ids.advisor))).changes).toBe(false);
  expect((await diff("User", "u-1", stored, member("externalKey:OU_SALES", "externalKey:POS_MANAGER"))).changes).toBe(true);
  expect((await diff("User", "u-1", stored, member("externalKey:OU_NEW", "name:Advisor"))).changes).toBe(true);
  expect((await diff("User", "u-1", stored, member("externalKey:OU_SALES", "name:Nobody"))).changes).toBe(true);
});

test("diff: a name two units share says nothing about which: a change, not an error", async () => {
  const unit = (parentOrgUnitId: string) => ({ domainId: DOMAIN, orgUnitName: "Child", displayOrder: 1, parentOrgUnitId });
  expect((await diff("OrgUnit", "c", unit(ids.twin1), unit("name:Twin"))).changes).toBe(true);
  expect((await diff("OrgUnit", "c", unit(ids.sales), unit("name:Sales"))).changes).toBe(false);
});

test("create: a name two units share is refused, saying to refer by key; a name one unit has is resolved and kept in outputs", async () => {
  const unit = (orgUnitName: string, parentOrgUnitId: string) => ({ domainId: DOMAIN, orgUnitName, displayOrder: 1, parentOrgUnitId });
  await expect(create("OrgUnit", unit("Under twin", "name:Twin"))).rejects.toThrow(
    'parentOrgUnitId "name:Twin": 2 org units have orgUnitName "Twin" in domain 10000001, so the name does not say which one. Refer to it by orgUnitExternalKey (`externalKey:<key>`) or by ID.',
  );
  const created = await create("OrgUnit", unit("Under sales", "name:Sales"));
  expect(created.outs.parentOrgUnitId).toBe("name:Sales");
  expect(f.emulator.objects("orgUnits", DOMAIN).find((u) => u.orgUnitId === created.id)).toMatchObject({ parentOrgUnitId: ids.sales });
});

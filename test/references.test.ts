// References in words (issue 21) against an in-process emulator: a create resolves `name:<name>`
// and keeps it in outputs, and refuses a name two units share, saying how to refer instead.
import { configure, create, resetRun } from "../provider/lifecycle";
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

test("create: a name two units share is refused, saying to refer by key; a name one unit has is resolved and kept in outputs", async () => {
  const unit = (orgUnitName: string, parentOrgUnitId: string) => ({ domainId: DOMAIN, orgUnitName, displayOrder: 1, parentOrgUnitId });
  await expect(create("OrgUnit", unit("Under twin", "name:Twin"))).rejects.toThrow(
    'parentOrgUnitId "name:Twin": 2 org units have orgUnitName "Twin" in domain 10000001, so the name does not say which one. Refer to it by orgUnitExternalKey (`externalKey:<key>`) or by ID.',
  );
  const created = await create("OrgUnit", unit("Under sales", "name:Sales"));
  expect(created.outs.parentOrgUnitId).toBe("name:Sales");
  expect(f.emulator.objects("orgUnits", DOMAIN).find((u) => u.orgUnitId === created.id)).toMatchObject({ parentOrgUnitId: ids.sales });
});

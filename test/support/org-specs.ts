// The organisations the chart tests draw: the quickstart's, with a unit and a member more and
// phone numbers to keep private, and a reorganisation of it (test/chart.test.ts lists what moves).
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

const QUICKSTART = path.join(__dirname, "..", "..", "examples", "quickstart", "org.yaml");
const DOMAIN = 10000001;

export type Spec = Record<string, any>;

/** The quickstart's organisation, with a PR unit, a member there, and phone numbers to keep private. */
export function baseSpec(): Spec {
  const s: Spec = { domainId: DOMAIN, ...parse(fs.readFileSync(QUICKSTART, "utf8")) };
  s.orgUnits[0].children.push({ orgUnitExternalKey: "OU_PR", orgUnitName: "PR", displayOrder: 3, i18nNames: [{ language: "ja_JP", name: "広報部" }] });
  s.members[0].telephone = "03-1111-2222";
  s.members[1].cellPhone = "090-1234-5678";
  s.members.push({
    userExternalKey: "EMP_0006",
    email: "aki.mori@example.com",
    userName: { lastName: "森", firstName: "亜希" },
    privateEmail: "aki@mail.example",
    telephone: "080-9999-0000",
    organizations: [{ orgUnits: [{ orgUnitId: "OU_PR", positionId: "POS_STAFF" }] }],
  });
  return s;
}

/** A reorganisation of the base: 開発部 renamed 開発本部 and 東京営業チーム moved under it, 広報部 closed and QA opened, one member moved, one left, one joined, one new title. */
export function headSpec(): Spec {
  const s = baseSpec();
  const hq = s.orgUnits[0];
  const [sales, dev] = hq.children;
  dev.children = [sales.children.pop()];
  dev.orgUnitName = "Engineering";
  dev.i18nNames = [{ language: "ja_JP", name: "開発本部" }];
  hq.children = hq.children.filter((u: Spec) => u.orgUnitExternalKey !== "OU_PR");
  hq.children.push({ orgUnitExternalKey: "OU_QA", orgUnitName: "QA & Test", displayOrder: 4 });
  s.members = s.members.filter((m: Spec) => m.userExternalKey !== "EMP_0006");
  s.members.find((m: Spec) => m.userExternalKey === "EMP_0004").organizations = [{ orgUnits: [{ orgUnitId: "OU_QA", positionId: "POS_LEADER", isManager: true }] }];
  s.members.find((m: Spec) => m.userExternalKey === "EMP_0002").organizations[0].orgUnits[0].positionId = "POS_LEADER";
  s.members.push({
    userExternalKey: "EMP_0007",
    email: "New.Hire@example.com",
    userName: { lastName: "新井", firstName: "新人" },
    privateEmail: "nh@mail.example",
    organizations: [{ orgUnits: [{ orgUnitId: "OU_QA", positionId: "POS_STAFF" }] }],
  });
  return s;
}


// The spec's TypeScript type (DirectorySpec, what `new Directory("org", { spec: {...} })` takes)
// allows exactly the shorthand the spec check fills in: a member's organizations without their
// domainId, and a single organization or unit without `primary`. Type-checked with the compiler,
// as a program written against the SDK would be.
import * as path from "node:path";
import { ROOT } from "./support/guide";
import { typeCheck } from "./support/types";

const typeProblems = (code: string): string[] => typeCheck(new Map([[path.join(ROOT, "spec-types", "program.ts"), code]])).map((p) => p.message);

const program = (organizations: string) => `import * as lineworks from "pulumi-lineworks";
new lineworks.Directory("org", {
  spec: {
    domainId: 10000001,
    orgUnits: [{ orgUnitExternalKey: "OU_SALES", orgUnitName: "営業部", displayOrder: 1 }],
    members: [{ email: "hanako@example.com", userName: { lastName: "佐藤" }, organizations: ${organizations} }],
  },
});
export {};
`;

test("a spec object may leave out an organization's domainId and the primary of a single organization or unit", () => {
  expect(typeProblems(program(`[{ orgUnits: [{ orgUnitId: "OU_SALES", positionId: null }] }]`))).toEqual([]);
  expect(typeProblems(program(`[{ domainId: 10000001, primary: true, orgUnits: [{ orgUnitId: "OU_SALES", primary: true }] }]`))).toEqual([]);
}, 120_000);

test("and still refuses what is no organization", () => {
  // (The compiler names the mismatch against one form of the spec's union; there is one.)
  expect(typeProblems(program(`[{ orgUnits: [{ primary: true }] }]`))).not.toEqual([]);
  expect(typeProblems(program(`[{ orgUnits: [{ orgUnitId: "OU_SALES", primary: "yes" }] }]`))).not.toEqual([]);
  expect(typeProblems(program(`[{ orgUnits: [{ orgUnitId: "OU_SALES" }], title: "x" }]`))).not.toEqual([]);
}, 120_000);

// How errors name their object (lifecycle/naming.ts): the label, when a message already names the
// object, and the error thrown again with the label, of the same class, the original untouched.
import { InvalidError, apiError } from "../provider/errors";
import { Group, User } from "../provider/kinds";
import { labelOf, namesObject, naming } from "../provider/lifecycle/naming";

const sales = { groupName: "営業部", groupId: "g-1", groupExternalKey: "SALES" };

test("a label holds what is known: name, ID, external key", () => {
  expect(labelOf(Group, sales)).toBe('group "営業部" (groupId g-1, groupExternalKey "SALES")');
  expect(labelOf(Group, { groupName: "営業部" })).toBe('group "営業部"');
  expect(labelOf(User, { userExternalKey: "EMP-1" }, "u-1")).toBe('member (userId u-1, userExternalKey "EMP-1")');
});

test("a message names the object by its name when it has one (an ID alone means nothing in the admin console)", () => {
  expect(namesObject(User, "Cannot delete member Hanako@Example.com", { email: "hanako@example.com" })).toBe(true);
  expect(namesObject(Group, "group g-1: failed", sales, "g-1")).toBe(false);
  expect(namesObject(Group, "group g-1: failed", {}, "g-1")).toBe(true);
});

test("an error that names no object is thrown again with the label, of the same class; the original is untouched", async () => {
  const original = apiError({ status: 400, code: "BAD_REQUEST", description: "cannot add members to a dynamic group", api: "POST /groups/{id}/members" });
  const before = original.message;
  const e = await naming(Group, () => ({ props: sales }), () => Promise.reject(original)).catch((x) => x);
  expect(e).toBeInstanceOf(InvalidError);
  expect(e.message).toBe(`Group "営業部" (groupId g-1, groupExternalKey "SALES"): ${before}`);
  expect(e.code).toBe("BAD_REQUEST");
  expect(e.stack).toContain('Group "営業部"');
  expect(original.message).toBe(before);
});

test("an error that names the object already is thrown as it is", async () => {
  const named = new Error('Cannot delete group "営業部": it has members');
  await expect(naming(Group, () => ({ props: sales }), () => Promise.reject(named))).rejects.toBe(named);
});

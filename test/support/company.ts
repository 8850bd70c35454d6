// A company spec of a given size, for tests of how many members, units and groups a change removes.
type Props = Record<string, any>;

/** `members` people in `units` units (one unit each, round robin) and `groups` groups with a master. */
export function company(members: number, units = 2, groups = 0): Props {
  const key = (p: string, i: number) => `${p}_${String(i).padStart(3, "0")}`;
  return {
    orgUnits: Array.from({ length: units }, (_, i) => ({ orgUnitExternalKey: key("OU", i), orgUnitName: `部署${i}`, displayOrder: i + 1 })),
    members: Array.from({ length: members }, (_, i) => ({
      userExternalKey: key("U", i),
      email: `u${i}@example.com`,
      userName: { lastName: "社員", firstName: String(i) },
      organizations: [{ orgUnits: [{ orgUnitId: key("OU", i % units) }] }],
    })),
    groups: Array.from({ length: groups }, (_, i) => ({
      groupExternalKey: key("G", i),
      groupName: `グループ${i}`,
      administrators: [{ userId: key("U", 0) }],
      members: [{ id: key("U", 0), type: "USER" }],
    })),
  };
}

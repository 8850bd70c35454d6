// check and diff of custom properties (カスタム項目): every documented rule of a definition fails
// naming its field; a change of propertyName, propertyType, multiValued or domainId replaces the
// definition and is refused unless allowReplaceDeletingValues; members' values are checked by shape
// and compared only where declared.
import { check, configure, diff } from "../provider/lifecycle";

const CP = "CustomProperty";
const D = 10000001;
const prop = (extra: Record<string, unknown> = {}) => ({ domainId: D, propertyName: "office", displayName: "勤務地", propertyType: "STRING", ...extra });
const failures = (news: Record<string, unknown>, olds: Record<string, unknown> = {}) => check(CP, olds, news).failures;
const failedProps = (news: Record<string, unknown>) => failures(news).map((f) => f.property);

beforeEach(() => configure({}));

describe("CustomProperty check", () => {
  test("a full valid declaration passes", () => {
    expect(
      failures(prop({
        i18nDisplayNames: [{ language: "en_US", name: "Office" }],
        displayOrder: 1,
        multiValued: false,
        options: [{ optionName: "tokyo", displayName: "東京" }, { optionName: "osaka", displayName: "大阪", i18nDisplayNames: [{ language: "en_US", name: "Osaka" }] }],
        mandatory: true,
        readAccessType: "ADMIN_AND_SELF",
        writeAccessType: "ADMIN_AND_SELF",
      })),
    ).toEqual([]);
  });

  test.each([
    [{ propertyName: "1office" }, "propertyName", "letters, digits and _ only"],
    [{ propertyName: "off-ice" }, "propertyName", "letters, digits and _ only"],
    [{ propertyName: "a".repeat(121) }, "propertyName", "at most 120"],
    [{ displayName: "x".repeat(21) }, "displayName", "at most 20"],
    [{ displayName: "" }, "displayName", "must not be empty"],
    [{ propertyType: "NUMBER" }, "propertyType", "STRING, LINK, INTEGER, DATE"],
    [{ displayOrder: 0 }, "displayOrder", "at least 1"],
    [{ displayOrder: 1.5 }, "displayOrder", "integer"],
    [{ multiValued: "yes" }, "multiValued", "true or false"],
    [{ options: [{ optionName: "a", displayName: "A" }] }, "options", "at least 2"],
    [{ options: [{ optionName: "a", displayName: "A" }, { optionName: "b", displayName: "x".repeat(21) }] }, "options[1].displayName", "at most 20"],
    [{ options: [{ optionName: "a", displayName: "A" }, { optionName: "a", displayName: "B" }] }, "options[1].optionName", "another option"],
    [{ propertyType: "DATE", options: [{ optionName: "a", displayName: "A" }, { optionName: "b", displayName: "B" }] }, "options", "STRING properties only"],
    [{ i18nDisplayNames: [{ language: "en_US", name: "x".repeat(21) }] }, "i18nDisplayNames[0].name", "at most 20"],
    [{ i18nDisplayNames: [{ language: "en", name: "x" }] }, "i18nDisplayNames[0].language", "ja_JP"],
    [{ readAccessType: "ADMIN" }, "readAccessType", "ALL or ADMIN_AND_SELF"],
    [{ writeAccessType: "ALL" }, "writeAccessType", "ADMIN or ADMIN_AND_SELF"],
  ])("%j fails on %s", (extra, property, words) => {
    const found = failures(prop(extra)).filter((f) => f.property === property);
    expect(found).toHaveLength(1);
    expect(found[0].reason).toContain(`CustomProperty ${property}`);
    expect(found[0].reason).toContain(words);
  });

  test("propertyName, displayName and propertyType are required", () => {
    expect(failedProps({ domainId: D }).sort()).toEqual(["displayName", "propertyName", "propertyType"]);
  });

  describe("a change LINE WORKS cannot make replaces the definition, only when allowed", () => {
    const olds = check(CP, {}, prop()).inputs;
    test.each([
      ["propertyName", "site"],
      ["propertyType", "LINK"],
      ["multiValued", true],
      ["domainId", 10000002],
    ])("%s: refused in check, naming the field and that every member's value is deleted", (field, value) => {
      const found = failures(prop({ [field]: value }), olds);
      expect(found.map((f) => f.property)).toEqual([field]);
      expect(found[0].reason).toContain(`CustomProperty ${field} cannot change`);
      expect(found[0].reason).toContain(`EVERY MEMBER'S VALUE of "office"`);
      expect(found[0].reason).toContain("allowReplaceDeletingValues: true");
      expect(failures(prop({ [field]: value, allowReplaceDeletingValues: true }), olds)).toEqual([]);
    });

    test("a new definition and changes LINE WORKS can make are not refused", () => {
      expect(failures(prop({ propertyType: "LINK", multiValued: true }))).toEqual([]);
      expect(failures(prop({ displayName: "拠点", mandatory: true }), olds)).toEqual([]);
      // multiValued false declared where it was left out: the same (its default).
      expect(failures(prop({ multiValued: false }), olds)).toEqual([]);
    });

    test("diff: the replacement, deleting first (propertyName stays unique)", async () => {
      const outs = { ...olds, customPropertyId: "cp-1", multiValued: false, mandatory: false };
      const allowed = check(CP, olds, prop({ propertyType: "INTEGER", allowReplaceDeletingValues: true })).inputs;
      const d = await diff(CP, "cp-1", outs, allowed);
      expect(d).toMatchObject({ changes: true, replaces: ["propertyType"], deleteBeforeReplace: true });
      const inPlace = await diff(CP, "cp-1", outs, check(CP, olds, prop({ displayName: "拠点" })).inputs);
      expect(inPlace).toMatchObject({ changes: true, replaces: [] });
    });
  });
});

describe("User customProperties", () => {
  const member = (values: unknown) => ({
    domainId: D,
    email: "hanako@example.com",
    userName: { lastName: "佐藤" },
    organizations: [{ domainId: D, primary: true, orgUnits: [{ orgUnitId: "unit-1", primary: true }] }],
    customProperties: values,
  });
  const userFailures = (values: unknown) => check("User", {}, member(values)).failures;

  test("value shapes pass: text, date, integer, link, lists of at most 10, null", () => {
    expect(userFailures({ office: "tokyo", joinedOn: "2020-04-01", year: 2020, wiki: { text: "Wiki", link: "https://example.com" }, tags: ["a", "b"], gone: null })).toEqual([]);
  });

  test.each([
    [{ "bad-name": "x" }, "customProperties.bad-name"],
    [{ year: -1 }, "customProperties.year"],
    [{ tags: Array(11).fill("a") }, "customProperties.tags"],
    [{ wiki: { text: "no link" } }, "customProperties.wiki"],
    [{ wiki: { link: "x".repeat(301) } }, "customProperties.wiki"],
    [{ flag: true }, "customProperties.flag"],
  ])("%j fails naming %s", (values, property) => {
    const found = userFailures(values);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.property.startsWith(property))).toBe(true);
    expect(found[0].reason).toContain(`User ${property}`);
  });

  test("diff compares only the declared properties; stopping to declare them leaves the values alone", async () => {
    const olds = check("User", {}, member({ office: "tokyo" })).inputs;
    const outs = { ...olds, userId: "u-1", customProperties: { office: "tokyo", floor: 3, wiki: { text: null, link: "https://x" } } };
    expect((await diff("User", "u-1", outs, olds)).changes).toBe(false);
    const same = check("User", olds, member({ office: "tokyo", wiki: { link: "https://x" } })).inputs;
    expect((await diff("User", "u-1", outs, same)).changes).toBe(false);
    const changed = check("User", olds, member({ office: "osaka" })).inputs;
    expect(await diff("User", "u-1", outs, changed)).toMatchObject({ changes: true, replaces: [] });
    const { customProperties: _, ...without } = member({});
    const dropped = check("User", olds, without).inputs;
    expect(dropped.customProperties).toBeUndefined();
    expect((await diff("User", "u-1", outs, dropped)).changes).toBe(false);
  });
});

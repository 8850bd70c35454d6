// Which dated spec is in effect when: the pure choice behind a Directory's dated specs.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { asOfFrom, chooseSpec, isDated, nextSpec, parseMoment, readDatedFile } from "../provider/dated";

const MAP = { "2026-12-01": "org.yaml", "2027-04-01T00:00+09:00": "org-2027-04.yaml" };

describe("dated specs", () => {
  test("a date alone is 00:00 Japan time; a time without an offset is Japan time", () => {
    expect(parseMoment("2027-04-01")!.toISOString()).toBe("2027-03-31T15:00:00.000Z");
    expect(parseMoment("2027-04-01T09:30")!.toISOString()).toBe("2027-04-01T00:30:00.000Z");
    expect(parseMoment("2027-04-01T00:00Z")!.toISOString()).toBe("2027-04-01T00:00:00.000Z");
    expect(parseMoment("2027-04-01T00:00:00-05:00")!.toISOString()).toBe("2027-04-01T05:00:00.000Z");
  });

  test.each(["april", "2027-4-1", "2027-02-30", "2027-13-01", "2027-04-01T24:00", "2027/04/01", ""])("%j is no date", (text) => {
    expect(parseMoment(text)).toBeUndefined();
  });

  test("the latest spec whose date has come is in effect", () => {
    expect(chooseSpec(MAP, new Date("2027-03-31T14:59:59Z"))).toMatchObject({ date: "2026-12-01", spec: "org.yaml" });
    expect(chooseSpec(MAP, new Date("2027-03-31T15:00:00Z"))).toMatchObject({ date: "2027-04-01T00:00+09:00", spec: "org-2027-04.yaml" });
    expect(chooseSpec(MAP, new Date("2030-01-01T00:00:00Z")).spec).toBe("org-2027-04.yaml");
    // Written out of order, chosen by date.
    expect(chooseSpec({ "2027-04-01": "b", "2026-12-01": "a" }, new Date("2027-01-01T00:00Z")).spec).toBe("a");
  });

  test("the coming change is the next dated spec", () => {
    expect(nextSpec(MAP, new Date("2027-01-01T00:00Z"))?.spec).toBe("org-2027-04.yaml");
    expect(nextSpec(MAP, new Date("2027-04-01T00:00Z"))).toBeUndefined();
  });

  test("before every date, no spec is in effect: an error naming the earliest", () => {
    expect(() => chooseSpec(MAP, new Date("2026-01-01T00:00Z"), "org.dates.yaml")).toThrow(
      "org.dates.yaml: no spec is in effect at 2026-01-01T00:00:00.000Z: the earliest takes effect 2026-12-01",
    );
  });

  test("a key that is no date is an error naming it", () => {
    expect(() => chooseSpec({ ...MAP, "2027-10-1": "x.yaml", april: "y.yaml" }, new Date())).toThrow(/"2027-10-1", "april" are not a date/);
    expect(() => chooseSpec({ "2027-04-01": "a", "2027-04-01T00:00+09:00": "b" }, new Date())).toThrow(/are the same moment/);
  });

  test("a dated map is told from a spec by its keys", () => {
    expect(isDated(MAP)).toBe(true);
    expect(isDated({ orgUnits: [], members: [] })).toBe(false);
    expect(isDated({ orgUnits: [], "2027-04-01": "x" })).toBe(true); // then "orgUnits" is a key that is no date
    expect(isDated("org.yaml")).toBe(false);
  });

  test("LINEWORKS_AS_OF sets now; a bad value is an error naming it", () => {
    expect(asOfFrom({}, () => 42).getTime()).toBe(42);
    expect(asOfFrom({ LINEWORKS_AS_OF: "" }, () => 42).getTime()).toBe(42);
    expect(asOfFrom({ LINEWORKS_AS_OF: "2027-04-01" }).toISOString()).toBe("2027-03-31T15:00:00.000Z");
    expect(() => asOfFrom({ LINEWORKS_AS_OF: "tomorrow" })).toThrow('LINEWORKS_AS_OF must be an ISO date or time (2027-04-01, 2027-04-01T00:00+09:00), not "tomorrow"');
  });

  test("a dated map in a file: its paths from the file's folder; a spec file is no dated map", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dated-"));
    try {
      fs.writeFileSync(path.join(dir, "org.dates.yaml"), '2026-12-01: org.yaml\n"2027-04-01T00:00+09:00": sub/org-2027-04.yaml\n');
      fs.writeFileSync(path.join(dir, "org.yaml"), "orgUnits: []\n");
      expect(readDatedFile(path.join(dir, "org.dates.yaml"))).toEqual({
        "2026-12-01": path.join(dir, "org.yaml"),
        "2027-04-01T00:00+09:00": path.join(dir, "sub", "org-2027-04.yaml"),
      });
      expect(readDatedFile(path.join(dir, "org.yaml"))).toBeUndefined();
      expect(readDatedFile(path.join(dir, "missing.yaml"))).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

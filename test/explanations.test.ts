// errors.ts knows no kind: the kinds hand it their explanations of refusals, and the client's
// module graph makes sure they have before any API answer is turned into an error.
import * as fs from "node:fs";
import * as path from "node:path";

const FEATURE_OFF = { status: 403, code: "FORBIDDEN", description: "The API cannot be used when usePosition is false", api: "GET /directory/positions" };

describe("explanations of refusals", () => {
  test("errors.ts imports nothing of the kinds", () => {
    const source = fs.readFileSync(path.join(__dirname, "..", "provider", "errors.ts"), "utf8");
    expect(source).not.toMatch(/from "\.\/kinds/);
  });

  test("loading the client registers the feature-off explanation", () => {
    jest.isolateModules(() => {
      require("../provider/client");
      const { apiError } = require("../provider/errors") as typeof import("../provider/errors");
      expect(apiError(FEATURE_OFF).hint).toBe(
        "The positions feature (usePosition) is off in the domain: declare a lineworks.DirectoryFeature for it (or enable it in the admin console) and make the resources depend on it.",
      );
    });
  });

  test("errors.ts alone gives the generic 403 hint, and a registered explanation comes first", () => {
    jest.isolateModules(() => {
      const errors = require("../provider/errors") as typeof import("../provider/errors");
      expect(errors.apiError(FEATURE_OFF).hint).toMatch(/^Check that the app has the `directory` scope/);
      const explain = ({ code }: { code?: string }) => (code === "FORBIDDEN" ? "explained" : undefined);
      errors.registerExplanation(explain);
      errors.registerExplanation(explain);
      expect(errors.apiError(FEATURE_OFF).hint).toBe("explained");
      expect(errors.apiError({ ...FEATURE_OFF, code: "OTHER", description: "Forbidden" }).hint).toMatch(/^Check that the app/);
    });
  });
});

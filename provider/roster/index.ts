// Rosters (kinds/rosters.ts) with the lifecycle signatures entry.ts dispatches to.
import { checkRoster, diffRoster } from "./check";
import { createRoster, readRoster, removeRoster, updateRoster } from "./apply";

export { rosterIndex, ROSTERS, stableKey } from "../kinds/rosters";

export const rosterLifecycle = {
  check: checkRoster,
  diff: diffRoster,
  create: createRoster,
  read: readRoster,
  update: updateRoster,
  remove: removeRoster,
};

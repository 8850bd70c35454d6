// The members section: the shorthand a spec may use for a member's organizations, filled in, and
// the rules across members that no single member's schema can check.
import type { Planned, Refs } from "./spec";

type Props = Record<string, any>;
type Path = (string | number)[];

/** A member leads (isManager) at most one... a unit has at most one leader: LINE WORKS keeps one and a second replaces the first. */
export function oneLeaderPerUnit(entries: Planned[], refs: Refs, problem: (path: Path, message: string) => void): void {
  const leaders = new Map<string, Planned>();
  for (const m of entries) {
    (Array.isArray(m.entry.organizations) ? m.entry.organizations : []).forEach((o: Props, i: number) =>
      (Array.isArray(o?.orgUnits) ? o.orgUnits : []).forEach((u: Props, j: number) => {
        if (u?.isManager !== true) return;
        const r = refs.resolve("OrgUnit", u.orgUnitId);
        const unit = "entry" in r ? `orgUnits ${r.entry.label}` : "outside" in r ? String(u.orgUnitId) : undefined;
        if (unit === undefined) return;
        const first = leaders.get(unit);
        if (first) {
          problem([...m.path, "organizations", i, "orgUnits", j, "isManager"], `${u.orgUnitId} has a leader already (${first.label}): LINE WORKS keeps one leader per unit and a second replaces the first; make one of them isManager: false`);
        } else leaders.set(unit, m);
      }),
    );
  }
}

/** A password in a data file would sit in the repository: members declared here are invited instead (so ADMIN, which needs one, is refused too). */
export function noPasswordInFile(entries: Planned[], _refs: Refs, problem: (path: Path, message: string) => void): void {
  const instead = "use passwordCreationType: MEMBER (LINE WORKS mails an invitation to privateEmail), or declare this member as a lineworks.User with the password from a secret config value";
  for (const m of entries) {
    const pc = m.entry.passwordConfig;
    if (!pc || typeof pc !== "object") continue;
    if (pc.password !== undefined) problem([...m.path, "passwordConfig", "password"], `a password does not belong in a spec file: ${instead}`);
    else if (pc.passwordCreationType === "ADMIN") problem([...m.path, "passwordConfig", "passwordCreationType"], `ADMIN needs a password, and a password does not belong in a spec file: ${instead}`);
  }
}

/** A member's organizations as LINE WORKS needs them, from the spec's shorthand: the spec's domain and `primary` of a single one implied. */
export function withDefaults(spec: Props, domain: number | undefined): Props {
  const members = Array.isArray(spec.members)
    ? spec.members.map((m: unknown) => {
        if (!m || typeof m !== "object" || !Array.isArray((m as Props).organizations)) return m;
        const orgs = (m as Props).organizations as unknown[];
        return {
          ...(m as Props),
          organizations: orgs.map((o) => {
            if (!o || typeof o !== "object") return o;
            const org: Props = { domainId: domain, ...(orgs.length === 1 ? { primary: true } : {}), ...(o as Props) };
            if (org.domainId === undefined) delete org.domainId;
            if (Array.isArray(org.orgUnits) && org.orgUnits.length === 1 && org.orgUnits[0] && typeof org.orgUnits[0] === "object") {
              org.orgUnits = [{ primary: true, ...org.orgUnits[0] }];
            }
            return org;
          }),
        };
      })
    : spec.members;
  return members === undefined ? spec : { ...spec, members };
}

// Our LINE WORKS directory: every entry of org.yaml is one object in LINE WORKS, found again by its
// external key. Edit org.yaml, then `pulumi preview` shows what would change and `pulumi up`
// makes it so.
import * as lineworks from "pulumi-lineworks";

// The path is relative to this project's folder (where Pulumi.yaml is), Pulumi's working
// directory. The domain is `lineworks:domainId` from the stack's config unless org.yaml names one.
// Before the first `up` on a live directory, read "Protecting a live directory" in the
// pulumi-lineworks README (protect, retainOnDelete, the member-delete cap).
const org = new lineworks.Directory("org", { spec: "org.yaml" });

// IDs by external key, for other stacks and tools (`pulumi stack output`).
export const positionIds = org.positionIds;
export const orgUnitIds = org.orgUnitIds;
export const userIds = org.userIds;

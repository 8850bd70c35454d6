import * as pulumi from "@pulumi/pulumi";
import { providers, resourceProps } from "./common";

/** The switches LINE WORKS has per domain; each gates one kind of directory object. */
export type DirectoryFeatureName = "positions" | "levels" | "userTypes" | "employmentTypes";

export interface DirectoryFeatureArgs {
  /** Which switch: `positions` (usePosition), `levels` (useLevel), `userTypes` (useUserType), `employmentTypes`. */
  feature: pulumi.Input<DirectoryFeatureName>;
  /** Defaults to `lineworks:domainId`. */
  domainId?: pulumi.Input<number>;
  /**
   * Turn the feature OFF when this resource is deleted. LINE WORKS then deletes every object of
   * that kind in the domain and every member's value of it, and enabling again does not bring
   * them back. Default false: deleting the resource only stops managing the switch.
   */
  disableOnDelete?: pulumi.Input<boolean>;
}

/**
 * A domain feature switch for positions, levels or user types. Creating it enables the feature
 * (idempotent: an enabled feature stays as it is). Make the objects of that kind depend on it.
 *
 * LINE WORKS has no API to read a switch. The provider keeps `enabled` in state and, on refresh,
 * infers it from whether a list call of that kind is refused with the feature's "is false" error;
 * a switch turned off in the admin console therefore shows as a change, and `pulumi up` turns it
 * on again.
 *
 * ## Example
 * ```ts
 * import * as lineworks from "pulumi-lineworks";
 *
 * const positions = new lineworks.DirectoryFeature("positions", { feature: "positions" });
 * new lineworks.Position("staff", { positionName: "Staff", displayOrder: 1 }, { dependsOn: positions });
 * ```
 *
 * ## Deleting
 * By default `pulumi destroy` leaves the feature on. With `disableOnDelete: true` it calls
 * LINE WORKS' disable, which **wipes every object of that kind and members' values of it**; the
 * preview shows `disableOnDelete: true` among the inputs and a warning is printed.
 *
 * ## Import
 * The ID is `<domainId>:<feature>`, e.g. `10000001:positions`.
 */
export class DirectoryFeature extends pulumi.dynamic.Resource {
  declare public readonly domainId: pulumi.Output<number>;
  declare public readonly feature: pulumi.Output<DirectoryFeatureName>;
  declare public readonly disableOnDelete: pulumi.Output<boolean>;
  /** Whether the feature was on when last created, updated or refreshed. */
  declare public readonly enabled: pulumi.Output<boolean>;
  /** The LINE WORKS flag name, e.g. `usePosition`. */
  declare public readonly flag: pulumi.Output<string>;

  constructor(name: string, args: DirectoryFeatureArgs, opts?: pulumi.CustomResourceOptions) {
    super(providers.DirectoryFeature, name, resourceProps(args, ["enabled", "flag", "disableOnDelete"]), opts, "lineworks", "DirectoryFeature");
    pulumi.output(args.disableOnDelete).apply((d) => {
      if (d === true) {
        pulumi.log.warn(
          `disableOnDelete is true: deleting this resource turns the ${String(args.feature)} feature off, and LINE WORKS then deletes every object of that kind and every member's value of it.`,
          this,
        );
      }
    });
  }
}

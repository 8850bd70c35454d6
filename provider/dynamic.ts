// The ResourceProvider objects Pulumi serializes into every resource's `__provider`: an object
// whose prototype is the stable entry module (entry.ts, `pulumi-lineworks/provider`) and whose
// one own property is the resource type. The closure serializer writes the prototype as
// `require("pulumi-lineworks/provider")` when the package is installed, so the text is a few
// lines, holds no code, no credentials and no absolute path, and survives internal refactoring.
import type * as pulumi from "@pulumi/pulumi";
import * as entry from "./entry";

/** The provider of one resource type; methods come from entry.ts and read `this.type`. */
export function makeProvider(type: string): pulumi.dynamic.ResourceProvider {
  const provider = Object.create(entry);
  provider.type = type; // a plain data property: serialized as `__provider.type = "<type>";`
  return provider;
}

/** The provider of DirectoryFeature (feature.ts behind the same entry). */
export function makeFeatureProvider(): pulumi.dynamic.ResourceProvider {
  return makeProvider("DirectoryFeature");
}

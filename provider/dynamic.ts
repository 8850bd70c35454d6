// The ResourceProvider objects Pulumi serializes into every resource's `__provider`. They hold no
// fields and no credentials: each method reaches the shared logic through a static import, which
// the closure serializer writes as `require("pulumi-lineworks/dist/provider/resource.js")` when the
// package is installed, keeping the state small and free of absolute paths.
import type * as pulumi from "@pulumi/pulumi";
import * as feature from "./feature";
import * as resource from "./resource";

export function makeProvider(type: string): pulumi.dynamic.ResourceProvider {
  return {
    configure: async (req) => resource.configure(req.config),
    check: async (olds, news) => resource.check(type, olds, news),
    diff: async (id, olds, news) => resource.diff(type, id, olds, news),
    create: async (inputs) => resource.create(type, inputs),
    read: async (id, props) => resource.read(type, id, props) as Promise<pulumi.dynamic.ReadResult>,
    update: async (id, olds, news) => resource.update(type, id, olds, news),
    delete: async (id, props) => resource.remove(type, id, props),
  };
}

/** The provider of DirectoryFeature: same shape, its own lifecycle (feature.ts). */
export function makeFeatureProvider(): pulumi.dynamic.ResourceProvider {
  return {
    configure: async (req) => resource.configure(req.config),
    check: async (olds, news) => feature.check(olds, news),
    diff: async (id, olds, news) => feature.diff(id, olds, news),
    create: async (inputs) => feature.create(inputs),
    read: async (id, props) => feature.read(id, props),
    update: async (id, olds, news) => feature.update(id, olds, news),
    delete: async (id, props) => feature.remove(id, props),
  };
}

import assert from "node:assert/strict";
import { test } from "node:test";
import { configuredEndpoint } from "./endpoints.ts";

test("explicit, then the service's variable, then AWS_ENDPOINT_URL; none when ignored", () => {
  const env = {
    AWS_ENDPOINT_URL: "http://all",
    AWS_ENDPOINT_URL_RESOURCE_EXPLORER_2: "http://re",
    AWS_ENDPOINT_URL_CLOUDCONTROL: "http://cc",
  };
  assert.equal(configuredEndpoint("Resource Explorer 2", "http://x", env), "http://x");
  assert.equal(configuredEndpoint("Resource Explorer 2", undefined, env), "http://re");
  assert.equal(configuredEndpoint("CloudControl", null, env), "http://cc");
  assert.equal(configuredEndpoint("S3", undefined, env), "http://all");
  assert.equal(configuredEndpoint("S3", undefined, {}), undefined);
  assert.equal(
    configuredEndpoint("S3", undefined, { ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true" }),
    undefined,
  );
});

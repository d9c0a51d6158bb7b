/**
 * The endpoint an AWS client should use, by the SDK's standard settings: an explicit endpoint first, then
 * `AWS_ENDPOINT_URL_<SERVICE ID>` (the service id upper-cased, spaces as `_`: `AWS_ENDPOINT_URL_S3`,
 * `AWS_ENDPOINT_URL_RESOURCE_EXPLORER_2`, `AWS_ENDPOINT_URL_CLOUDCONTROL`), then `AWS_ENDPOINT_URL`;
 * none when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`. Resolved here rather than left to the SDK so the
 * error hints can name the endpoint that was dialled.
 */
export type ServiceId = "S3" | "STS" | "Resource Explorer 2" | "CloudControl";

export function configuredEndpoint(
  serviceId: ServiceId,
  explicit?: string | null,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (explicit) return explicit;
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() === "true") return undefined;
  const specific = env[`AWS_ENDPOINT_URL_${serviceId.toUpperCase().replace(/ /g, "_")}`];
  return specific || env.AWS_ENDPOINT_URL || undefined;
}

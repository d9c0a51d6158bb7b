export { type SyntheticType, syntheticResources } from "./cloud-emulator.fixtures.ts";
export { startCloudEmulator } from "./cloud-emulator.server.ts";
export type {
  CloudCallRecord,
  CloudEmulator,
  CloudEmulatorOptions,
  CloudEmulatorStats,
  CloudFault,
  CloudService,
  ScriptedAccount,
  ScriptedResource,
} from "./cloud-emulator.types.ts";

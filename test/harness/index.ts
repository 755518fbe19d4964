import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import { inject } from 'vitest';
import type { RegistryInfo, RegistryMode } from './registry';
import type { SeedCatalog } from './seed-types';
import type { TokenServerStats } from './token-server';

export type { RegistryInfo, RegistryMode, RunningRegistry, StartRegistryOptions } from './registry';
export { startRegistry, toRegistryInfo, removeOnExit, getPki, BASIC_USER, BASIC_PASSWORD } from './registry';
export type { SeedCatalog, SeedImage, SeedIndex, SeedIndexChild, SeedManifest, SeedBlob, SeedPlatform, SeedTagged } from './seed-types';
export { MT } from './seed-types';
export { seedRegistry, seedRegistries, buildSeedContent, MULTI_PLATFORMS, BIG_LAYER_BYTES } from './seed';
export type { TokenServerStats, RunningTokenServer } from './token-server';
export { startTokenServer, TOKEN_USERS } from './token-server';
export { startLatencyProxy } from './latency-proxy';
export type { LatencyProxy } from './latency-proxy';
export { decodeJwtPart, libtrustKeyId, signRegistryToken } from './jwt';

/** What the integration globalSetup hands every test file (plain data: it crosses to workers). */
export interface HarnessInfo {
  registries: Record<RegistryMode, RegistryInfo>;
  catalog: SeedCatalog;
  /** Root temp dir of this run (certificates, registry data, the cached big layer). */
  tmpDir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    harness: HarnessInfo;
  }
}

/** The registries and seed catalog started by test/harness/global-setup.ts (integration project only). */
export function getHarness(): HarnessInfo {
  return inject('harness');
}

/** An undici Agent that trusts the harness CA when the registry uses TLS. Close it after use. */
export function harnessAgent(reg: RegistryInfo): Agent {
  return new Agent(reg.caFile ? { connect: { ca: readFileSync(reg.caFile, 'utf8') } } : {});
}

/** Token mode: the token server's request counters (diff two readings; other test files share the server). */
export async function readTokenStats(reg: RegistryInfo): Promise<TokenServerStats> {
  if (!reg.tokenStatsUrl) throw new Error(`registry ${reg.mode} has no token server`);
  const res = await request(reg.tokenStatsUrl);
  return await res.body.json() as TokenServerStats;
}
export { linkDir, toolPath } from './tool-path';

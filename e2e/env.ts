import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

/** The parts of test/harness's HarnessInfo the specs use (kept structural: e2e must not import the harness). */
export interface E2eRegistry {
  host: string;
  username?: string;
  password?: string;
}
interface E2eSeedImage {
  ref: string;
  digest: string;
  layers: { digest: string; size: number; mediaType: string }[];
}
interface E2eSeedIndex {
  ref: string;
  digest: string;
  mediaType: string;
  children: (E2eSeedImage & { kind: 'image' | 'attestation'; platform: { os: string; architecture: string; variant?: string } })[];
}
export interface E2eInfo {
  registries: { plain: E2eRegistry; basic: E2eRegistry; tls?: E2eRegistry; token?: E2eRegistry };
  catalog: {
    amd64: E2eSeedImage;
    armV7: E2eSeedImage;
    arm64: E2eSeedImage;
    windows: E2eSeedImage;
    multi: E2eSeedIndex;
    ociIndex: E2eSeedIndex;
  };
}

export function studioUrl(): string {
  const url = process.env.STUDIO_URL;
  if (url === undefined || url === '') throw new Error('STUDIO_URL is not set: start the host and pass the URL it printed');
  return url;
}

export function e2eInfo(): E2eInfo {
  const file = process.env.STUDIO_E2E_INFO_FILE;
  const raw = file ? readFileSync(file, 'utf8') : process.env.STUDIO_E2E_INFO;
  if (raw === undefined || raw === '') throw new Error('STUDIO_E2E_INFO is not set: pass the harness info as JSON');
  return JSON.parse(raw) as E2eInfo;
}

/** Opens the app and waits until it has talked to the host once (the status bar shows the version). */
export async function openStudio(page: Page): Promise<void> {
  await page.goto(studioUrl());
  await page.getByTestId('status-bar').getByText('Manifest Studio').waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = join(process.cwd(), 'docs', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

/** A draft name no earlier run used (drafts live in docker's store, which outlives a run). */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}`;
}

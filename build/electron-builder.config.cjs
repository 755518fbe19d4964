'use strict';
// Packaging for `npm run dist` (electron-builder --config build/electron-builder.config.cjs).
// Everything the app runs is bundled by scripts/build.mjs into out/, so the asar holds out/ and nothing else
// of ours; the CLI and the loopback-host bundles stay out of it (with run-as-node off the app binary
// cannot run them anyway; they ship through npm). No node_modules either: the bundles need none, and
// electron-builder would otherwise pack the optional `electron` package (and its downloader) as a
// production dependency.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

// Playwright's `_electron.launch` needs --inspect (it times out when the CLI-inspect fuse is off, see
// podman-desktop#7128). Only a build made for e2e runs keeps that one fuse on; releases never do.
const forE2e = process.env.MANIFEST_STUDIO_E2E_BUILD === '1';

/**
 * The Electron to package: the installed package's version, else the lockfile's. electron is an optional
 * dependency (npm drops it where its download fails), and electron-builder looks for a version only in an
 * installed package or a pinned devDependency.
 * @returns {string}
 */
function electronVersion() {
  /** @param {string} file */
  const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
  try {
    return /** @type {{ version: string }} */ (readJson(require.resolve('electron/package.json'))).version;
  } catch {
    const lock = /** @type {{ packages: Record<string, { version: string }> }} */ (readJson(join(__dirname, '..', 'package-lock.json')));
    const electron = lock.packages['node_modules/electron'];
    if (!electron) throw new Error('package-lock.json has no node_modules/electron: run npm install');
    return electron.version;
  }
}

/** @type {import('electron-builder').Configuration} */
const config = {
  appId: 'io.github.manifeststudio.app',
  productName: 'Manifest Studio',
  copyright: 'Copyright © Manifest Studio contributors',
  directories: { buildResources: 'build', output: 'release' },
  files: ['package.json', 'out/**/*', '!out/**/*.map', '!out/cli/**', '!out/host/**', '!node_modules{,/**/*}'],
  electronVersion: electronVersion(),
  asar: true,
  // Nothing native is bundled; rebuilding would only slow packaging down.
  npmRebuild: false,
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: forE2e,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  },
  linux: {
    target: ['AppImage', 'deb'],
    icon: 'build/icon.png',
    category: 'Development',
    maintainer: 'Manifest Studio contributors <manifest-studio@users.noreply.github.com>',
    synopsis: 'Multi-architecture container image lists, done right',
  },
  deb: { depends: ['libgtk-3-0', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libsecret-1-0'] },
  mac: { target: ['dmg'], icon: 'build/icon.png', category: 'public.app-category.developer-tools' },
  dmg: { title: 'Manifest Studio' },
  win: { target: ['nsis'], icon: 'build/icon.png' },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
};

module.exports = config;

import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'node:fs';

const PACKAGES = [
  '@runbooks-for-backstage/plugin-runbooks-backend',
  '@runbooks-for-backstage/plugin-runbooks-common',
];

/**
 * The versions of the packages that turn sources into snapshots. They join
 * each entity's source hash, so that an upgrade (maybe with better parsing)
 * parses every entity again once, while a restart of the same version
 * reads nothing that did not change.
 */
export function readerVersion(): string {
  return PACKAGES.map(name => {
    try {
      const file = resolvePackagePath(name, 'package.json');
      return `${name}@${JSON.parse(fs.readFileSync(file, 'utf8')).version}`;
    } catch {
      return `${name}@unknown`;
    }
  }).join(' ');
}

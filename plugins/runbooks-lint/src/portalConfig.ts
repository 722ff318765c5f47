import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_REVIEW_POLICY,
  parseYamlValue,
  ReviewPolicy,
  RunbookStandard,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import {
  DEFAULT_SOURCE_LIMITS,
  readConfiguredStandard,
  readReviewPolicy,
  readSourceLimits,
} from '@runbooks-for-backstage/plugin-runbooks-node';
import fs from 'node:fs/promises';

/** What the portal's `runbooks.*` config changes in what the linter reports. */
export type PortalSettings = {
  policy: ReviewPolicy;
  /** `runbooks.standards`: the standard of entities whose index declares none. */
  standard?: RunbookStandard;
  limits: { maxFilesPerEntity: number; maxFileBytes: number };
};

/** The portal's defaults, for a run without `--config`. */
export const DEFAULT_PORTAL_SETTINGS: PortalSettings = {
  policy: DEFAULT_REVIEW_POLICY,
  limits: DEFAULT_SOURCE_LIMITS,
};

/** A config file that cannot be used, with what is wrong and where. */
export class PortalConfigError extends Error {}

/**
 * Reads `runbooks.reviewInterval`, `runbooks.dueSoonWindow`,
 * `runbooks.standards` and `runbooks.limits` from the portal's app-config
 * files, later files overriding earlier ones as Backstage merges them, with
 * the backend's own readers.
 */
export async function readPortalSettings(
  files: string[],
): Promise<PortalSettings> {
  const configs = [];
  for (const file of files) {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      throw new PortalConfigError(`${file} cannot be read`);
    }
    const yaml = parseYamlValue(text);
    if ('error' in yaml) {
      throw new PortalConfigError(`${file} is not valid YAML (${yaml.error})`);
    }
    const data = yaml.value ?? {};
    if (typeof data !== 'object' || Array.isArray(data)) {
      throw new PortalConfigError(`${file} is not a YAML mapping`);
    }
    configs.push({ data: data as Record<string, any>, context: file });
  }
  const config = ConfigReader.fromConfigs(configs);
  try {
    return {
      policy: readReviewPolicy(config),
      standard: readConfiguredStandard(config),
      limits: readSourceLimits(config),
    };
  } catch (error) {
    throw new PortalConfigError((error as Error).message);
  }
}

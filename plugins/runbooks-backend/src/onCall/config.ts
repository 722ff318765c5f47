import { Config } from '@backstage/config';
import { OpsgenieOptions } from './OpsgenieOnCallProvider';
import { PagerDutyOptions } from './PagerDutyOnCallProvider';

/** The on-call providers configured under `runbooks.onCall`. */
export type OnCallConfig = {
  pagerduty?: PagerDutyOptions;
  opsgenie?: OpsgenieOptions;
};

/**
 * Reads `runbooks.onCall.pagerduty.{apiBaseUrl,token}` and
 * `runbooks.onCall.opsgenie.{apiBaseUrl,apiKey}`; a provider is on when its
 * block is present, and then its credential is required.
 */
export function readOnCallConfig(config: Config): OnCallConfig {
  const pagerduty = config.getOptionalConfig('runbooks.onCall.pagerduty');
  const opsgenie = config.getOptionalConfig('runbooks.onCall.opsgenie');
  return {
    pagerduty: pagerduty && {
      apiBaseUrl: pagerduty.getOptionalString('apiBaseUrl'),
      token: pagerduty.getString('token'),
    },
    opsgenie: opsgenie && {
      apiBaseUrl: opsgenie.getOptionalString('apiBaseUrl'),
      apiKey: opsgenie.getString('apiKey'),
    },
  };
}

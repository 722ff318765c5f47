import { Entity } from '@backstage/catalog-model';
import {
  parseOnCallAnnotation,
  RUNBOOKS_ON_CALL_ANNOTATION,
  RunbookProblem,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { OnCallProvider } from '@runbooks-for-backstage/plugin-runbooks-node';

const BUILT_IN_PROVIDERS = ['schedule', 'pagerduty', 'opsgenie'];
const CONFIG_KEYS: Record<string, string> = {
  pagerduty: 'runbooks.onCall.pagerduty',
  opsgenie: 'runbooks.onCall.opsgenie',
};

/**
 * `runbooks/on-call: <id>:<target>` naming any installed provider; else the
 * built-in forms and the PagerDuty and Opsgenie annotations; else a provider
 * that finds its own annotation on the entity.
 */
export function selectOnCallProvider(
  providers: Map<string, OnCallProvider>,
  entity: Entity,
  problems: RunbookProblem[],
): { provider: OnCallProvider; target: string } | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const value = annotations[RUNBOOKS_ON_CALL_ANNOTATION]?.trim();
  const named = value ? /^([a-z][\w-]*):\s*(.+)$/i.exec(value) : null;
  if (named && !BUILT_IN_PROVIDERS.includes(named[1])) {
    const provider = providers.get(named[1]);
    if (provider) return { provider, target: named[2].trim() };
  }
  const parsed = parseOnCallAnnotation(annotations);
  if (parsed.problems.length) {
    problems.push(...parsed.problems);
    return undefined;
  }
  if (parsed.value) {
    const provider = providers.get(parsed.value.provider);
    if (provider) return { provider, target: parsed.value.target };
    if (!BUILT_IN_PROVIDERS.includes(parsed.value.provider)) {
      // Only `runbooks/on-call` names providers other than the built-in ones.
      problems.push({
        level: 'error',
        subject: RUNBOOKS_ON_CALL_ANNOTATION,
        message: `${RUNBOOKS_ON_CALL_ANNOTATION} is "${value}", but no on-call provider '${
          parsed.value.provider
        }' is installed in this Backstage (installed: ${
          [...providers.keys()].join(', ') || 'none'
        }); add the backend module that provides it`,
      });
      return undefined;
    }
    const configKey = CONFIG_KEYS[parsed.value.provider];
    problems.push({
      level: value ? 'error' : 'warning',
      subject: RUNBOOKS_ON_CALL_ANNOTATION,
      message: value
        ? `${RUNBOOKS_ON_CALL_ANNOTATION} names ${parsed.value.provider}, but ${
            configKey ?? 'that provider'
          } is not configured in this Backstage`
        : `The entity has a ${parsed.value.provider} annotation, but ${configKey} is not configured in this Backstage, so who is on call is not shown`,
    });
    return undefined;
  }
  for (const provider of providers.values()) {
    const target = provider.targetOf?.(entity);
    if (target) return { provider, target };
  }
  return undefined;
}

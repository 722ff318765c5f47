import {
  EscalationContact,
  EscalationLevel,
  OnCallShift,
  RUNBOOKS_ON_CALL_ANNOTATION,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import {
  OnCallAnswer,
  OnCallProvider,
  OnCallRequest,
} from '@runbooks-for-backstage/plugin-runbooks-node';
import { z } from 'zod';
import { VendorApi } from './http';

/** Settings of the PagerDuty provider (`runbooks.onCall.pagerduty`). */
export type PagerDutyOptions = {
  /** Default `https://api.pagerduty.com`. */
  apiBaseUrl?: string;
  /** A REST API key (account or user token). */
  token: string;
  timeoutMs?: number;
};

const reference = z.object({
  id: z.string(),
  summary: z.string().nullish(),
  html_url: z.string().nullish(),
});

const serviceAnswer = z.object({
  service: z.object({ escalation_policy: reference }),
});

const policyAnswer = z.object({
  escalation_policy: z.object({
    escalation_rules: z.array(
      z.object({
        escalation_delay_in_minutes: z.number().nullish(),
        targets: z.array(reference.extend({ type: z.string() })),
      }),
    ),
  }),
});

const oncallsAnswer = z.object({
  oncalls: z.array(
    z.object({
      escalation_level: z.number(),
      end: z.string().nullish(),
      user: reference.extend({
        name: z.string().nullish(),
        email: z.string().nullish(),
      }),
    }),
  ),
});

/**
 * On-call from PagerDuty's REST API v2: the service's escalation policy, then
 * who is on call on each of its levels now (`/oncalls`).
 */
export class PagerDutyOnCallProvider implements OnCallProvider {
  readonly id = 'pagerduty';
  private readonly api: VendorApi;

  constructor(options: PagerDutyOptions) {
    this.api = new VendorApi({
      vendor: 'PagerDuty',
      baseUrl: options.apiBaseUrl ?? 'https://api.pagerduty.com',
      headers: {
        Authorization: `Token token=${options.token}`,
        Accept: 'application/vnd.pagerduty+json;version=2',
      },
      timeoutMs: options.timeoutMs,
    });
  }

  async getOnCall(request: OnCallRequest): Promise<OnCallAnswer> {
    const { target, now, signal } = request;
    const service = await this.api.get(
      `/services/${encodeURIComponent(target)}`,
      [],
      serviceAnswer,
      signal,
    );
    if (!service) {
      return {
        onCall: [],
        problems: [
          {
            level: 'error',
            subject: RUNBOOKS_ON_CALL_ANNOTATION,
            message: `PagerDuty has no service with id "${target}" (from runbooks/on-call or pagerduty.com/service-id)`,
          },
        ],
      };
    }
    const policyId = service.service.escalation_policy.id;
    const instant = now.toISOString();
    const [policy, oncalls] = await Promise.all([
      this.api.get(
        `/escalation_policies/${encodeURIComponent(policyId)}`,
        [],
        policyAnswer,
        signal,
      ),
      this.api.get(
        '/oncalls',
        [
          ['escalation_policy_ids[]', policyId],
          ['include[]', 'users'],
          ['since', instant],
          ['until', instant],
          ['earliest', 'true'],
        ],
        oncallsAnswer,
        signal,
      ),
    ]);

    const levels = new Map<number, OnCallShift>();
    const seen = new Set<string>();
    for (const oncall of oncalls?.oncalls ?? []) {
      const shift = levels.get(oncall.escalation_level) ?? {
        level: oncall.escalation_level,
        contacts: [],
      };
      const { user } = oncall;
      if (!seen.has(`${shift.level}/${user.id}`)) {
        seen.add(`${shift.level}/${user.id}`);
        shift.contacts.push(
          contact(
            user.name ?? user.summary ?? user.id,
            user.html_url,
            user.email,
          ),
        );
      }
      if (oncall.end) {
        const end = new Date(oncall.end).toISOString();
        if (!shift.until || end < shift.until) shift.until = end;
      }
      levels.set(oncall.escalation_level, shift);
    }

    const escalation: EscalationLevel[] | undefined =
      policy?.escalation_policy.escalation_rules.map((rule, index) => ({
        level: index + 1,
        contacts: rule.targets.map(t =>
          contact(
            t.type.startsWith('schedule')
              ? `${t.summary ?? t.id} (schedule)`
              : t.summary ?? t.id,
            t.html_url,
          ),
        ),
      }));

    return {
      onCall: [...levels.values()].sort((a, b) => a.level - b.level),
      escalation,
    };
  }
}

function contact(
  name: string,
  uri?: string | null,
  email?: string | null,
): EscalationContact {
  return {
    name,
    ...(uri ? { uri } : {}),
    ...(email ? { email } : {}),
  };
}

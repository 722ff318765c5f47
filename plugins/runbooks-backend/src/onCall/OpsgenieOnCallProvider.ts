import {
  EscalationContact,
  RUNBOOKS_ON_CALL_ANNOTATION,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import {
  OnCallAnswer,
  OnCallProvider,
  OnCallRequest,
} from '@runbooks-for-backstage/plugin-runbooks-node';
import { z } from 'zod';
import { VendorApi } from './http';

/** Settings of the Opsgenie provider (`runbooks.onCall.opsgenie`). */
export type OpsgenieOptions = {
  /** Default `https://api.opsgenie.com`; EU accounts use `https://api.eu.opsgenie.com`. */
  apiBaseUrl?: string;
  /** Key of an Opsgenie API integration with read access. */
  apiKey: string;
  timeoutMs?: number;
};

const schedulesAnswer = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      enabled: z.boolean().nullish(),
      ownerTeam: z.object({ id: z.string(), name: z.string() }).nullish(),
    }),
  ),
});

const onCallsAnswer = z.object({
  data: z.object({
    _parent: z.object({ id: z.string(), name: z.string() }).nullish(),
    onCallRecipients: z.array(z.string()).nullish(),
  }),
});

/**
 * On-call from Opsgenie: the schedules the team owns (`/v2/schedules`), then
 * who is on call on each (`/v2/schedules/:id/on-calls?flat=true`).
 */
export class OpsgenieOnCallProvider implements OnCallProvider {
  readonly id = 'opsgenie';
  private readonly api: VendorApi;

  constructor(options: OpsgenieOptions) {
    this.api = new VendorApi({
      vendor: 'Opsgenie',
      baseUrl: options.apiBaseUrl ?? 'https://api.opsgenie.com',
      headers: {
        Authorization: `GenieKey ${options.apiKey}`,
        Accept: 'application/json',
      },
      timeoutMs: options.timeoutMs,
    });
  }

  async getOnCall(request: OnCallRequest): Promise<OnCallAnswer> {
    const { target, now, signal } = request;
    const team = target.toLocaleLowerCase('en-US');
    const schedules = await this.api.get(
      '/v2/schedules',
      [],
      schedulesAnswer,
      signal,
    );
    const owned = (schedules?.data ?? []).filter(
      schedule =>
        schedule.enabled !== false &&
        (schedule.ownerTeam?.name.toLocaleLowerCase('en-US') === team ||
          schedule.ownerTeam?.id === target),
    );
    if (!owned.length) {
      return {
        onCall: [],
        problems: [
          {
            level: 'error',
            subject: RUNBOOKS_ON_CALL_ANNOTATION,
            message: `Opsgenie team "${target}" owns no enabled schedule (from runbooks/on-call or opsgenie.com/team)`,
          },
        ],
      };
    }
    const answers = await Promise.all(
      owned.map(schedule =>
        this.api.get(
          `/v2/schedules/${encodeURIComponent(schedule.id)}/on-calls`,
          [
            ['scheduleIdentifierType', 'id'],
            ['flat', 'true'],
            ['date', now.toISOString()],
          ],
          onCallsAnswer,
          signal,
        ),
      ),
    );
    const contacts: EscalationContact[] = [];
    for (const answer of answers) {
      for (const recipient of answer?.data.onCallRecipients ?? []) {
        if (contacts.some(c => c.name === recipient)) continue;
        contacts.push(
          recipient.includes('@')
            ? { name: recipient, email: recipient }
            : { name: recipient },
        );
      }
    }
    return { onCall: contacts.length ? [{ level: 1, contacts }] : [] };
  }
}

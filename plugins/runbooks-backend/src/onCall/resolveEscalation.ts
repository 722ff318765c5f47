import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EscalationContact,
  EscalationLevel,
  RUNBOOKS_CONTACT_ANNOTATION,
  RUNBOOKS_ESCALATION_ANNOTATION,
  RunbookProblem,
} from '@runbooks-for-backstage/plugin-runbooks-common';

/** The Slack channel annotation of the Slack plugins, shown as `slack:#channel`. */
export const SLACK_CHANNEL_ANNOTATION = 'slack.com/channel';

const CONTACT_URI = /^(mailto:|tel:|https:|slack:)\S+$/i;

/** A list of contacts to resolve, and how a contact of it is named in problems. */
export type ContactList = {
  contacts: EscalationContact[];
  /** e.g. `Escalation contact`, `On-call member`. */
  label: string;
};

/**
 * Resolves the entity refs among contacts through the catalog, in one call
 * and with the caller's credentials: a User's or Group's
 * `spec.profile.displayName` (else `metadata.title`) becomes the name,
 * `spec.profile.email` the email, and its `runbooks/contact` and
 * `slack.com/channel` annotations the contact's `links`. A ref the catalog
 * does not know (or the caller may not read) stays as written, with a problem.
 */
export async function resolveContacts(
  lists: ContactList[],
  catalog: Pick<CatalogService, 'getEntitiesByRefs'>,
  credentials: BackstageCredentials,
): Promise<{ lists: EscalationContact[][]; problems: RunbookProblem[] }> {
  const refs = [
    ...new Set(
      lists.flatMap(list =>
        list.contacts.flatMap(c =>
          c.ref ? [c.ref.toLocaleLowerCase('en-US')] : [],
        ),
      ),
    ),
  ];
  if (!refs.length) {
    return { lists: lists.map(list => list.contacts), problems: [] };
  }
  const found = new Map<string, Entity>();
  try {
    const { items } = await catalog.getEntitiesByRefs(
      {
        entityRefs: refs,
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'metadata.annotations',
          'spec.profile',
        ],
      },
      { credentials },
    );
    items.forEach((entity, index) => {
      if (entity) found.set(refs[index], entity);
    });
  } catch (error) {
    return {
      lists: lists.map(list => list.contacts),
      problems: [
        {
          level: 'warning',
          subject: RUNBOOKS_ESCALATION_ANNOTATION,
          message: `Escalation contacts could not be looked up in the catalog: ${
            (error as Error).message
          }`,
        },
      ],
    };
  }

  const problems: RunbookProblem[] = [];
  const reported = new Set<string>();
  const resolved = lists.map(list =>
    list.contacts.map(contact => {
      if (!contact.ref) return contact;
      const entity = found.get(contact.ref.toLocaleLowerCase('en-US'));
      if (!entity) {
        const message = `${list.label} ${contact.ref} is not in the catalog`;
        if (!reported.has(message)) {
          reported.add(message);
          problems.push({
            level: 'warning',
            subject: RUNBOOKS_ESCALATION_ANNOTATION,
            message,
          });
        }
        return contact;
      }
      return describe(contact, entity);
    }),
  );
  return { lists: resolved, problems };
}

/** {@link resolveContacts} for escalation levels, keeping each level's other fields. */
export async function resolveEscalation<T extends EscalationLevel>(
  levels: T[],
  catalog: Pick<CatalogService, 'getEntitiesByRefs'>,
  credentials: BackstageCredentials,
): Promise<{ levels: T[]; problems: RunbookProblem[] }> {
  const { lists, problems } = await resolveContacts(
    levels.map(level => ({
      contacts: level.contacts,
      label: 'Escalation contact',
    })),
    catalog,
    credentials,
  );
  return {
    levels: levels.map((level, index) => ({
      ...level,
      contacts: lists[index],
    })),
    problems,
  };
}

function describe(
  contact: EscalationContact,
  entity: Entity,
): EscalationContact {
  const profile = (entity.spec?.profile ?? {}) as {
    displayName?: unknown;
    email?: unknown;
  };
  const name =
    text(profile.displayName) ?? text(entity.metadata.title) ?? contact.name;
  const email = text(profile.email) ?? contact.email;
  const links = contactLinks(entity.metadata.annotations ?? {});
  return {
    ...contact,
    name,
    ...(email ? { email } : {}),
    ...(links.length ? { links } : {}),
  };
}

/** `runbooks/contact` URIs first, then the Slack channel, without repeats. */
function contactLinks(annotations: Record<string, string>): string[] {
  const links = (annotations[RUNBOOKS_CONTACT_ANNOTATION] ?? '')
    .split(/[,\n]/)
    .map(part => part.trim())
    .filter(part => CONTACT_URI.test(part));
  const channel = annotations[SLACK_CHANNEL_ANNOTATION]?.trim();
  if (channel) {
    const uri = `slack:#${channel.replace(/^#/, '')}`;
    if (!links.some(link => link.toLowerCase() === uri.toLowerCase())) {
      links.push(uri);
    }
  }
  return links;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

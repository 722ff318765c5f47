import { RUNBOOKS_ESCALATION_ANNOTATION } from './annotations';
import { oversizedAnnotation, ParseResult } from './location';
import { EscalationLevel } from './types';

const URI_SCHEMES = ['mailto:', 'tel:', 'https:', 'http:', 'slack:'];
const ENTITY_REF = /^(?:(user|group):)(?:([a-z0-9][\w.-]*)\/)?([\w.@-]+)$/i;

/**
 * Parses the `runbooks/escalation` annotation: levels separated by new lines
 * or commas, contacts on one level joined with ` & `. Entity refs keep the
 * written ref as their name until the catalog resolves them; unknown entries
 * are reported and left out.
 *
 * @public
 */
export function parseEscalationAnnotation(
  value: string | undefined,
): ParseResult<EscalationLevel[]> {
  const key = RUNBOOKS_ESCALATION_ANNOTATION;
  const levels: EscalationLevel[] = [];
  const problems: ParseResult<EscalationLevel[]>['problems'] = [];
  const oversized = oversizedAnnotation(key, value);
  if (oversized) return { value: levels, problems: [oversized] };
  const lines = (value ?? '')
    .split(/[,\n]/)
    .map(line => line.trim().replace(/^(\d+[.)]|-)\s+/, ''))
    .filter(Boolean);
  for (const line of lines) {
    const contacts = [];
    for (const raw of line
      .split('&')
      .map(c => c.trim())
      .filter(Boolean)) {
      const lower = raw.toLowerCase();
      if (URI_SCHEMES.some(scheme => lower.startsWith(scheme))) {
        contacts.push({ uri: raw, name: contactName(raw) });
        continue;
      }
      const ref = ENTITY_REF.exec(raw);
      if (ref) {
        const kind = ref[1].toLowerCase();
        const namespace = ref[2] ?? 'default';
        contacts.push({ ref: `${kind}:${namespace}/${ref[3]}`, name: raw });
        continue;
      }
      problems.push({
        level: 'error',
        subject: key,
        message: `Annotation ${key}: "${raw}" is neither an entity ref (user:…, group:…) nor a contact URI (mailto:, tel:, https:, slack:)`,
      });
    }
    if (contacts.length) levels.push({ level: levels.length + 1, contacts });
  }
  return { value: levels, problems };
}

function contactName(uri: string): string {
  const [scheme, ...rest] = uri.split(':');
  const target = rest.join(':');
  switch (scheme.toLowerCase()) {
    case 'mailto':
    case 'tel':
    case 'slack':
      return target;
    default:
      return uri;
  }
}

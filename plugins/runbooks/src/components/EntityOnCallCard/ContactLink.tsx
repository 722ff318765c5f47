import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import MuiLink from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { EscalationContact } from '@runbooks-for-backstage/plugin-runbooks-common';

/** How a contact URI is shown: a link where the browser can open it, text otherwise. */
export function ContactUri(props: { uri: string; label?: string }) {
  const { uri } = props;
  const [scheme] = uri.split(':', 1);
  const target = uri.slice(scheme.length + 1);
  switch (scheme.toLowerCase()) {
    case 'mailto':
    case 'tel':
      // Opens the mail or phone app; no new browser window, unlike web links.
      return <MuiLink href={uri}>{props.label ?? target}</MuiLink>;
    case 'https':
    case 'http':
      return <Link to={uri}>{props.label ?? uri}</Link>;
    case 'slack':
      // A Slack link needs workspace and channel ids; the channel name is what people type.
      return (
        <Typography component="span" variant="body2">
          Slack {target}
        </Typography>
      );
    default:
      return (
        <Typography component="span" variant="body2">
          {props.label ?? uri}
        </Typography>
      );
  }
}

/**
 * One contact: a catalog entity linked to its page, or a contact URI, with
 * the email and further ways to reach it.
 */
export function ContactLink(props: {
  contact: EscalationContact;
  /** Only the name, without email and further links. */
  compact?: boolean;
}) {
  const { contact, compact } = props;
  let main;
  if (contact.ref) {
    main = (
      <EntityRefLink entityRef={contact.ref}>{contact.name}</EntityRefLink>
    );
  } else if (contact.uri) {
    main = <ContactUri uri={contact.uri} label={labelFor(contact)} />;
  } else {
    main = (
      <Typography component="span" variant="body2">
        {contact.name}
      </Typography>
    );
  }
  if (compact) return main;
  const extras = [
    ...(contact.email && contact.uri !== `mailto:${contact.email}`
      ? [`mailto:${contact.email}`]
      : []),
    ...(contact.links ?? []),
  ];
  return (
    <Box component="span" display="inline-flex" flexWrap="wrap" gridGap={8}>
      <Box component="span" fontWeight={500}>
        {main}
      </Box>
      {extras.map(uri => (
        <ContactUri key={uri} uri={uri} />
      ))}
    </Box>
  );
}

/** The contact's name, unless it only repeats the URI. */
function labelFor(contact: EscalationContact): string | undefined {
  return contact.name && contact.name !== contact.uri
    ? contact.name
    : undefined;
}

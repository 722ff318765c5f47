import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { WriteRunbookLink } from '@runbooks-for-backstage/plugin-runbooks-common';
import { useState } from 'react';

/**
 * "Write this runbook": the host's prefilled new-file page, or (for a
 * runbook to complete, or a host that cannot prefill) the skeleton to copy.
 */
export function WriteRunbookButton(props: {
  link: WriteRunbookLink;
  label?: string;
}) {
  const { link } = props;
  const [open, setOpen] = useState(false);
  const label = props.label ?? 'Write this runbook';
  const prefilled = Boolean(link.host && link.url);
  return (
    <Box>
      {prefilled ? (
        <Link to={link.url!} data-testid="write-runbook-link">
          {label}
        </Link>
      ) : (
        <Box display="flex" gridGap={8} alignItems="center">
          {link.url && <Link to={link.url}>Edit</Link>}
          <Button size="small" onClick={() => setOpen(!open)}>
            {open ? 'Hide skeleton' : `${label}: show skeleton`}
          </Button>
        </Box>
      )}
      {open && (
        <Box mt={1}>
          <Typography variant="caption" color="textSecondary">
            Copy into <code>{link.fileName}</code>:
          </Typography>
          <pre aria-label={`Skeleton of ${link.fileName}`}>{link.skeleton}</pre>
        </Box>
      )}
    </Box>
  );
}

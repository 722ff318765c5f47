import { Link } from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';
import { MouseEvent, ReactNode, useEffect, useMemo } from 'react';
import { readMarkdownDocument } from '@runbooks-for-backstage/plugin-runbooks-common';
import { useLocation } from 'react-router-dom';
import { MarkdownRenderers, renderMarkdown } from './markdownElements';
import {
  decodeAnchor,
  scrollToAnchor,
  useAnchorNavigation,
} from './useAnchorNavigation';

const MONOSPACE =
  'ui-monospace, SFMono-Regular, Menlo, Monaco, Consolas, "Liberation Mono", monospace';

const useStyles = makeStyles(theme => ({
  root: {
    overflowWrap: 'break-word',
    '& h1, & h2, & h3, & h4, & h5, & h6': {
      scrollMarginTop: theme.spacing(2),
    },
    '& code': { fontFamily: MONOSPACE, fontSize: '0.9em' },
    '& :not(pre) > code': {
      backgroundColor: theme.palette.action.hover,
      borderRadius: theme.shape.borderRadius,
      padding: '0.1em 0.35em',
    },
    '& pre': {
      fontFamily: MONOSPACE,
      overflowX: 'auto',
      padding: theme.spacing(1.5, 2),
      backgroundColor: theme.palette.action.hover,
      border: `1px solid ${theme.palette.divider}`,
      borderRadius: theme.shape.borderRadius,
    },
    '& th, & td': {
      border: `1px solid ${theme.palette.divider}`,
      padding: theme.spacing(0.75, 1.5),
      textAlign: 'left',
      verticalAlign: 'top',
    },
    '& th': {
      backgroundColor: theme.palette.action.hover,
      fontWeight: theme.typography.fontWeightBold,
    },
    '& table': { borderCollapse: 'collapse' },
    '& li.task-list-item': { listStyle: 'none' },
    '& li.task-list-item input': { marginRight: theme.spacing(1) },
    '& img': { maxWidth: '100%' },
    '& blockquote': {
      margin: theme.spacing(2, 0),
      padding: theme.spacing(0, 2),
      borderLeft: `4px solid ${theme.palette.divider}`,
      color: theme.palette.text.secondary,
    },
  },
  tableScroll: { overflowX: 'auto', margin: theme.spacing(2, 0) },
}));

function AnchorLink(props: { href: string; children?: ReactNode }) {
  const goToAnchor = useAnchorNavigation();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    goToAnchor(decodeAnchor(props.href));
  };
  return (
    <a href={props.href} onClick={onClick}>
      {props.children}
    </a>
  );
}

/** Props of {@link RunbookMarkdown}. */
export type RunbookMarkdownProps = {
  markdown: string;
  /** Maps a link in the runbook to where it should go in the portal. */
  resolveHref?: (href: string) => string;
};

/**
 * A runbook's markdown with GitHub's extensions (tables, task lists,
 * strikethrough, bare links) and no raw HTML, read by the same parser as the
 * backend: headings carry the anchors the backend lists.
 */
export function RunbookMarkdown(props: RunbookMarkdownProps) {
  const { markdown, resolveHref } = props;
  const classes = useStyles();
  const { hash } = useLocation();

  const parsed = useMemo(() => readMarkdownDocument(markdown), [markdown]);
  const renderers = useMemo<MarkdownRenderers>(
    () => ({
      link: ({ href, children }) =>
        href.startsWith('#') ? (
          <AnchorLink href={href}>{children}</AnchorLink>
        ) : (
          <Link to={resolveHref ? resolveHref(href) : href}>{children}</Link>
        ),
      table: ({ children }) => (
        <div className={classes.tableScroll}>{children}</div>
      ),
    }),
    [resolveHref, classes.tableScroll],
  );

  useEffect(() => {
    if (hash) scrollToAnchor(decodeAnchor(hash));
  }, [hash, markdown]);

  return (
    <div className={classes.root}>{renderMarkdown(parsed, renderers)}</div>
  );
}

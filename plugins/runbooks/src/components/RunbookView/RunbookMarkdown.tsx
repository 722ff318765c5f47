import { Link } from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';
import { MouseEvent, ReactNode, useEffect, useMemo } from 'react';
import ReactMarkdown, { Components, uriTransformer } from 'react-markdown';
import { useLocation } from 'react-router-dom';
import remarkGfm from 'remark-gfm';
import { rehypeHeadingIds } from './rehypeHeadingIds';
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

// react-markdown replaces unsafe links (javascript: & co) with a harmless
// javascript: URL; drop it so the text is not a link at all.
function safeLinkUri(href: string): string {
  const safe = uriTransformer(href);
  return /^javascript:/i.test(safe) ? '' : safe;
}

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
 * strikethrough) and no raw HTML; headings carry their anchors.
 */
export function RunbookMarkdown(props: RunbookMarkdownProps) {
  const { markdown, resolveHref } = props;
  const classes = useStyles();
  const { hash } = useLocation();

  const components = useMemo<Components>(
    () => ({
      a: ({ href, children }) => {
        if (!href) return <span>{children}</span>;
        if (href.startsWith('#')) {
          return <AnchorLink href={href}>{children}</AnchorLink>;
        }
        return (
          <Link to={resolveHref ? resolveHref(href) : href}>{children}</Link>
        );
      },
      table: ({ node: _node, ...rest }) => (
        <div className={classes.tableScroll}>
          <table {...rest} />
        </div>
      ),
    }),
    [resolveHref, classes.tableScroll],
  );

  useEffect(() => {
    if (hash) scrollToAnchor(decodeAnchor(hash));
  }, [hash, markdown]);

  return (
    <div className={classes.root}>
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={[rehypeHeadingIds]}
        transformLinkUri={safeLinkUri}
        components={components}
      >
        {markdown}
      </ReactMarkdown>
    </div>
  );
}

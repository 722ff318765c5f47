import {
  headingElementId,
  MarkdownDocument,
  MarkdownNode,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { createElement, Fragment, ReactNode } from 'react';

/** How the page wants links and tables drawn. */
export type MarkdownRenderers = {
  link: (props: { href: string; children: ReactNode }) => ReactNode;
  table: (props: { children: ReactNode }) => ReactNode;
};

const LINK_SCHEMES = ['http', 'https', 'mailto', 'tel'];

function schemeOf(url: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1].toLowerCase();
}

/** Links to web pages, mail, phone and the portal; nothing that runs (`javascript:`, `data:`). */
export function isSafeLink(href: string): boolean {
  const scheme = schemeOf(href.trim());
  return scheme === undefined || LINK_SCHEMES.includes(scheme);
}

/** Images over https or from the portal itself; no `data:`, `javascript:`, plain-http or other hosts' relative (`//host`) sources. */
export function isSafeImage(src: string): boolean {
  const url = src.trim();
  if (url.startsWith('//')) return false;
  const scheme = schemeOf(url);
  return scheme === undefined || scheme === 'https';
}

const PASS_THROUGH: Record<string, string> = {
  blockquote: 'blockquote',
  bullet_list: 'ul',
  em: 'em',
  strong: 'strong',
  s: 'del',
  thead: 'thead',
  tbody: 'tbody',
  tr: 'tr',
};

/**
 * The React elements of a markdown document read by runbooks-common: the
 * same tree, and so the same headings and anchors, as the backend lists.
 * Raw HTML is shown as text, never as HTML.
 */
export function renderMarkdown(
  document: MarkdownDocument,
  renderers: MarkdownRenderers,
): ReactNode {
  let heading = 0;
  const render = (nodes: MarkdownNode[], tightList = false): ReactNode[] =>
    nodes.map((node, key) => {
      const children = () => render(node.children);
      switch (node.type) {
        case 'heading': {
          const anchor = document.headings[heading++]?.anchor;
          return createElement(
            node.tag,
            { key, id: anchor ? headingElementId(anchor) : undefined },
            children(),
          );
        }
        case 'paragraph':
          return tightList || node.hidden ? (
            <Fragment key={key}>{children()}</Fragment>
          ) : (
            <p key={key}>{children()}</p>
          );
        case 'ordered_list':
          return (
            <ol key={key} start={Number(node.attrs.start ?? 1)}>
              {render(node.children)}
            </ol>
          );
        case 'list_item':
          return renderListItem(node, key, render);
        case 'fence':
        case 'code_block':
          return (
            <pre key={key}>
              <code>{node.content}</code>
            </pre>
          );
        case 'hr':
          return <hr key={key} />;
        case 'html_block':
          return node.content.trimStart().startsWith('<!--') ? null : (
            <p key={key}>{node.content}</p>
          );
        case 'table':
          return (
            <Fragment key={key}>
              {renderers.table({ children: <table>{children()}</table> })}
            </Fragment>
          );
        case 'th':
        case 'td':
          return createElement(
            node.tag,
            { key, style: cellAlignment(node.attrs.style) },
            children(),
          );
        case 'text':
        case 'html_inline':
          return node.content;
        case 'code_inline':
          return <code key={key}>{node.content}</code>;
        case 'softbreak':
          return '\n';
        case 'hardbreak':
          return <br key={key} />;
        case 'link': {
          const href = node.attrs.href ?? '';
          if (!isSafeLink(href)) return <span key={key}>{children()}</span>;
          return (
            <Fragment key={key}>
              {renderers.link({ href, children: children() })}
            </Fragment>
          );
        }
        case 'image': {
          const src = node.attrs.src ?? '';
          const alt = node.content;
          return isSafeImage(src) ? (
            <img key={key} src={src} alt={alt} title={node.attrs.title} />
          ) : (
            alt
          );
        }
        default:
          return PASS_THROUGH[node.type] ? (
            createElement(PASS_THROUGH[node.type], { key }, children())
          ) : (
            <Fragment key={key}>{children()}</Fragment>
          );
      }
    });
  return render(document.tree.children);
}

const TASK = /^\[([ xX])\]\s/;

/** GitHub's task lists: an item starting `[ ]` or `[x]` is a checkbox. */
function renderListItem(
  item: MarkdownNode,
  key: number,
  render: (nodes: MarkdownNode[], tightList?: boolean) => ReactNode[],
): ReactNode {
  const [first, ...rest] = item.children;
  const text = first?.type === 'paragraph' ? first.children[0] : undefined;
  const task = text?.type === 'text' ? TASK.exec(text.content) : null;
  if (!first || !text || !task)
    return <li key={key}>{render(item.children)}</li>;
  const remainder: MarkdownNode = {
    ...first,
    children: [
      { ...text, content: text.content.slice(task[0].length) },
      ...first.children.slice(1),
    ],
  };
  return (
    <li key={key} className="task-list-item">
      <input type="checkbox" disabled checked={task[1] !== ' '} />
      {render([remainder, ...rest], true)}
    </li>
  );
}

function cellAlignment(style: string | undefined) {
  const align = /text-align:\s*(left|right|center)/.exec(style ?? '')?.[1];
  return align
    ? { textAlign: align as 'left' | 'right' | 'center' }
    : undefined;
}

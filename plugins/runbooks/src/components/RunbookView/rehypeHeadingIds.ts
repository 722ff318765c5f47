import { createSlugger } from '@runbooks-for-backstage/plugin-runbooks-common';

/** The part of a hast node this plugin reads; declared here to avoid a dependency on `@types/hast`. */
type HastNode = {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
};

const HEADING = /^h[1-6]$/;

/**
 * Gives every heading the anchor the backend computes for it
 * (`headings[].anchor`), which is also GitHub's, so links written against
 * GitHub and alert mappings to `file.md#anchor` land on the right heading.
 */
export function rehypeHeadingIds() {
  return (tree: HastNode) => {
    const slug = createSlugger();
    const visit = (node: HastNode) => {
      if (node.type === 'element' && HEADING.test(node.tagName ?? '')) {
        // remark-gfm's footnotes heading already has an id that aria refers to.
        if (node.properties?.id === undefined) {
          node.properties = { ...node.properties, id: slug(textContent(node)) };
        }
        return;
      }
      node.children?.forEach(visit);
    };
    visit(tree);
  };
}

function textContent(node: HastNode): string {
  if (node.type === 'text') return node.value ?? '';
  // Raw HTML is shown as text (no rehype-raw); the backend drops its tags.
  if (node.type === 'raw') return (node.value ?? '').replace(/<[^>]+>/g, '');
  return (node.children ?? []).map(textContent).join('');
}

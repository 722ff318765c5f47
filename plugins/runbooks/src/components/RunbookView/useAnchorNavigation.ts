import { headingElementId } from '@runbooks-for-backstage/plugin-runbooks-common';
import { useCallback } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';

/** Scrolls to the heading with this anchor, if it is on the page. */
export function scrollToAnchor(anchor: string) {
  document.getElementById(headingElementId(anchor))?.scrollIntoView?.();
}

/** The anchor a `#hash` names, percent-decoding it when it can. */
export function decodeAnchor(hash: string): string {
  const anchor = hash.replace(/^#/, '');
  try {
    return decodeURIComponent(anchor);
  } catch {
    return anchor;
  }
}

/**
 * Goes to an anchor of the current page: puts it in the URL, so the link can
 * be shared; `RunbookMarkdown` scrolls when the hash changes, and this
 * scrolls itself when the URL already had that hash.
 */
export function useAnchorNavigation(): (anchor: string) => void {
  const navigate = useNavigate();
  const { search, hash } = useLocation();
  return useCallback(
    (anchor: string) => {
      if (decodeAnchor(hash) === anchor) {
        scrollToAnchor(anchor);
      } else {
        navigate({ search, hash: `#${encodeURIComponent(anchor)}` });
      }
    },
    [navigate, search, hash],
  );
}

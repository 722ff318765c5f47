import { DEFAULT_RUNBOOK_STANDARD } from './defaultStandard';
import {
  runbookFileName,
  runbookSkeleton,
  writeRunbookLink,
} from './writeLink';

describe('write this runbook', () => {
  const skeleton = runbookSkeleton(DEFAULT_RUNBOOK_STANDARD, {
    title: 'HighErrorRate',
    alert: 'HighErrorRate',
  });

  it("writes a skeleton of the standard's sections with the alert name", () => {
    expect(skeleton).toContain('# HighErrorRate');
    expect(skeleton).toContain('Alert: `HighErrorRate`');
    expect(skeleton).toMatch(
      /## Overview[\s\S]*## Investigation[\s\S]*## Resolution[\s\S]*## Escalation/,
    );
    expect(runbookFileName('HighErrorRate')).toBe('high-error-rate.md');
  });

  it("prefills GitHub's new-file page", () => {
    const link = writeRunbookLink({
      folderUrl: 'https://github.com/acme/shop/tree/main/docs/runbooks',
      fileName: 'high-error-rate.md',
      skeleton,
    });
    const url = new URL(link.url!);
    expect(link.host).toBe('github');
    expect(url.origin + url.pathname).toBe(
      'https://github.com/acme/shop/new/main/docs/runbooks',
    );
    expect(url.searchParams.get('filename')).toBe('high-error-rate.md');
    expect(url.searchParams.get('value')).toBe(skeleton);
  });

  it("prefills GitLab's new-file page", () => {
    const link = writeRunbookLink({
      folderUrl:
        'https://gitlab.example.com/group/sub/shop/-/tree/main/runbooks',
      fileName: 'a.md',
      skeleton,
    });
    const url = new URL(link.url!);
    expect(link.host).toBe('gitlab');
    expect(url.origin + url.pathname).toBe(
      'https://gitlab.example.com/group/sub/shop/-/new/main/runbooks',
    );
    expect(url.searchParams.get('file_name')).toBe('a.md');
    expect(url.searchParams.get('content')).toBe(skeleton);
  });

  it('gives only the skeleton for other hosts and bad URLs', () => {
    for (const folderUrl of [
      undefined,
      'not a url',
      'https://bitbucket.org/a/b/src/main/x',
      'ftp://example.com/runbooks',
    ]) {
      const link = writeRunbookLink({ folderUrl, fileName: 'a.md', skeleton });
      expect(link.url).toBeUndefined();
      expect(link.skeleton).toBe(skeleton);
    }
  });
});

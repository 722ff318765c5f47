import { makeRunbook } from '../../__testUtils__/fixtures';
import { resolveRunbookHref } from './resolveRunbookHref';

describe('resolveRunbookHref', () => {
  const current = makeRunbook({
    id: 'db-failover',
    path: 'db/failover.md',
    sourceUrl: 'https://github.com/acme/pay/blob/main/runbooks/db/failover.md',
  });
  const other = makeRunbook({ id: 'high-cpu', path: 'high-cpu.md' });

  it('opens linked runbooks in the portal, keeping the anchor', () => {
    expect(
      resolveRunbookHref('../high-cpu.md#steps', current, [current, other]),
    ).toBe('/catalog/default/component/payments/runbooks/high-cpu#steps');
  });

  it('sends other relative links to the source repository', () => {
    expect(resolveRunbookHref('./scripts/promote.sh', current, [current])).toBe(
      'https://github.com/acme/pay/blob/main/runbooks/db/scripts/promote.sh',
    );
  });

  it('leaves absolute links and anchors alone', () => {
    for (const href of [
      'https://x.example/a',
      '#steps',
      '/docs',
      'mailto:a@b.c',
    ]) {
      expect(resolveRunbookHref(href, current, [current])).toBe(href);
    }
  });
});

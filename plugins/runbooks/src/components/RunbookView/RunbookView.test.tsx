import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  headingElementId,
  Runbook,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { runbooksApiRef } from '../../api';
import {
  highCpuDetail,
  makeRunbook,
  runbooks,
} from '../../__testUtils__/fixtures';
import { mockRunbooksApi } from '../../__testUtils__/render';
import { RunbookView } from './RunbookView';

const entityRef = { kind: 'Component', namespace: 'default', name: 'payments' };

async function renderView(
  runbook: Runbook,
  api = mockRunbooksApi({ getRunbook: async () => highCpuDetail }),
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [runbooksApiRef, api],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <RunbookView
        entityRef={entityRef}
        runbook={runbook}
        runbooks={runbooks}
      />
    </TestApiProvider>,
  );
  return api;
}

describe('RunbookView', () => {
  it('renders the markdown with GitHub tables, task lists and strikethrough', async () => {
    await renderView(runbooks[0]);

    expect(await screen.findByRole('table')).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'Scale out' })).toBeInTheDocument();
    expect(
      screen.getByRole('cell', { name: 'kubectl scale' }),
    ).toBeInTheDocument();
    expect(
      screen.getAllByRole('checkbox').map(c => (c as HTMLInputElement).checked),
    ).toEqual([true, false]);
    expect(screen.getByText('old advice').tagName).toBe('DEL');
    expect(screen.getByText('kubectl top pods').closest('pre')).not.toBeNull();
  });

  it('gives headings the anchors the backend lists', async () => {
    await renderView(runbooks[0]);

    await screen.findByRole('table');
    const ids = screen
      .getAllByRole('heading')
      .filter(h => h.id)
      .map(h => h.id);
    expect(ids).toEqual(
      highCpuDetail.headings.map(h => headingElementId(h.anchor)),
    );
    expect(
      screen.getAllByRole('heading', { name: 'What to do?' }).map(h => h.id),
    ).toEqual(['runbook-what-to-do', 'runbook-what-to-do-1']);
  });

  it('neutralises javascript: links and keeps the others', async () => {
    await renderView(runbooks[0]);

    const unsafe = await screen.findByText('Click me');
    expect(unsafe.closest('a')?.getAttribute('href') ?? '').not.toMatch(
      /^\s*javascript:/i,
    );
    expect(screen.getByRole('link', { name: /^dashboard/ })).toHaveAttribute(
      'href',
      'https://grafana.example.com',
    );
    expect(screen.getByRole('link', { name: 'the steps' })).toHaveAttribute(
      'href',
      '#what-to-do',
    );
  });

  it('never renders raw HTML from the runbook', async () => {
    const runbook = makeRunbook({ id: 'html', title: 'Html' });
    await renderView(
      runbook,
      mockRunbooksApi({
        getRunbook: async () => ({
          ...runbook,
          markdown: 'Before\n\n<img src="x" onerror="alert(1)">\n\nAfter',
          headings: [],
        }),
      }),
    );

    expect(await screen.findByText('After')).toBeInTheDocument();
    expect(document.querySelector('img')).toBeNull();
  });

  it('shows what the on-call engineer needs to know about the runbook', async () => {
    await renderView(runbooks[0]);

    await screen.findByRole('table');
    expect(
      screen.getByRole('heading', { name: 'High CPU', level: 2 }),
    ).toBeInTheDocument();
    expect(screen.getAllByText('Stale').length).toBeGreaterThan(0);
    expect(screen.getByText(/Severity: P1/)).toHaveTextContent(
      'Owner: group:payments',
    );
    expect(screen.getByText('HighCPU')).toBeInTheDocument();
    expect(screen.getByText('cpu')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Last reviewed 2 Jan 2024 · Next review 1 Apr 2024 · Review every 90d',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Overdue since 1 Apr 2024: re-read it, fix what is wrong, then Mark as reviewed.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /^View source/ })).toHaveAttribute(
      'href',
      highCpuDetail.sourceUrl,
    );
    expect(screen.getByRole('link', { name: /^Edit/ })).toHaveAttribute(
      'href',
      'https://github.com/acme/payments/edit/main/runbooks/high-cpu.md',
    );
  });

  it('lists the alerts mapped to the runbook and jumps to their section', async () => {
    const scrolled: string[] = [];
    const original = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = function scrollIntoView(this: Element) {
      scrolled.push(this.id);
    };
    try {
      await renderInTestApp(
        <TestApiProvider
          apis={[
            [
              runbooksApiRef,
              mockRunbooksApi({ getRunbook: async () => highCpuDetail }),
            ],
            [permissionApiRef, mockApis.permission()],
          ]}
        >
          <RunbookView
            entityRef={entityRef}
            runbook={runbooks[0]}
            alerts={[
              {
                alert: 'HighCPU',
                runbookId: 'high-cpu',
                anchor: 'what-to-do-1',
                source: 'annotation',
              },
              {
                alert: 'CPUThrottling',
                runbookId: 'high-cpu',
                source: 'index',
              },
              {
                alert: 'DiskFull',
                runbookId: 'disk-full',
                source: 'file-name',
              },
            ]}
          />
        </TestApiProvider>,
      );
      await screen.findByRole('table');

      expect(screen.getByText('CPUThrottling')).toBeInTheDocument();
      expect(screen.queryByText('DiskFull')).not.toBeInTheDocument();
      await userEvent.click(screen.getByRole('button', { name: 'HighCPU' }));
      expect(scrolled).toEqual(['runbook-what-to-do-1']);
    } finally {
      Element.prototype.scrollIntoView = original;
    }
  });

  it('shows the path when the source has no URL', async () => {
    const runbook = makeRunbook({
      id: 'local',
      title: 'Local',
      path: 'ops/local.md',
    });
    await renderView(
      runbook,
      mockRunbooksApi({
        getRunbook: async () => ({
          ...runbook,
          markdown: 'Hello',
          headings: [],
        }),
      }),
    );

    expect(await screen.findByText('Hello')).toBeInTheDocument();
    expect(screen.getByText('ops/local.md')).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: /^View source/ }),
    ).not.toBeInTheDocument();
  });

  it('shows the error panel when the runbook cannot be read', async () => {
    await renderView(
      runbooks[1],
      mockRunbooksApi({
        getRunbook: async () => {
          throw new Error('file vanished');
        },
      }),
    );

    expect(await screen.findAllByText(/file vanished/)).not.toHaveLength(0);
  });

  it('warns about a missing runbook without fetching it', async () => {
    const api = await renderView(runbooks[4]);

    expect(
      screen.getByText(
        /Listed in the runbook index but the file does not exist/,
      ),
    ).toHaveTextContent('ghost.md');
    expect(api.getRunbook).not.toHaveBeenCalled();
  });
});

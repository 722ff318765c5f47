import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { makeRunbook } from '../../__testUtils__/fixtures';
import { RunbookHeader } from './RunbookHeader';

describe('RunbookHeader', () => {
  it('says when the runbook changed since its last review in the portal', async () => {
    await renderInTestApp(
      <RunbookHeader
        runbook={makeRunbook({
          id: 'edited',
          lastReviewed: '2024-01-02T00:00:00Z',
          nextReview: '2024-04-01T00:00:00Z',
          changedSinceReview: true,
          changedReview: {
            reviewer: 'user:default/jane.doe',
            reviewedAt: '2024-06-03T10:00:00Z',
          },
        })}
      />,
    );
    expect(
      screen.getByText(
        /^Changed since review by user:default\/jane\.doe on 3 Jun 2024 · Last reviewed 2 Jan 2024/,
      ),
    ).toBeInTheDocument();
  });
});

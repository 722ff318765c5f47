import { makeRunbook } from '../../__testUtils__/fixtures';
import { groupRunbooks } from './groupRunbooks';

describe('groupRunbooks', () => {
  it('keeps categories in order of first appearance and puts the rest under Other, last', () => {
    const groups = groupRunbooks([
      makeRunbook({ id: 'a' }),
      makeRunbook({ id: 'b', category: 'Database' }),
      makeRunbook({ id: 'c', category: 'Other' }),
      makeRunbook({ id: 'd', category: 'Alerts' }),
      makeRunbook({ id: 'e', category: 'Database' }),
    ]);

    expect(
      groups.map(g => [g.category, g.runbooks.map(r => r.id).join()]),
    ).toEqual([
      ['Database', 'b,e'],
      ['Alerts', 'd'],
      ['Other', 'c,a'],
    ]);
  });
});

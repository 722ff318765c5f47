import { OnCallProvider, runbooksOnCallExtensionPoint } from './index';

describe('runbooksOnCallExtensionPoint', () => {
  it('is the extension point the runbooks backend plugin registers', () => {
    expect(runbooksOnCallExtensionPoint.id).toBe('runbooks.on-call');
  });

  it('lets a provider answer who is on call with the documented shape', async () => {
    const provider: OnCallProvider = {
      id: 'rota',
      targetOf: entity => entity.metadata.annotations?.['example.com/rota'],
      async getOnCall({ target, now }) {
        return {
          onCall: [
            {
              level: 1,
              contacts: [{ name: `${target} desk`, uri: 'tel:+15550000' }],
              until: new Date(now.getTime() + 3_600_000).toISOString(),
            },
          ],
        };
      },
    };
    const entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'x', annotations: { 'example.com/rota': 'night' } },
    };
    const target = provider.targetOf!(entity)!;
    const answer = await provider.getOnCall({
      entity,
      target,
      now: new Date('2026-11-23T12:00:00Z'),
    });
    expect(answer.onCall[0]).toEqual({
      level: 1,
      contacts: [{ name: 'night desk', uri: 'tel:+15550000' }],
      until: '2026-11-23T13:00:00.000Z',
    });
  });
});

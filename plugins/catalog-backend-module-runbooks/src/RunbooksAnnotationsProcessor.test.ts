import { Entity } from '@backstage/catalog-model';
import { AlphaEntity } from '@backstage/catalog-model/alpha';
import { RunbooksAnnotationsProcessor } from './RunbooksAnnotationsProcessor';

const location = {
  type: 'url',
  target: 'https://example.com/catalog-info.yaml',
};

function component(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments', annotations },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

async function process(entity: Entity) {
  const emit = jest.fn();
  const result = (await new RunbooksAnnotationsProcessor().postProcessEntity(
    entity,
    location,
    emit,
  )) as AlphaEntity;
  return { result, emit };
}

describe('RunbooksAnnotationsProcessor', () => {
  it('reports a bad annotation on the entity, naming the key, without rejecting it', async () => {
    const entity = component({
      'runbooks/location': 'dir:./runbooks',
      'runbooks/review-interval': 'monthly',
    });
    const { result, emit } = await process(entity);

    expect(emit).not.toHaveBeenCalled();
    expect(result.metadata).toEqual(entity.metadata);
    expect(result.status?.items).toEqual([
      {
        type: 'backstage.io/catalog-processing',
        level: 'error',
        message: expect.stringContaining('runbooks/review-interval'),
        error: {
          name: 'InputError',
          message: expect.stringContaining('runbooks/review-interval'),
        },
      },
    ]);
  });

  it('reports one item per problem', async () => {
    const { result } = await process(
      component({
        'runbooks/location': 'runbooks',
        'runbooks/alerts': 'NodeDown node.md',
        'runbooks/on-call': 'VictorOps team',
        'runbooks/locaton': 'dir:./runbooks',
      }),
    );
    const messages = result.status!.items!.map(item => item.message);
    expect(messages).toHaveLength(4);
    for (const key of [
      'runbooks/location',
      'runbooks/alerts',
      'runbooks/on-call',
      'runbooks/locaton',
    ]) {
      expect(messages.some(message => message.includes(key))).toBe(true);
    }
    expect(
      result.status!.items!.find(i => i.message.includes('locaton'))!.level,
    ).toBe('warning');
  });

  it('leaves an entity with good annotations untouched', async () => {
    const entity = component({
      'runbooks/location': 'dir:./runbooks',
      'runbooks/review-interval': '90d',
      'runbooks/escalation': 'group:payments-oncall, mailto:a@example.com',
      'runbooks/alerts': 'PaymentsDown: down.md#restart',
    });
    const { result } = await process(entity);
    expect(result).toBe(entity);
    expect(result.status).toBeUndefined();
  });

  it('leaves entities without runbooks annotations untouched', async () => {
    const entity = component({ 'backstage.io/techdocs-ref': 'dir:.' });
    expect((await process(entity)).result).toBe(entity);
  });

  it('keeps status items other processors added', async () => {
    const entity = {
      ...component({ 'runbooks/location': '' }),
      status: { items: [{ type: 'other', level: 'info', message: 'hi' }] },
    } as AlphaEntity;
    const { result } = await process(entity);
    expect(result.status!.items!.map(i => i.type)).toEqual([
      'other',
      'backstage.io/catalog-processing',
    ]);
  });
});

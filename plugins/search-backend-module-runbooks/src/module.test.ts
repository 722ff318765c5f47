import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import {
  readRunbooksCollatorSchedule,
  searchModuleRunbooksCollator,
} from './module';

describe('searchModuleRunbooksCollator', () => {
  it('registers the runbook collator with the search backend', async () => {
    const registry = { addCollator: jest.fn(), addDecorator: jest.fn() };
    await startTestBackend({
      extensionPoints: [[searchIndexRegistryExtensionPoint, registry]],
      features: [searchModuleRunbooksCollator],
    });
    expect(registry.addCollator).toHaveBeenCalledTimes(1);
    const { factory, schedule } = registry.addCollator.mock.calls[0][0];
    expect(factory.type).toBe('runbook');
    expect(factory.visibilityPermission).toBe(catalogEntityReadPermission);
    expect(schedule.run).toEqual(expect.any(Function));
  });

  it('reads the schedule from config, every 10 minutes by default', () => {
    expect(
      readRunbooksCollatorSchedule(mockServices.rootConfig()),
    ).toMatchObject({ frequency: { minutes: 10 } });
    expect(
      readRunbooksCollatorSchedule(
        mockServices.rootConfig({
          data: {
            search: {
              collators: {
                runbooks: {
                  schedule: {
                    frequency: { minutes: 2 },
                    timeout: { minutes: 1 },
                  },
                },
              },
            },
          },
        }),
      ),
    ).toMatchObject({ frequency: { minutes: 2 }, timeout: { minutes: 1 } });
  });
});

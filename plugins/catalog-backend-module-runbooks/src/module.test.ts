import { startTestBackend } from '@backstage/backend-test-utils';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { catalogModuleRunbooksAnnotations } from './module';
import { RunbooksAnnotationsProcessor } from './RunbooksAnnotationsProcessor';

describe('catalogModuleRunbooksAnnotations', () => {
  it('adds the runbooks annotations processor to the catalog', async () => {
    const extensionPoint = {
      addProcessor: jest.fn(),
      addEntityProvider: jest.fn(),
      addPlaceholderResolver: jest.fn(),
      setOnProcessingErrorHandler: jest.fn(),
    };
    await startTestBackend({
      extensionPoints: [[catalogProcessingExtensionPoint, extensionPoint]],
      features: [catalogModuleRunbooksAnnotations],
    });
    expect(extensionPoint.addProcessor).toHaveBeenCalledWith(
      expect.any(RunbooksAnnotationsProcessor),
    );
  });
});

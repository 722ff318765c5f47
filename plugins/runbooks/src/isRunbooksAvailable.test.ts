import { entity, entityWithoutAnnotation } from './__testUtils__/fixtures';
import { isRunbooksAvailable } from './isRunbooksAvailable';

describe('isRunbooksAvailable', () => {
  it('is true only when runbooks/location names something', () => {
    expect(isRunbooksAvailable(entity)).toBe(true);
    expect(isRunbooksAvailable(entityWithoutAnnotation)).toBe(false);
    expect(
      isRunbooksAvailable({
        ...entity,
        metadata: { name: 'x', annotations: { 'runbooks/location': '  ' } },
      }),
    ).toBe(false);
  });
});

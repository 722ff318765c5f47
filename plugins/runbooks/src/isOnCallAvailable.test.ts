import { Entity } from '@backstage/catalog-model';
import { isOnCallAvailable } from './isOnCallAvailable';

function withAnnotations(annotations?: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'x', annotations },
  };
}

describe('isOnCallAvailable', () => {
  it.each([
    [{ 'runbooks/escalation': 'group:payments' }],
    [{ 'runbooks/on-call': 'schedule:./oncall.yaml' }],
    [{ 'runbooks/on-call': 'not even valid' }],
    [{ 'pagerduty.com/service-id': 'PABC123' }],
    [{ 'opsgenie.com/team': 'payments' }],
  ])('shows the on-call card for %j', annotations => {
    expect(isOnCallAvailable(withAnnotations(annotations))).toBe(true);
  });

  it.each([
    [undefined],
    [{}],
    [{ 'runbooks/location': 'dir:./runbooks' }],
    [{ 'runbooks/escalation': '  ' }],
  ])('hides it for %j', annotations => {
    expect(isOnCallAvailable(withAnnotations(annotations))).toBe(false);
  });
});

import { parseEscalationAnnotation } from './escalation';

describe('parseEscalationAnnotation', () => {
  it('reads levels and contacts, normalising entity refs', () => {
    const { value, problems } = parseEscalationAnnotation(
      'group:payments-oncall\nuser:default/jane.doe & slack:#payments, mailto:leads@example.com & tel:+15550100',
    );
    expect(problems).toEqual([]);
    expect(value).toEqual([
      {
        level: 1,
        contacts: [
          {
            ref: 'group:default/payments-oncall',
            name: 'group:payments-oncall',
          },
        ],
      },
      {
        level: 2,
        contacts: [
          { ref: 'user:default/jane.doe', name: 'user:default/jane.doe' },
          { uri: 'slack:#payments', name: '#payments' },
        ],
      },
      {
        level: 3,
        contacts: [
          { uri: 'mailto:leads@example.com', name: 'leads@example.com' },
          { uri: 'tel:+15550100', name: '+15550100' },
        ],
      },
    ]);
  });

  it('reports entries that are neither refs nor contact URIs', () => {
    const { value, problems } = parseEscalationAnnotation(
      'call Bob, group:sre',
    );
    expect(value).toHaveLength(1);
    expect(problems[0].message).toContain('"call Bob"');
  });
});

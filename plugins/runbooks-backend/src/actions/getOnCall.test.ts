import { InputError, NotFoundError } from '@backstage/errors';
import {
  outsider,
  startActionsBackend,
} from './__testUtils__/startActionsBackend';

jest.setTimeout(60_000);

describe('get-on-call', () => {
  let backend: Awaited<ReturnType<typeof startActionsBackend>>;
  beforeAll(async () => {
    backend = await startActionsBackend();
  });

  it('answers who is on call now, the escalation and the severity ladder', async () => {
    const answer = await backend.invoke('get-on-call', {
      entityRef: 'payments',
    });
    expect(answer).toMatchObject({
      entityRef: 'component:default/payments',
      provider: 'schedule',
      onCallNow: [
        {
          level: 1,
          contacts: [
            expect.objectContaining({
              ref: 'user:default/jane.doe',
              name: 'Jane Doe',
              email: 'jane.doe@example.com',
            }),
          ],
        },
      ],
      escalation: [
        { level: 1, contacts: [expect.objectContaining({ name: 'Jane Doe' })] },
        {
          level: 2,
          contacts: [
            { uri: 'mailto:leads@example.com', name: 'leads@example.com' },
          ],
        },
      ],
      severities: expect.arrayContaining([
        expect.objectContaining({ name: 'P0', respondWithin: '15m' }),
      ]),
      problems: [],
    });
  });

  it('gives a user nothing of an entity they may not read', async () => {
    await expect(
      backend.invoke('get-on-call', { entityRef: 'ledger' }, outsider),
    ).rejects.toThrow(NotFoundError);
  });

  it('refuses input without an entity', async () => {
    await expect(backend.invoke('get-on-call', {})).rejects.toThrow(InputError);
  });
});

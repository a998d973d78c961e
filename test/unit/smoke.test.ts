import { describe, expect, it } from 'vitest';
import { Ticket } from '../../utils/psa/model';

describe('model', () => {
  it('rejects a ticket without a status', () => {
    expect(Ticket.safeParse({ id: '1' }).success).toBe(false);
  });
});

import type { Principal } from '@eron/shared';
import {
  exitRecipients,
  exitRefusal,
  statusAfterExit,
  transferOrderer,
  transferRecipient,
  treatmentRefusal,
} from '../src/movements/movements.rules';

const who = (roles: Principal['roles'], erons: string[], national = false): Principal => ({ sub: 't', roles, erons, national });

describe('movements rules', () => {
  it('CLS-20 the DG orders; a regional director only with delegation and within their establishments', () => {
    expect(transferOrderer(who(['dg'], [], true), '113', '114', undefined)).toEqual({ as: 'dg' });
    expect(transferOrderer(who(['regional_director'], ['113', '114']), '113', '114', 'Res. 44')).toEqual({ as: 'regional_director' });
    expect(transferOrderer(who(['regional_director'], ['113', '114']), '113', '114', undefined)).toMatchObject({ status: 422 });
    expect(transferOrderer(who(['regional_director'], ['113']), '113', '114', 'Res. 44')).toMatchObject({ status: 403 });
    expect(transferOrderer(who(['director'], ['113']), '113', '114', 'Res. 44')).toMatchObject({ status: 403 });
  });

  it('CLS-20 the judge for sentenced PPL, the disposing authority otherwise', () => {
    expect(transferRecipient('condenado')).toBe('judge');
    expect(transferRecipient('sindicado')).toBe('judicial_authority');
    expect(transferRecipient('extradicion')).toBe('judicial_authority');
  });

  it('CLS-21 exits: judicial decision, who is notified, what status follows', () => {
    expect(exitRefusal('admitted', 'release', false)).not.toBeNull();
    expect(exitRefusal('admitted', 'house_arrest', true)).toBeNull();
    expect(exitRefusal('house_arrest', 'escape', false)).toBeNull();
    expect(exitRefusal('house_arrest', 'death', false)).not.toBeNull();
    expect(exitRefusal('in_transit', 'escape', false)).not.toBeNull();
    expect(exitRefusal('released', 'escape', false)).not.toBeNull();
    expect(exitRecipients.escape).toEqual(['police', 'dg']);
    expect(exitRecipients.death).toEqual(['regional_director', 'dg', 'local_authorities', 'relatives']);
    expect(statusAfterExit.house_arrest).toBe('house_arrest');
  });

  it('CLS-22 sentenced PPL only, and something must change', () => {
    expect(treatmentRefusal('condenado', 'admitted', { phase: 'trust' })).toBeNull();
    expect(treatmentRefusal('sindicado', 'admitted', { phase: 'trust' })).not.toBeNull();
    expect(treatmentRefusal('condenado', 'admitted', {})).not.toBeNull();
    expect(treatmentRefusal('condenado', 'released', { securityLevel: 3 })).not.toBeNull();
  });
});

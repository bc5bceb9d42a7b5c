import { describeRouteSweep } from '@eron/shared/testing';
import { seedSpecial, specialCalls, specialPlaceholder, specialRules } from './support/special.routes';
import { startVisits } from './support/visits.world';

/** PLT-03, PLT-04, PLT-18 for the intimate, lawyer and official visit routes (VIS-11 … VIS-15). */
describeRouteSweep({
  service: 'visits',
  start: async () => {
    const w = await startVisits();
    try {
      return { app: w.app, fixtures: await seedSpecial(w), stop: w.close };
    } catch (err) {
      await w.close();
      throw err;
    }
  },
  calls: specialCalls,
  placeholder: specialPlaceholder,
  crossEstablishment: 'every-role-narrowed',
  rules: specialRules,
  defaultRule: 'VIS-11',
});

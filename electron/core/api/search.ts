import type { Handlers } from './types.js';

type SearchHandlers = Pick<Handlers, Extract<keyof Handlers, `search.${string}` | `places.${string}`>>;

export const searchHandlers: SearchHandlers = {
  'search.query': async (input, { services }) =>
    services.search.query(input.text, {
      connection: input.connection,
      limit: input.limit,
      refreshInBackground: true,
    }),

  'search.vendor': async (input, { services, signal }) =>
    services.search.vendorSearch(input.text, input.connection, input.limit, signal),

  'places.list': async (_input, { services }) => services.settings.places(),

  'places.star': async (input, { services }) => {
    services.settings.setStarred(input.place, input.isStarred);
    return services.settings.places();
  },

  'places.opened': async (input, { services }) => {
    services.settings.addRecent(input.place);
    return services.settings.places();
  },
};

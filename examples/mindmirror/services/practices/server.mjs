// practices: meditation sessions (an Activity, like movements' workouts) and minutes meditated.
import { readFileSync } from 'node:fs';
import { TODAY } from '../../lib/clock.mjs';
import { openDatabase } from '../../lib/db.mjs';
import { serve } from '../../lib/serve.mjs';

const typeDefs = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');
const SELECT = 'SELECT id, title, minutes, technique, started_at AS startedAt FROM sessions';

const resolvers = {
  Activity: {
    __resolveType: () => 'MeditationSession', // the only Activity this service knows
  },
  MeditationSession: {
    __resolveReference: ({ id }, { db }) => db.prepare(`${SELECT} WHERE id = ?`).get(id) ?? null,
  },
  User: {
    __resolveReference: ({ id }) => ({ id }),
    sessions: ({ id }, _, { db }) => db.prepare(`${SELECT} WHERE user_id = ? ORDER BY started_at, rowid`).all(id),
    minutesMeditatedToday: ({ id }, _, { db }) =>
      db.prepare('SELECT COALESCE(SUM(minutes), 0) FROM sessions WHERE user_id = ? AND substr(started_at, 1, 10) = ?')
        .pluck().get(id, TODAY),
  },
};

serve({ name: 'practices', typeDefs, resolvers, ready: () => openDatabase('practices') });

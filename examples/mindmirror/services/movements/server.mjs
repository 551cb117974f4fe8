// movements: workouts (an Activity, like practices' meditation sessions) and minutes moved.
import { readFileSync } from 'node:fs';
import { TODAY } from '../../lib/clock.mjs';
import { openDatabase } from '../../lib/db.mjs';
import { serve } from '../../lib/serve.mjs';

const typeDefs = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');
const SELECT = 'SELECT id, title, minutes, kind, started_at AS startedAt FROM workouts';

const resolvers = {
  Activity: {
    __resolveType: () => 'Workout', // the only Activity this service knows
  },
  Workout: {
    __resolveReference: ({ id }, { db }) => db.prepare(`${SELECT} WHERE id = ?`).get(id) ?? null,
  },
  User: {
    __resolveReference: ({ id }) => ({ id }),
    workouts: ({ id }, _, { db }) => db.prepare(`${SELECT} WHERE user_id = ? ORDER BY started_at, rowid`).all(id),
    minutesMovedToday: ({ id }, _, { db }) =>
      db.prepare('SELECT COALESCE(SUM(minutes), 0) FROM workouts WHERE user_id = ? AND substr(started_at, 1, 10) = ?')
        .pluck().get(id, TODAY),
  },
};

serve({ name: 'movements', typeDefs, resolvers, ready: () => openDatabase('movements') });

// habits: the user's habits, their streaks and what was done today.
import { readFileSync } from 'node:fs';
import { TODAY } from '../../lib/clock.mjs';
import { openDatabase } from '../../lib/db.mjs';
import { serve } from '../../lib/serve.mjs';

const typeDefs = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');
const COLUMNS = 'id, name, frequency, streak, last_done IS ? AS completedToday';
const habit = (row) => row && { ...row, completedToday: row.completedToday === 1 };
const findHabit = (db, id) => habit(db.prepare(`SELECT ${COLUMNS} FROM habits WHERE id = ?`).get(TODAY, id)) ?? null;
const daysSince = (day) => (Date.parse(TODAY) - Date.parse(day)) / 86_400_000;

const resolvers = {
  Mutation: {
    completeHabit(_, { id }, { db }) {
      const row = db.prepare('SELECT frequency, streak, last_done AS lastDone FROM habits WHERE id = ?').get(id);
      if (!row) return null;
      if (row.lastDone !== TODAY) {
        // The streak goes on when the previous completion was yesterday (DAILY) or this week (WEEKLY).
        const gap = row.lastDone ? daysSince(row.lastDone) : Infinity;
        const kept = row.frequency === 'DAILY' ? gap === 1 : gap <= 7;
        db.prepare('UPDATE habits SET streak = ?, last_done = ? WHERE id = ?').run(kept ? row.streak + 1 : 1, TODAY, id);
      }
      return findHabit(db, id);
    },
  },
  Habit: {
    __resolveReference: ({ id }, { db }) => findHabit(db, id),
  },
  User: {
    __resolveReference: ({ id }) => ({ id }),
    habits: ({ id }, _, { db }) =>
      db.prepare(`SELECT ${COLUMNS} FROM habits WHERE user_id = ? ORDER BY rowid`).all(TODAY, id).map(habit),
    currentStreak: ({ id }, _, { db }) =>
      db.prepare('SELECT COALESCE(MAX(streak), 0) FROM habits WHERE user_id = ?').pluck().get(id),
    habitsCompletedToday: ({ id }, _, { db }) =>
      db.prepare('SELECT COUNT(*) FROM habits WHERE user_id = ? AND last_done = ?').pluck().get(id, TODAY),
  },
};

serve({ name: 'habits', typeDefs, resolvers, ready: () => openDatabase('habits') });

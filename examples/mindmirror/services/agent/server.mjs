// agent: the coach. It reads the day's numbers from the other services (@requires) and keeps
// its own notes about each user.
import { readFileSync } from 'node:fs';
import { NOW } from '../../lib/clock.mjs';
import { nextId, openDatabase } from '../../lib/db.mjs';
import { serve } from '../../lib/serve.mjs';
import { coachInsight } from './coach.mjs';

const typeDefs = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');

const resolvers = {
  Mutation: {
    saveNote(_, { userId, text }, { db }) {
      if (!text.trim()) throw new Error('a note cannot be empty');
      db.prepare('INSERT INTO notes (id, user_id, text, written_at) VALUES (?, ?, ?, ?)').run(
        nextId(db, 'notes', 'n'), userId, text.trim(), NOW,
      );
      return text.trim();
    },
  },
  User: {
    // The representation carries the @requires fields: currentStreak, latestMood, caloriesToday, ...
    __resolveReference: (representation) => representation,
    coach: (user) => coachInsight(user),
    notes: ({ id }, _, { db }) => db.prepare('SELECT text FROM notes WHERE user_id = ? ORDER BY rowid').pluck().all(id),
  },
};

serve({ name: 'agent', typeDefs, resolvers, ready: () => openDatabase('agent') });

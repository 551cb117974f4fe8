// journal: the users' journal entries and moods. It keeps each author's name, so it provides
// `JournalEntry.author { name }` itself.
import { readFileSync } from 'node:fs';
import { NOW } from '../../lib/clock.mjs';
import { nextId, openDatabase } from '../../lib/db.mjs';
import { serve } from '../../lib/serve.mjs';

const typeDefs = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');
const SELECT = `SELECT e.id, e.written_at AS writtenAt, e.title, e.body, e.mood, e.user_id AS userId, a.name AS authorName
                FROM entries e JOIN authors a ON a.user_id = e.user_id`;
const findEntry = (db, id) => db.prepare(`${SELECT} WHERE e.id = ?`).get(id) ?? null;

const resolvers = {
  Query: {
    journalEntry: (_, { id }, { db }) => findEntry(db, id),
  },
  Mutation: {
    writeEntry(_, { userId, body, mood }, { db }) {
      if (!db.prepare('SELECT 1 FROM authors WHERE user_id = ?').get(userId)) {
        throw new Error(`the journal has no author ${userId}`);
      }
      const id = nextId(db, 'entries', 'j');
      db.prepare('INSERT INTO entries (id, user_id, written_at, body, mood) VALUES (?, ?, ?, ?, ?)').run(
        id, userId, NOW, body, mood ?? null,
      );
      return findEntry(db, id);
    },
  },
  JournalEntry: {
    __resolveReference: ({ id }, { db }) => findEntry(db, id),
    author: (entry) => ({ id: entry.userId, name: entry.authorName }),
  },
  User: {
    __resolveReference: ({ id }) => ({ id }),
    journalEntries: ({ id }, _, { db }) =>
      db.prepare(`${SELECT} WHERE e.user_id = ? ORDER BY e.written_at, e.rowid`).all(id),
    latestMood: ({ id }, _, { db }) =>
      db.prepare('SELECT mood FROM entries WHERE user_id = ? AND mood IS NOT NULL ORDER BY written_at DESC, rowid DESC')
        .pluck().get(id) ?? null,
  },
};

serve({ name: 'journal', typeDefs, resolvers, ready: () => openDatabase('journal') });

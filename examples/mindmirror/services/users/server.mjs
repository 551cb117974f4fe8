// users: the members' profiles (id, name, email, time zone).
import { readFileSync } from 'node:fs';
import { openDatabase } from '../../lib/db.mjs';
import { serve } from '../../lib/serve.mjs';

const typeDefs = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');
const ME = 'u1';

const findUser = (db, id) => db.prepare('SELECT id, name, email, timezone FROM users WHERE id = ?').get(id) ?? null;

const resolvers = {
  Query: {
    me: (_, __, { db }) => findUser(db, ME),
    user: (_, { id }, { db }) => findUser(db, id),
    users: (_, __, { db }) => db.prepare('SELECT id, name, email, timezone FROM users ORDER BY id').all(),
  },
  Mutation: {
    renameUser(_, { id, name }, { db }) {
      if (!name.trim()) throw new Error('a name cannot be empty');
      db.prepare('UPDATE users SET name = ? WHERE id = ?').run(name.trim(), id);
      return findUser(db, id);
    },
  },
  User: {
    __resolveReference: ({ id }, { db }) => findUser(db, id),
  },
};

serve({ name: 'users', typeDefs, resolvers, ready: () => openDatabase('users') });

// meals: what the users ate, with calories and protein.
import { readFileSync } from 'node:fs';
import { NOW, TODAY } from '../../lib/clock.mjs';
import { nextId, openDatabase } from '../../lib/db.mjs';
import { serve } from '../../lib/serve.mjs';

const typeDefs = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');
const SELECT = 'SELECT id, name, eaten_at AS eatenAt, calories, protein_grams AS proteinGrams FROM meals';
const findMeal = (db, id) => db.prepare(`${SELECT} WHERE id = ?`).get(id) ?? null;

const resolvers = {
  Mutation: {
    logMeal(_, { userId, name, calories, proteinGrams }, { db }) {
      if (calories < 0 || proteinGrams < 0) throw new Error('calories and proteinGrams cannot be negative');
      const id = nextId(db, 'meals', 'm');
      db.prepare(
        'INSERT INTO meals (id, user_id, name, eaten_at, calories, protein_grams) VALUES (?, ?, ?, ?, ?, ?)',
      ).run(id, userId, name, NOW, calories, proteinGrams);
      return findMeal(db, id);
    },
  },
  Meal: {
    __resolveReference: ({ id }, { db }) => findMeal(db, id),
  },
  User: {
    __resolveReference: ({ id }) => ({ id }),
    meals: ({ id }, _, { db }) => db.prepare(`${SELECT} WHERE user_id = ? ORDER BY eaten_at, rowid`).all(id),
    caloriesToday: ({ id }, _, { db }) =>
      db.prepare('SELECT COALESCE(SUM(calories), 0) FROM meals WHERE user_id = ? AND substr(eaten_at, 1, 10) = ?')
        .pluck().get(id, TODAY),
  },
};

serve({ name: 'meals', typeDefs, resolvers, ready: () => openDatabase('meals') });

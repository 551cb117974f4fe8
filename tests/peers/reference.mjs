// The reference side of Junction's differential tests: runs graphql-js over corpus files and
// prints one JSON object per file (JSON Lines). tests/tools/difftool.cpp prints the same
// shape from Junction; tests/differential/compare.mjs runs both and compares.
//
//   node reference.mjs language FILE...            print(parse(doc)) or the syntax error
//   node reference.mjs schema FILE...              SDL + schema validation, printSchema, introspection
//   node reference.mjs validate SCHEMA FILE...     operation validation errors
//   node reference.mjs variables FILE...           variable coercion ({schema, operation, variables})
import fs from 'node:fs';
import path from 'node:path';
import {
  parse, print, buildASTSchema, validateSchema, printSchema, validate, specifiedRules,
  getIntrospectionQuery, graphqlSync, getOperationAST, GraphQLError,
} from 'graphql';
import { validateSDL } from 'graphql/validation/validate.js';
import { getVariableValues } from 'graphql/execution/values.js';

const formatError = (error) => {
  const out = { message: error.message };
  if (error.locations && error.locations.length) out.locations = error.locations;
  return out;
};

function parseFile(file) {
  const text = fs.readFileSync(file, 'utf8');
  try {
    return { document: parse(text) };
  } catch (error) {
    if (error instanceof GraphQLError) return { errors: [formatError(error)] };
    return { crash: String(error) };
  }
}

function buildSchemaFromFile(file) {
  const parsed = parseFile(file);
  if (!parsed.document) return parsed;
  const sdlErrors = validateSDL(parsed.document);
  if (sdlErrors.length) return { errors: sdlErrors.map(formatError) };
  const schema = buildASTSchema(parsed.document, { assumeValidSDL: true });
  return { schema, errors: validateSchema(schema).map(formatError) };
}

function language(file) {
  const parsed = parseFile(file);
  if (!parsed.document) return { file, ...parsed };
  return { file, output: print(parsed.document) };
}

function schemaMode(file) {
  const built = buildSchemaFromFile(file);
  if (!built.schema) return { file, ...built };
  const result = { file, errors: built.errors };
  try {
    result.printed = printSchema(built.schema);
  } catch (error) {
    result.printed = { crash: String(error) };
  }
  if (built.errors.length === 0) {
    const response = graphqlSync({ schema: built.schema, source: getIntrospectionQuery() });
    result.introspection = JSON.parse(JSON.stringify(response));
  }
  return result;
}

const schemaCache = new Map();
function validateMode(schemaFile, file) {
  if (!schemaCache.has(schemaFile)) schemaCache.set(schemaFile, buildSchemaFromFile(schemaFile));
  const built = schemaCache.get(schemaFile);
  if (!built.schema || built.errors.length) return { file, schemaErrors: built.errors ?? built.crash };
  const parsed = parseFile(file);
  if (!parsed.document) return { file, ...parsed };
  return { file, errors: validate(built.schema, parsed.document, specifiedRules).map(formatError) };
}

function variablesMode(file) {
  const spec = JSON.parse(fs.readFileSync(file, 'utf8'));
  const schemaFile = path.resolve(path.dirname(file), spec.schema);
  const built = buildSchemaFromFile(schemaFile);
  if (!built.schema) return { file, schemaErrors: built.errors };
  let document;
  try {
    document = parse(spec.operation);
  } catch (error) {
    return { file, errors: [formatError(error)] };
  }
  const operation = getOperationAST(document, spec.operationName);
  if (!operation) return { file, errors: [{ message: 'no operation' }] };
  const result = getVariableValues(built.schema, operation.variableDefinitions ?? [], spec.variables ?? {}, { maxErrors: 50 });
  if (result.errors) return { file, errors: result.errors.map(formatError) };
  return { file, coerced: JSON.parse(JSON.stringify(result.coerced)) };
}

const [mode, ...args] = process.argv.slice(2);
const lines = [];
if (mode === 'language') for (const f of args) lines.push(language(f));
else if (mode === 'schema') for (const f of args) lines.push(schemaMode(f));
else if (mode === 'validate') for (const f of args.slice(1)) lines.push(validateMode(args[0], f));
else if (mode === 'variables') for (const f of args) lines.push(variablesMode(f));
else {
  console.error('usage: reference.mjs language|schema|validate|variables FILE...');
  process.exit(2);
}
process.stdout.write(lines.map((l) => JSON.stringify(l)).join('\n') + (lines.length ? '\n' : ''));

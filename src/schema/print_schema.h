// Schema to SDL, exactly as graphql-js printSchema writes it.
#pragma once

#include <string>

#include "schema/schema.h"

namespace junction::schema {

// printSchema: the schema definition when needed, then directives (without the specified
// ones) and types (without built-ins) in type-map order, separated by blank lines.
std::string print_schema(const Schema& schema);

// printIntrospectionSchema: the specified directives and the introspection types.
std::string print_introspection_schema(const Schema& schema);

}  // namespace junction::schema

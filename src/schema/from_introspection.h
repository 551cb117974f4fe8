// SDL from an introspection result (graphql-js buildClientSchema, then printSchema): for
// services that answer standard introspection but not federation's `_service { sdl }`.
#pragma once

#include <string>

#include "common/result.h"
#include "json/value.h"

namespace junction::schema {

// `data` is the "data" member of the standard introspection query's result. The SDL written
// here is meant to be parsed and built; errors name what is missing or malformed.
Result<std::string> sdl_from_introspection(const json::Value& data);

}  // namespace junction::schema

// What changed between two versions of a schema, as clients see it: each change is breaking
// (an operation valid before may fail now: a type, field, argument or enum value removed, a
// type changed incompatibly, a required argument or input field added) or safe (added
// elements, output types made non-null, inputs made optional). The control plane refuses a
// deploy whose API schema has breaking changes unless asked to allow them.
#pragma once

#include <string>
#include <vector>

#include "schema/schema.h"

namespace junction::schema {

struct SchemaChange {
  bool breaking = false;
  std::string path;     // "User.email", "Query.user(id:)", "Color.RED", "User"
  std::string message;  // "field User.email was removed"
};

// Changes from `before` to `after`, breaking ones first, each group in `before`'s then
// `after`'s type order. Built-in types and directive definitions are not compared.
std::vector<SchemaChange> diff_schemas(const Schema& before, const Schema& after);

}  // namespace junction::schema

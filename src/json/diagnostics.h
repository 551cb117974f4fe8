// Diagnostics as GraphQL error objects: {"message", "locations": [{"line", "column"}]}, with
// "locations" left out when there are none (as graphql-js's toJSON does).
#pragma once

#include <vector>

#include "common/result.h"
#include "json/value.h"

namespace junction::json {

Value error_object(const Diagnostic& diagnostic);
Value error_list(const std::vector<Diagnostic>& diagnostics);

}  // namespace junction::json

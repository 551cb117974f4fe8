// Type-system validation of a built schema: graphql-js validateSchema, same checks, messages,
// locations and order.
#pragma once

#include <vector>

#include "common/result.h"
#include "schema/schema.h"

namespace junction::schema {

std::vector<Diagnostic> validate_schema(const Schema& schema);

}  // namespace junction::schema

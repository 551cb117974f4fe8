#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "graphql/parser.h"
#include "schema/schema.h"
#include "validation/validate.h"

namespace junction::schema::testing {

// A valid schema from SDL (test fails when it is not).
inline std::shared_ptr<const Schema> schema_of(const std::string& sdl) {
  auto parsed = graphql::parse(sdl, "schema.graphql");
  if (!parsed.ok()) {
    ADD_FAILURE() << parsed.error().message();
    return nullptr;
  }
  auto built = validation::build_schema(std::make_shared<const graphql::Document>(std::move(parsed).value()));
  if (!built.ok()) {
    ADD_FAILURE() << built.error().message();
    return nullptr;
  }
  return std::move(built).value();
}

// The schema even when schema validation finds problems (SDL validation must pass).
inline std::shared_ptr<const Schema> unchecked_schema_of(const std::string& sdl) {
  auto parsed = graphql::parse(sdl, "schema.graphql");
  auto built = build_schema_unchecked(std::make_shared<const graphql::Document>(std::move(parsed).value()));
  if (!built.ok()) ADD_FAILURE() << built.error().message();
  return built.ok() ? std::move(built).value() : nullptr;
}

}  // namespace junction::schema::testing

// The federation model's schema: types found by name through additions, removals, renames and
// copies (its index is an open-addressing table; removals shift entries back).
#include "federation/model.h"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>

namespace junction::federation {
namespace {

// Every name in `expected` is found with its name, and a few others are not.
void expect_index(const Schema& schema, const std::set<std::string>& expected) {
  for (const std::string& name : expected) {
    const Type* type = schema.find_type(name);
    ASSERT_NE(type, nullptr) << name;
    EXPECT_EQ(type->name, name);
  }
  for (const char* absent : {"", "Missing", "T-1"}) EXPECT_EQ(schema.find_type(absent), nullptr) << absent;
  EXPECT_EQ(schema.types().size(), expected.size());
}

TEST(ModelSchemaTest, FindsTypesThroughAdditionsRemovalsAndRenames) {
  Schema schema;
  std::set<std::string> names;
  std::mt19937 random(7);
  for (int step = 0; step < 5000; ++step) {
    std::string name = "T" + std::to_string(random() % 700);
    switch (random() % 4) {
      case 0:
      case 1:
        if (names.insert(name).second) schema.add_type(TypeKind::Object, name);
        break;
      case 2:
        schema.remove_type(name);
        names.erase(name);
        break;
      default: {
        std::string to = "R" + std::to_string(random() % 700);
        if (names.count(name) != 0 && names.count(to) == 0) {
          schema.rename_type(name, to);
          names.erase(name);
          names.insert(to);
        }
      }
    }
    if (step % 500 == 0) expect_index(schema, names);
  }
  expect_index(schema, names);
  Schema copy = schema;
  expect_index(copy, names);
  for (const std::string& name : names) schema.remove_type(name);
  expect_index(schema, {});
  expect_index(copy, names);
}

}  // namespace
}  // namespace junction::federation

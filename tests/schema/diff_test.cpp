#include "schema/diff.h"

#include <gtest/gtest.h>

#include "support.h"

namespace junction::schema {
namespace {

using testing::schema_of;

// "! message" for breaking changes, "+ message" for safe ones, in the order reported.
std::vector<std::string> changes(const std::string& before, const std::string& after) {
  auto old_schema = schema_of(before);
  auto new_schema = schema_of(after);
  std::vector<std::string> out;
  if (!old_schema || !new_schema) return out;
  for (const SchemaChange& change : diff_schemas(*old_schema, *new_schema)) {
    out.push_back((change.breaking ? "! " : "+ ") + change.message);
  }
  return out;
}

using Lines = std::vector<std::string>;

TEST(SchemaDiff, TheSameSchemaHasNoChanges) {
  std::string sdl = "type Query { user(id: ID!): User } type User { id: ID! name: String } enum E { A B }";
  EXPECT_EQ(changes(sdl, sdl), Lines{});
}

TEST(SchemaDiff, AddingIsSafeAndRemovingBreaks) {
  EXPECT_EQ(changes("type Query { a: Int b: String } type Old { x: Int } enum E { A B }",
                    "type Query { a: Int c: E } type New { x: Int } enum E { A C }"),
            (Lines{"! field Query.b was removed", "! type Old was removed", "! enum value E.B was removed",
                   "+ field Query.c was added", "+ enum value E.C was added", "+ type New was added"}));
}

TEST(SchemaDiff, OutputTypesMayOnlyGainNonNull) {
  EXPECT_EQ(changes("type Query { a: Int b: [Int] c: Int! d: Int e: [Int!] }",
                    "type Query { a: Int! b: [Int!]! c: Int d: String e: Int }"),
            (Lines{"! field Query.c changed type from Int! to Int", "! field Query.d changed type from Int to String",
                   "! field Query.e changed type from [Int!] to Int", "+ field Query.a changed type from Int to Int!",
                   "+ field Query.b changed type from [Int] to [Int!]!"}));
}

TEST(SchemaDiff, InputsMayOnlyLoseNonNullAndGainOptionalValues) {
  EXPECT_EQ(changes("type Query { f(a: Int!, b: Int, c: Int): Int } input In { x: Int! y: Int }",
                    "type Query { f(a: Int, b: Int!, d: Int, e: Int! = 1, g: Int!): Int } "
                    "input In { x: Int y: Int z: ID! }"),
            (Lines{"! argument Query.f(b:) changed type from Int to Int!", "! argument Query.f(c:) was removed",
                   "! required argument Query.f(g:) was added", "! required input field In.z was added",
                   "+ argument Query.f(a:) changed type from Int! to Int", "+ argument Query.f(d:) was added",
                   "+ argument Query.f(e:) was added", "+ input field In.x changed type from Int! to Int"}));
}

TEST(SchemaDiff, KindsMembersAndInterfaces) {
  EXPECT_EQ(changes("type Query { s: S n: N } union S = A | B interface N { id: ID } type A implements N { id: ID } "
                    "type B { id: ID } scalar K",
                    "type Query { s: S n: N } union S = A | C interface N { id: ID } type A { id: ID } "
                    "type B { id: ID } type C { id: ID } type K { id: ID }"),
            (Lines{"! member B was removed from S", "! interface N was removed from A",
                   "! type K changed kind from "
                   "SCALAR to OBJECT",
                   "+ member C was added to S", "+ type C was added"}));
}

}  // namespace
}  // namespace junction::schema

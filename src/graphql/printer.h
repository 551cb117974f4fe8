// Prints ASTs in graphql-js print()'s canonical form, byte for byte.
#pragma once

#include <string>
#include <string_view>

#include "graphql/ast.h"

namespace junction::graphql {

// The whole document (definitions separated by a blank line, no trailing newline).
std::string print(const Document& document);

// Any node: a value, a type reference, a selection, a definition.
std::string print(const Node* node);

// A string as a GraphQL string literal, with graphql-js's escapes.
std::string print_string(std::string_view value);

// A string as a block string literal, laid out the way graphql-js's printBlockString does.
std::string print_block_string(std::string_view value);

// Appends print_block_string(value) to `out`, with `indentation` after every newline.
void append_block_string(std::string& out, std::string_view value, std::string_view indentation = {});

// Appends print_string(value) to `out`.
void append_string(std::string& out, std::string_view value);

}  // namespace junction::graphql

// Wording helpers shared by federation and composition messages, as Apollo words them
// (docs/federation/merge.md §0.1).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace junction::federation {

// joinStrings: "a", "a and b", "a, b and c" (separators configurable).
std::string join_strings(const std::vector<std::string>& items, std::string_view separator = ", ",
                         std::string_view first_separator = {}, std::string_view last_separator = " and ");

// printHumanReadableList: `prefix a` / `plural a, b and c`, cut with ", ..." once the summed
// length of the items exceeds `cutoff`.
std::string human_readable_list(const std::vector<std::string>& items, std::string_view prefix, std::string_view plural,
                                size_t cutoff = 100);

// `subgraph "a"` / `subgraphs "a" and "b"`.
std::string subgraph_names(const std::vector<std::string>& names, size_t cutoff = 100);
// `type "A"` / `types "A" and "B"`.
std::string type_names(const std::vector<std::string>& names);

// Federation's suggestionList: Levenshtein distance within floor(0.4 * length) + 1 (a case-only
// difference counts as 1), closest first, ties in localeCompare order.
std::vector<std::string> federation_suggestions(std::string_view input, const std::vector<std::string>& options);
// " Did you mean "x"?", " Did you mean "x" or "y"?", " Did you mean "x", "y", or "z"?" or "".
std::string federation_did_you_mean(const std::vector<std::string>& suggestions);

// JSON.stringify of a string.
std::string quote(std::string_view text);

}  // namespace junction::federation

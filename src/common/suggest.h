// "Did you mean ...?" suggestions, computed and worded the way graphql-js does.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace junction {

// Options within a lexical distance of 40% of the input's length (Damerau-Levenshtein,
// case changes counting as one edit), closest first, ties in natural order.
std::vector<std::string> suggestion_list(std::string_view input, const std::vector<std::string_view>& options);

// " Did you mean "a", "b", or "c"?" (at most five), or "" when there is nothing to suggest.
// `what` is inserted after "Did you mean" ("the enum value").
std::string did_you_mean(const std::vector<std::string>& suggestions, std::string_view what = {});

// graphql-js naturalCompare: digit runs compare as numbers. Returns <0, 0 or >0.
int natural_compare(std::string_view a, std::string_view b);

// `"a", "b", or "c"` (graphql-js quotedOrList, at most five).
std::string quoted_or_list(const std::vector<std::string>& items);

}  // namespace junction

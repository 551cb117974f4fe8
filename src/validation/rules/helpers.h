// Small helpers the rules share.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graphql/ast.h"
#include "schema/schema.h"

namespace junction::validation::rules {

// graphql-js groupBy: items grouped by key, groups in order of first appearance.
template <class T, class Key>
std::vector<std::pair<std::string_view, std::vector<T>>> group_by(const std::vector<T>& items, Key key) {
  std::vector<std::pair<std::string_view, std::vector<T>>> groups;
  for (const T& item : items) {
    std::string_view k = key(item);
    auto it = groups.begin();
    while (it != groups.end() && it->first != k) ++it;
    if (it == groups.end()) {
      groups.push_back({k, {item}});
    } else {
      it->second.push_back(item);
    }
  }
  return groups;
}

template <class T>
std::vector<const T*> to_vector(graphql::List<T> list) {
  return std::vector<const T*>(list.begin(), list.end());
}

inline std::string str(std::string_view text) { return std::string(text); }

}  // namespace junction::validation::rules

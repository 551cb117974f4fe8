// graphql-js OverlappingFieldsCanBeMergedRule: fields that share a response name must be
// mergeable (same field and arguments unless their parents are exclusive, compatible types,
// mergeable sub-selections). This follows graphql-js 16's algorithm step for step, with the
// same memoization, so that the same conflicts are found and reported in the same order.
#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <unordered_map>

#include "validation/rules/helpers.h"
#include "validation/rules/rules.h"

namespace junction::validation::rules {
namespace {

using graphql::Kind;

constexpr size_t kMaxConflictDetailLength = 1000;
constexpr size_t kMaxConflictNodes = 20;
constexpr int64_t kMaxComplexityBudget = 500000;

std::string abbreviate(std::string text) {
  if (text.size() > kMaxConflictDetailLength) {
    text.resize(kMaxConflictDetailLength);
    text += "...";
  }
  return text;
}

struct ArgumentInfo {
  graphql::List<graphql::Argument> nodes;
  std::unordered_map<std::string_view, const graphql::Value*> values;  // the last of a name
};

struct FieldInfo;

struct FieldDetails {
  const schema::NamedType* parent_type = nullptr;
  const graphql::Field* node = nullptr;
  const schema::Field* definition = nullptr;
  bool simple_leaf = false;
  FieldInfo* info = nullptr;
};

struct FieldInfo {
  std::unordered_map<const FieldInfo*, std::optional<std::string>> comparisons;  // nullopt: no conflict
  const schema::NamedType* named_type = nullptr;
  std::optional<ArgumentInfo> arguments;
  std::optional<std::string> type_string;
};

struct Conflict {
  std::string response_name;
  std::string reason;
  std::vector<const graphql::Node*> fields1;
  std::vector<const graphql::Node*> fields2;
};

struct CollectResult;
struct Overlap {
  std::string_view response_name;
  const std::vector<FieldDetails*>* fields1;
  const std::vector<FieldDetails*>* fields2;
};

struct CollectResult {
  std::vector<std::pair<std::string_view, std::vector<FieldDetails*>>> grouped;
  std::unordered_map<std::string_view, size_t> index;
  std::vector<std::string_view> fragment_names;
  std::optional<std::unordered_map<std::string_view, bool>> compared_fragments;
  std::unordered_map<const CollectResult*, std::vector<Overlap>> overlapping;

  [[nodiscard]] const std::vector<FieldDetails*>* find(std::string_view name) const {
    auto it = index.find(name);
    return it == index.end() ? nullptr : &grouped[it->second].second;
  }
};

class OverlappingFieldsCanBeMerged final : public Rule {
 public:
  using Rule::Rule;

  [[nodiscard]] KindSet enter_kinds() const override { return {Kind::SelectionSet}; }

  Visit enter(const graphql::Node* node) override {
    const auto* set = static_cast<const graphql::SelectionSet*>(node);
    auto ancestors = context_.ancestors();
    if (!ancestors.empty() && ancestors.back()->kind == Kind::InlineFragment) return Visit::Continue;
    if (set->selections.size() <= 1 &&
        (set->selections.empty() || set->selections.front()->kind != Kind::InlineFragment)) {
      return Visit::Continue;
    }
    std::vector<Conflict> conflicts = find_conflicts_within(context_.type_info()->parent_type(), set);
    for (Conflict& conflict : conflicts) {
      std::vector<const graphql::Node*> nodes = conflict.fields1;
      nodes.insert(nodes.end(), conflict.fields2.begin(), conflict.fields2.end());
      context_.report("Fields \"" + abbreviate(conflict.response_name) + "\" conflict because " + conflict.reason +
                          ". Use different aliases on the fields to fetch both if this was intentional.",
                      nodes);
    }
    return Visit::Continue;
  }

 private:
  void spend(int64_t cost) {
    budget_ -= cost;
    if (budget_ < 0) {
      context_.report_at("Validation aborted.", {});
      throw ValidationAborted{};
    }
  }

  // ---- Collecting fields ---------------------------------------------------------------

  CollectResult* collect(const schema::NamedType* parent_type, const graphql::SelectionSet* set) {
    auto& by_set = collect_cache_[parent_type];
    if (auto it = by_set.find(set); it != by_set.end()) return it->second;
    results_.emplace_back();
    CollectResult* result = &results_.back();
    collect_into(parent_type, set, *result);
    by_set.emplace(set, result);
    return result;
  }

  void collect_into(const schema::NamedType* parent_type, const graphql::SelectionSet* set, CollectResult& result) {
    for (const graphql::Selection* selection : set->selections) {
      switch (selection->kind) {
        case Kind::Field: {
          const auto* field = static_cast<const graphql::Field*>(selection);
          const schema::Field* definition = nullptr;
          if (parent_type != nullptr &&
              (parent_type->kind == schema::TypeKind::Object || parent_type->kind == schema::TypeKind::Interface)) {
            definition = parent_type->find_field(field->name);
          }
          std::string_view key = field->response_key();
          auto [it, inserted] = result.index.emplace(key, result.grouped.size());
          if (inserted) result.grouped.push_back({key, {}});
          details_.push_back(
              {parent_type, field, definition, field->arguments.empty() && field->selection_set == nullptr, nullptr});
          result.grouped[it->second].second.push_back(&details_.back());
          break;
        }
        case Kind::FragmentSpread: {
          std::string_view name = static_cast<const graphql::FragmentSpread*>(selection)->name;
          if (std::find(result.fragment_names.begin(), result.fragment_names.end(), name) ==
              result.fragment_names.end()) {
            result.fragment_names.push_back(name);
          }
          break;
        }
        case Kind::InlineFragment: {
          const auto* fragment = static_cast<const graphql::InlineFragment*>(selection);
          const schema::NamedType* type = parent_type;
          if (fragment->type_condition != nullptr) type = context_.schema()->find_type(fragment->type_condition->name);
          collect_into(type, fragment->selection_set, result);
          break;
        }
        default: break;
      }
    }
  }

  CollectResult* collect_fragment(const graphql::FragmentDefinition* fragment) {
    return collect(context_.schema()->find_type(fragment->type_condition->name), fragment->selection_set);
  }

  // ---- Finding conflicts ---------------------------------------------------------------

  std::vector<Conflict> find_conflicts_within(const schema::NamedType* parent_type, const graphql::SelectionSet* set) {
    std::vector<Conflict> conflicts;
    CollectResult* result = collect(parent_type, set);
    // (A) Conflicts within the fields of this selection set.
    for (const auto& [name, fields] : result->grouped) {
      for (size_t i = 0; i < fields.size(); ++i) {
        for (size_t j = i + 1; j < fields.size(); ++j) {
          if (auto conflict = find_conflict(false, name, *fields[i], *fields[j]))
            conflicts.push_back(std::move(*conflict));
        }
      }
    }
    const auto& names = result->fragment_names;
    if (!names.empty() && (!result->grouped.empty() || names.size() > 1)) {
      for (size_t i = 0; i < names.size(); ++i) {
        // (B) Fields against each fragment; (C) fragments against each other.
        between_fields_and_fragment(conflicts, false, *result, names[i]);
        for (size_t j = i + 1; j < names.size(); ++j) between_fragments(conflicts, false, names[i], names[j]);
      }
    }
    return conflicts;
  }

  void between_fields_and_fragment(std::vector<Conflict>& conflicts, bool exclusive, CollectResult& result,
                                   std::string_view fragment_name) {
    spend(1);
    if (result.grouped.empty()) return;
    if (!result.compared_fragments) result.compared_fragments.emplace();
    auto& compared = *result.compared_fragments;
    if (auto it = compared.find(fragment_name); it != compared.end()) {
      // Only a comparison that assumed exclusive parents may be redone for overlapping ones.
      if (!it->second || exclusive) return;
    }
    compared[fragment_name] = exclusive;
    const graphql::FragmentDefinition* fragment = context_.fragment(fragment_name);
    if (fragment == nullptr) return;
    CollectResult* other = collect_fragment(fragment);
    if (other == &result) return;
    // (D) The fields against the fragment's fields; (E) against the fragments it spreads.
    between(conflicts, exclusive, result, *other);
    for (std::string_view referenced : std::vector<std::string_view>(other->fragment_names)) {
      between_fields_and_fragment(conflicts, exclusive, result, referenced);
    }
  }

  void between_fragments(std::vector<Conflict>& conflicts, bool exclusive, std::string_view name1,
                         std::string_view name2) {
    spend(2);
    if (name1 == name2) return;
    if (pair_seen(name1, name2, exclusive)) return;
    compared_pairs_[std::string(name1)][std::string(name2)] = exclusive;
    const graphql::FragmentDefinition* fragment1 = context_.fragment(name1);
    const graphql::FragmentDefinition* fragment2 = context_.fragment(name2);
    if (fragment1 == nullptr || fragment2 == nullptr) return;
    CollectResult* result1 = collect_fragment(fragment1);
    CollectResult* result2 = collect_fragment(fragment2);
    // (F) The two fragments' fields; (G) each against the other's nested fragments.
    between(conflicts, exclusive, *result1, *result2);
    for (std::string_view referenced : std::vector<std::string_view>(result2->fragment_names)) {
      between_fragments(conflicts, exclusive, name1, referenced);
    }
    for (std::string_view referenced : std::vector<std::string_view>(result1->fragment_names)) {
      between_fragments(conflicts, exclusive, referenced, name2);
    }
  }

  // graphql-js PairSet: an exclusive comparison is covered by any earlier one; a
  // non-exclusive one only by an earlier non-exclusive one.
  bool pair_seen(std::string_view a, std::string_view b, bool exclusive) {
    auto has = [&](std::string_view x, std::string_view y) {
      auto outer = compared_pairs_.find(std::string(x));
      if (outer == compared_pairs_.end()) return false;
      auto inner = outer->second.find(std::string(y));
      if (inner == outer->second.end()) return false;
      return exclusive ? true : inner->second == exclusive;
    };
    return has(a, b) || has(b, a);
  }

  std::vector<Conflict> between_sub_selections(bool exclusive, const schema::NamedType* parent1,
                                               const graphql::SelectionSet* set1, const schema::NamedType* parent2,
                                               const graphql::SelectionSet* set2) {
    std::vector<Conflict> conflicts;
    CollectResult* result1 = collect(parent1, set1);
    CollectResult* result2 = collect(parent2, set2);
    // (H) Field against field; (I) fields against the other side's fragments; (J) fragments
    // against fragments.
    between(conflicts, exclusive, *result1, *result2);
    for (std::string_view name : std::vector<std::string_view>(result2->fragment_names)) {
      between_fields_and_fragment(conflicts, exclusive, *result1, name);
    }
    for (std::string_view name : std::vector<std::string_view>(result1->fragment_names)) {
      between_fields_and_fragment(conflicts, exclusive, *result2, name);
    }
    for (std::string_view name1 : std::vector<std::string_view>(result1->fragment_names)) {
      for (std::string_view name2 : std::vector<std::string_view>(result2->fragment_names)) {
        between_fragments(conflicts, exclusive, name1, name2);
      }
    }
    return conflicts;
  }

  const std::vector<Overlap>& overlapping(CollectResult& result1, const CollectResult& result2) {
    if (auto it = result1.overlapping.find(&result2); it != result1.overlapping.end()) return it->second;
    std::vector<Overlap> overlaps;
    for (const auto& [name, fields1] : result1.grouped) {
      spend(1);
      if (const auto* fields2 = result2.find(name)) overlaps.push_back({name, &fields1, fields2});
    }
    return result1.overlapping.emplace(&result2, std::move(overlaps)).first->second;
  }

  void between(std::vector<Conflict>& conflicts, bool exclusive, CollectResult& result1, CollectResult& result2) {
    if (result1.grouped.empty() || result2.grouped.empty()) return;
    std::vector<Overlap> overlaps = overlapping(result1, result2);
    for (const Overlap& overlap : overlaps) {
      for (FieldDetails* field1 : *overlap.fields1) {
        for (FieldDetails* field2 : *overlap.fields2) {
          if (auto conflict = find_conflict(exclusive, overlap.response_name, *field1, *field2)) {
            conflicts.push_back(std::move(*conflict));
          }
        }
      }
    }
  }

  FieldInfo& info(FieldDetails& details) {
    if (details.info == nullptr) {
      infos_.emplace_back();
      FieldInfo& info = infos_.back();
      info.named_type = details.definition != nullptr ? details.definition->type->base() : nullptr;
      if (!details.node->arguments.empty()) {
        ArgumentInfo arguments;
        arguments.nodes = details.node->arguments;
        for (const graphql::Argument* argument : details.node->arguments)
          arguments.values[argument->name] = argument->value;
        info.arguments = std::move(arguments);
      }
      details.info = &info;
    }
    return *details.info;
  }

  std::optional<Conflict> find_conflict(bool parents_exclusive, std::string_view response_name, FieldDetails& details1,
                                        FieldDetails& details2) {
    const schema::NamedType* parent1 = details1.parent_type;
    const schema::NamedType* parent2 = details2.parent_type;
    bool exclusive =
        parents_exclusive || (parent1 != parent2 && parent1 != nullptr && parent2 != nullptr &&
                              parent1->kind == schema::TypeKind::Object && parent2->kind == schema::TypeKind::Object);
    spend(2);
    const graphql::Field* node1 = details1.node;
    const graphql::Field* node2 = details2.node;
    const schema::Type* type1 = details1.definition != nullptr ? details1.definition->type : nullptr;
    const schema::Type* type2 = details2.definition != nullptr ? details2.definition->type : nullptr;
    if (details1.simple_leaf && details2.simple_leaf && type1 == type2 && node1->name == node2->name) {
      return std::nullopt;
    }
    if (!exclusive) {
      FieldInfo& info1 = info(details1);
      FieldInfo& info2 = info(details2);
      auto cached = info1.comparisons.find(&info2);
      std::optional<std::string> reason;
      if (cached != info1.comparisons.end()) {
        reason = cached->second;
      } else {
        if (node1->name != node2->name) {
          reason = "\"" + abbreviate(str(node1->name)) + "\" and \"" + abbreviate(str(node2->name)) +
                   "\" are different fields";
        } else if (!same_arguments(info1.arguments, info2.arguments)) {
          reason = "they have differing arguments";
        }
        info1.comparisons.emplace(&info2, reason);
      }
      if (reason) return Conflict{str(response_name), *reason, {node1}, {node2}};
    }
    if (type1 != nullptr && type2 != nullptr && types_conflict(type1, type2)) {
      FieldInfo& info1 = info(details1);
      FieldInfo& info2 = info(details2);
      if (!info1.type_string) info1.type_string = schema::type_to_string(type1);
      if (!info2.type_string) info2.type_string = schema::type_to_string(type2);
      return Conflict{str(response_name),
                      "they return conflicting types \"" + *info1.type_string + "\" and \"" + *info2.type_string + "\"",
                      {node1},
                      {node2}};
    }
    if (node1->selection_set != nullptr && node2->selection_set != nullptr) {
      const schema::NamedType* named1 = info(details1).named_type;
      const schema::NamedType* named2 = info(details2).named_type;
      std::vector<Conflict> conflicts =
          between_sub_selections(exclusive, named1, node1->selection_set, named2, node2->selection_set);
      return subfield_conflicts(conflicts, response_name, node1, node2);
    }
    return std::nullopt;
  }

  static std::optional<Conflict> subfield_conflicts(const std::vector<Conflict>& conflicts,
                                                    std::string_view response_name, const graphql::Field* node1,
                                                    const graphql::Field* node2) {
    if (conflicts.empty()) return std::nullopt;
    std::string message;
    for (const Conflict& conflict : conflicts) {
      if (!message.empty()) message += " and ";
      message += "subfields \"" + abbreviate(conflict.response_name) + "\" conflict because " + conflict.reason;
      if (message.size() > kMaxConflictDetailLength) break;
    }
    auto gather = [&](const graphql::Field* node, bool first) {
      std::vector<const graphql::Node*> nodes{node};
      for (const Conflict& conflict : conflicts) {
        const auto& side = first ? conflict.fields1 : conflict.fields2;
        size_t remaining = kMaxConflictNodes - nodes.size();
        size_t take = std::min(remaining, side.size());
        nodes.insert(nodes.end(), side.end() - static_cast<std::ptrdiff_t>(take), side.end());
        if (nodes.size() == kMaxConflictNodes) break;
      }
      return nodes;
    };
    return Conflict{str(response_name), abbreviate(message), gather(node1, true), gather(node2, false)};
  }

  bool same_arguments(const std::optional<ArgumentInfo>& args1, const std::optional<ArgumentInfo>& args2) {
    if (!args1) return !args2;
    if (!args2 || args1->nodes.size() != args2->nodes.size()) return false;
    for (const graphql::Argument* argument : args1->nodes) {
      spend(1);
      auto other = args2->values.find(argument->name);
      if (other == args2->values.end()) return false;
      if (stringify(argument->value) != stringify(other->second)) return false;
    }
    return true;
  }

  // A canonical text for a value: equal for values graphql-js's stringifyValue deems equal
  // (object fields in name order, string block-ness significant, literal text verbatim).
  const std::string& stringify(const graphql::Value* value) {
    if (auto it = stringified_.find(value); it != stringified_.end()) return it->second;
    std::string out;
    append_canonical(out, value);
    return stringified_.emplace(value, std::move(out)).first->second;
  }
  static void append_canonical(std::string& out, const graphql::Value* value) {
    out += static_cast<char>('A' + static_cast<int>(value->kind));
    switch (value->kind) {
      case Kind::Variable: out += static_cast<const graphql::Variable*>(value)->name; break;
      case Kind::IntValue: out += static_cast<const graphql::IntValue*>(value)->value; break;
      case Kind::FloatValue: out += static_cast<const graphql::FloatValue*>(value)->value; break;
      case Kind::StringValue: {
        const auto* s = static_cast<const graphql::StringValue*>(value);
        out += s->block ? 'b' : 'q';
        out += std::to_string(s->value.size());
        out += ':';
        out += s->value;
        break;
      }
      case Kind::BooleanValue: out += static_cast<const graphql::BooleanValue*>(value)->value ? 't' : 'f'; break;
      case Kind::EnumValue: out += static_cast<const graphql::EnumValue*>(value)->value; break;
      case Kind::ListValue:
        out += '[';
        for (const graphql::Value* item : static_cast<const graphql::ListValue*>(value)->values) {
          append_canonical(out, item);
          out += ',';
        }
        out += ']';
        break;
      case Kind::ObjectValue: {
        auto fields = to_vector(static_cast<const graphql::ObjectValue*>(value)->fields);
        std::stable_sort(
            fields.begin(), fields.end(),
            [](const graphql::ObjectField* a, const graphql::ObjectField* b) { return a->name < b->name; });
        out += '{';
        for (const graphql::ObjectField* field : fields) {
          out += field->name;
          out += ':';
          append_canonical(out, field->value);
          out += ',';
        }
        out += '}';
        break;
      }
      default: break;
    }
    out += '.';
  }

  bool types_conflict(const schema::Type* type1, const schema::Type* type2) {
    if (type1 == type2) return false;
    spend(1);
    if (type1->is_list()) return type2->is_list() ? types_conflict(type1->of_type, type2->of_type) : true;
    if (type2->is_list()) return true;
    if (type1->is_non_null()) return type2->is_non_null() ? types_conflict(type1->of_type, type2->of_type) : true;
    if (type2->is_non_null()) return true;
    if (type1->named->is_leaf() || type2->named->is_leaf()) return type1->named != type2->named;
    return false;
  }

  int64_t budget_ = kMaxComplexityBudget;
  std::unordered_map<const schema::NamedType*, std::unordered_map<const graphql::SelectionSet*, CollectResult*>>
      collect_cache_;
  std::deque<CollectResult> results_;
  std::deque<FieldDetails> details_;
  std::deque<FieldInfo> infos_;
  std::map<std::string, std::map<std::string, bool>> compared_pairs_;
  std::unordered_map<const graphql::Value*, std::string> stringified_;
};

}  // namespace

std::unique_ptr<Rule> overlapping_fields_can_be_merged(Context& context) {
  return std::make_unique<OverlappingFieldsCanBeMerged>(context);
}

}  // namespace junction::validation::rules

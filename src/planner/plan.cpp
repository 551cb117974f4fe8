#include "planner/plan.h"

#include <algorithm>

namespace junction::planner {

namespace {

void indent(std::string& out, int depth) { out.append(static_cast<size_t>(depth) * 2, ' '); }

void append_head(std::string& out, const Selection& selection) {
  if (selection.is_field()) {
    if (!selection.alias.empty()) out += selection.alias + ": ";
    out += selection.name;
    out += selection.arguments;
    if (!selection.constant.empty()) out += " = \"" + selection.constant + "\"";
  } else {
    out += "...";
    if (!selection.type_condition.empty()) out += " on " + selection.type_condition;
  }
  out += selection.directives;
}

void append_pretty(std::string& out, const SelectionSet& set, int depth) {
  out += "{\n";
  for (const Selection& selection : set) {
    indent(out, depth + 1);
    append_head(out, selection);
    if (!selection.children.empty()) {
      out += ' ';
      append_pretty(out, selection.children, depth + 1);
    }
    out += '\n';
  }
  indent(out, depth);
  out += '}';
}

std::string join_path(const ResponsePath& path) {
  std::string out;
  for (const std::string& element : path) {
    if (!out.empty()) out += '.';
    out += element;
  }
  return out;
}

void append_fetch(std::string& out, const Fetch& fetch, int depth) {
  indent(out, depth);
  out += "Fetch(service: \"" + fetch.subgraph_name + "\") {\n";
  indent(out, depth + 1);
  if (fetch.entity) {
    append_pretty(out, fetch.representation, depth + 1);
    out += " =>\n";
    indent(out, depth + 1);
  } else if (fetch.operation_type == graphql::OperationType::Mutation) {
    out += "mutation ";
  }
  append_pretty(out, fetch.selection, depth + 1);
  out += "\n";
  indent(out, depth);
  out += "},\n";
}

void append_node(std::string& out, const Fetch& fetch, int depth) {
  if (!fetch.entity) {
    append_fetch(out, fetch, depth);
    return;
  }
  indent(out, depth);
  out += "Flatten(path: \"" + join_path(fetch.path) + "\") {\n";
  append_fetch(out, fetch, depth + 1);
  indent(out, depth);
  out += "},\n";
}

}  // namespace

void append_compact(std::string& out, const SelectionSet& set) {
  out += '{';
  bool first = true;
  for (const Selection& selection : set) {
    if (!first) out += ' ';
    first = false;
    append_head(out, selection);
    if (!selection.children.empty()) append_compact(out, selection.children);
  }
  out += '}';
}

std::string print_plan(const QueryPlan& plan) {
  std::vector<int> depth(plan.fetches.size(), 0);
  int stages = 0;
  for (const Fetch& fetch : plan.fetches) {
    for (int dependency : fetch.depends_on) {
      depth[static_cast<size_t>(fetch.id)] =
          std::max(depth[static_cast<size_t>(fetch.id)], depth[static_cast<size_t>(dependency)] + 1);
    }
    stages = std::max(stages, depth[static_cast<size_t>(fetch.id)] + 1);
  }
  std::string out = "QueryPlan {\n";
  if (plan.fetches.empty()) {
    out += "}\n";
    return out;
  }
  int base = 1;
  if (stages > 1) {
    indent(out, 1);
    out += "Sequence {\n";
    base = 2;
  }
  for (int stage = 0; stage < stages; ++stage) {
    std::vector<const Fetch*> members;
    for (const Fetch& fetch : plan.fetches) {
      if (depth[static_cast<size_t>(fetch.id)] == stage) members.push_back(&fetch);
    }
    if (members.size() == 1) {
      append_node(out, *members.front(), base);
      continue;
    }
    indent(out, base);
    out += "Parallel {\n";
    for (const Fetch* fetch : members) append_node(out, *fetch, base + 1);
    indent(out, base);
    out += "},\n";
  }
  if (stages > 1) {
    indent(out, 1);
    out += "},\n";
  }
  out += "}\n";
  return out;
}

}  // namespace junction::planner

// `junction plan`: the query plan of an operation against a supergraph, as text.
#include <algorithm>
#include <iostream>

#include "cli/commands.h"
#include "cli/report.h"
#include "common/file.h"
#include "planner/planner.h"
#include "planner/supergraph.h"
#include "validation/validate.h"

namespace junction::cli {

int run_plan(const PlanOptions& options) {
  auto text = read_file(options.supergraph);
  if (!text.ok()) {
    std::cerr << "error: " << text.error().message() << "\n";
    return 1;
  }
  auto supergraph = planner::Supergraph::load(std::move(text).value(), options.supergraph);
  if (!supergraph.ok()) {
    std::cerr << "error: " << supergraph.error().message() << "\n";
    return 1;
  }
  auto loaded = load_document(options.operation);
  if (!loaded.ok()) {
    print_diagnostics(std::cerr, loaded.error());
    return 1;
  }
  std::string name = options.operation == "-" ? "<stdin>" : options.operation;
  const graphql::Document& document = loaded->document;
  std::vector<Diagnostic> errors = validation::validate((*supergraph)->api(), document);
  if (!errors.empty()) {
    for (const Diagnostic& error : errors) std::cerr << located(name, error) << "\n";
    return 1;
  }
  auto operation = planner::select_operation(document, options.operation_name);
  if (!operation.ok()) {
    std::cerr << "error: " << name << ": " << operation.error().message() << "\n";
    return 1;
  }
  planner::OverrideLabels labels = options.override_labels;
  std::sort(labels.begin(), labels.end());
  labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
  auto plan = planner::build_plan(**supergraph, document, **operation, labels);
  if (!plan.ok()) {
    std::cerr << "error: " << name << ": " << plan.error().message() << "\n";
    return 1;
  }
  std::cout << planner::print_plan(**plan);
  return 0;
}

}  // namespace junction::cli

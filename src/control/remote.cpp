#include "control/remote.h"

#include <memory>

#include "graphql/parser.h"
#include "json/read.h"
#include "json/write.h"
#include "schema/from_introspection.h"
#include "schema/introspection.h"
#include "schema/print_schema.h"
#include "validation/validate.h"

namespace junction::control {
namespace {

std::string snippet(std::string_view body) {
  std::string text(body.substr(0, 200));
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return body.size() > 200 ? text + "…" : text;
}

// Posts a GraphQL query and returns the parsed response object.
Result<json::Value> post_query(const std::string& url, const std::string& query, const RemoteOptions& options) {
  json::Value payload = json::Value::object();
  payload.set("query", query);
  net::HttpRequest request;
  request.url = url;
  request.body = json::to_string(payload);
  request.timeout = options.timeout;
  request.headers = {{"content-type", "application/json"}, {"accept", "application/json"}};
  request.headers.insert(request.headers.end(), options.headers.begin(), options.headers.end());
  auto response = net::fetch(request);
  if (!response.ok()) return std::move(response).error();
  auto parsed = json::parse(response->body);
  if (response->status != 200 && (!parsed.ok() || parsed->find("data") == nullptr)) {
    return Error("HTTP " + std::to_string(response->status) + " from " + url + ": " + snippet(response->body));
  }
  if (!parsed.ok() || !parsed->is_object()) {
    return Error("the response from " + url + " is not a JSON object: " + snippet(response->body));
  }
  return std::move(parsed).value();
}

std::string error_messages(const json::Value& response) {
  std::string out;
  if (const json::Value* errors = response.find("errors"); errors != nullptr && errors->is_array()) {
    for (const json::Value& error : errors->as_array()) {
      const json::Value* message = error.find("message");
      if (!out.empty()) out += "; ";
      out += message != nullptr && message->is_string() ? message->as_string() : json::to_string(error);
    }
  }
  return out;
}

}  // namespace

bool is_url(const std::string& source) { return source.starts_with("http://") || source.starts_with("https://"); }

Result<json::Value> fetch_introspection(const std::string& url, const RemoteOptions& options) {
  auto response = post_query(url, schema::introspection_query(), options);
  if (!response.ok()) return response;
  const json::Value* data = response->find("data");
  if (data == nullptr || !data->is_object() || data->find("__schema") == nullptr) {
    std::string errors = error_messages(*response);
    return Error(url + " did not answer the introspection query" + (errors.empty() ? "" : ": " + errors));
  }
  return response;
}

Result<std::string> fetch_subgraph_sdl(const std::string& url, const RemoteOptions& options) {
  auto response = post_query(url, "query SubgraphIntrospectQuery { _service { sdl } }", options);
  if (!response.ok()) return std::move(response).error();
  if (const json::Value* data = response->find("data"); data != nullptr && data->is_object()) {
    const json::Value* service = data->find("_service");
    const json::Value* sdl = service != nullptr ? service->find("sdl") : nullptr;
    if (sdl != nullptr && sdl->is_string()) return sdl->as_string();
  }
  // Not a federation subgraph: read its schema through standard introspection.
  auto introspection = fetch_introspection(url, options);
  if (!introspection.ok()) {
    std::string errors = error_messages(*response);
    return Error(url + " supports neither `_service { sdl }`" + (errors.empty() ? "" : " (" + errors + ")") +
                 " nor introspection: " + introspection.error().message());
  }
  auto sdl = schema::sdl_from_introspection(*introspection->find("data"));
  if (!sdl.ok()) return Error(url + ": " + sdl.error().message());
  auto parsed = graphql::parse(std::move(sdl).value(), url);
  if (!parsed.ok())
    return Error(url + ": its introspection does not describe a valid schema: " + parsed.error().message());
  auto built = validation::build_schema(std::make_shared<const graphql::Document>(std::move(parsed).value()));
  if (!built.ok())
    return Error(url + ": its introspection does not describe a valid schema: " + built.error().message());
  return schema::print_schema(**built);
}

}  // namespace junction::control

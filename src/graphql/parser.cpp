#include "graphql/parser.h"

#include <string>
#include <vector>

#include "graphql/lexer.h"

namespace junction::graphql {
namespace {

bool is_directive_location(std::string_view name) {
  static constexpr std::string_view kLocations[] = {"QUERY",
                                                    "MUTATION",
                                                    "SUBSCRIPTION",
                                                    "FIELD",
                                                    "FRAGMENT_DEFINITION",
                                                    "FRAGMENT_SPREAD",
                                                    "INLINE_FRAGMENT",
                                                    "VARIABLE_DEFINITION",
                                                    "SCHEMA",
                                                    "SCALAR",
                                                    "OBJECT",
                                                    "FIELD_DEFINITION",
                                                    "ARGUMENT_DEFINITION",
                                                    "INTERFACE",
                                                    "UNION",
                                                    "ENUM",
                                                    "ENUM_VALUE",
                                                    "INPUT_OBJECT",
                                                    "INPUT_FIELD_DEFINITION",
                                                    "DIRECTIVE_DEFINITION"};
  for (std::string_view location : kLocations) {
    if (location == name) return true;
  }
  return false;
}

// Recursive descent over the token stream. The first error is recorded and turns the current
// token into an Error token, which no rule accepts: every loop then ends and the parse
// unwinds without exceptions; the partial tree is discarded.
class Parser {
 public:
  Parser(std::string_view text, Arena& arena, const ParseOptions& options)
      : text_(text), lexer_(text), arena_(arena), options_(options) {}

  List<Definition> parse_document() {
    advance();  // past <SOF>
    size_t mark = stack_.size();
    do {
      push(parse_definition());
    } while (ok() && !expect_optional(TokenKind::kEOF));
    return finish_list<Definition>(mark);
  }

  [[nodiscard]] bool ok() const { return !failed_; }
  [[nodiscard]] const std::string& error_message() const { return error_message_; }
  [[nodiscard]] uint32_t error_position() const { return error_position_; }

 private:
  // ---- Tokens --------------------------------------------------------------------------

  void fail(uint32_t position, std::string message) {
    if (failed_) return;
    failed_ = true;
    error_position_ = position;
    error_message_ = "Syntax Error: " + std::move(message);
    token_ = {TokenKind::kError, false, false, position, position};
  }

  void take_lexer_error() { fail(lexer_.error().position, lexer_.error().message); }

  void advance() {
    if (failed_) return;
    prev_end_ = token_.end;
    token_ = lexer_.next();
    if (token_.kind == TokenKind::kError) {
      take_lexer_error();
      return;
    }
    if (token_.kind != TokenKind::kEOF && ++token_count_ > options_.max_tokens) {
      fail(token_.start,
           "Document contains more than " + std::to_string(options_.max_tokens) + " tokens. Parsing aborted.");
    }
  }

  // The token after the current one, without consuming anything.
  Token lookahead() {
    if (failed_) return token_;
    Lexer copy = lexer_;
    Token next = copy.next();
    if (next.kind == TokenKind::kError) {
      fail(copy.error().position, copy.error().message);
      return token_;
    }
    return next;
  }

  [[nodiscard]] std::string_view token_text(const Token& token) const {
    return text_.substr(token.start, token.end - token.start);
  }

  // graphql-js's token value: the text of names and numbers, the cooked value of strings.
  std::string_view token_value(const Token& token) {
    switch (token.kind) {
      case TokenKind::kName:
      case TokenKind::kInt:
      case TokenKind::kFloat: return token_text(token);
      case TokenKind::kString:
      case TokenKind::kBlockString: return cook_string(text_, token, arena_);
      default: return {};
    }
  }
  static bool has_value(TokenKind kind) {
    return kind == TokenKind::kName || kind == TokenKind::kInt || kind == TokenKind::kFloat ||
           kind == TokenKind::kString || kind == TokenKind::kBlockString;
  }

  std::string describe(const Token& token) {
    std::string out(token_kind_description(token.kind));
    if (has_value(token.kind)) {
      out += " \"";
      out += token_value(token);
      out += '"';
    }
    return out;
  }

  [[nodiscard]] bool peek(TokenKind kind) const { return token_.kind == kind; }
  [[nodiscard]] bool peek_keyword(std::string_view keyword) const {
    return token_.kind == TokenKind::kName && token_text(token_) == keyword;
  }

  void unexpected(const Token& token) {
    if (failed_) return;
    fail(token.start, "Unexpected " + describe(token) + ".");
  }
  void unexpected() { unexpected(token_); }

  Token expect(TokenKind kind) {
    Token token = token_;
    if (token.kind == kind) {
      advance();
      return token;
    }
    if (!failed_) {
      fail(token.start, "Expected " + std::string(token_kind_description(kind)) + ", found " + describe(token) + ".");
    }
    return token;
  }
  bool expect_optional(TokenKind kind) {
    if (token_.kind != kind) return false;
    advance();
    return true;
  }
  void expect_keyword(std::string_view keyword) {
    if (peek_keyword(keyword)) {
      advance();
    } else if (!failed_) {
      fail(token_.start, "Expected \"" + std::string(keyword) + "\", found " + describe(token_) + ".");
    }
  }
  bool expect_optional_keyword(std::string_view keyword) {
    if (!peek_keyword(keyword)) return false;
    advance();
    return true;
  }

  // ---- Nodes and lists -----------------------------------------------------------------

  template <class T>
  T* make(uint32_t start, Kind kind = T::kKind) {
    T* node = arena_.make<T>();
    node->kind = kind;
    node->loc.start = start;
    return node;
  }
  template <class T>
  T* finish(T* node) {
    node->loc.end = prev_end_;
    return node;
  }

  void push(const void* item) { stack_.push_back(item); }
  template <class T>
  List<T> finish_list(size_t mark) {
    size_t count = stack_.size() - mark;
    if (count == 0) return {};
    auto* out = static_cast<const T**>(arena_.allocate(sizeof(const T*) * count, alignof(const T*)));
    for (size_t i = 0; i < count; ++i) out[i] = static_cast<const T*>(stack_[mark + i]);
    stack_.resize(mark);
    return {out, count};
  }

  // `open item+ close`
  template <class T, class F>
  List<T> many(TokenKind open, F parse_item, TokenKind close) {
    expect(open);
    size_t mark = stack_.size();
    do {
      push(parse_item());
    } while (ok() && !expect_optional(close));
    return finish_list<T>(mark);
  }
  // `(open item+ close)?`
  template <class T, class F>
  List<T> optional_many(TokenKind open, F parse_item, TokenKind close) {
    if (!expect_optional(open)) return {};
    size_t mark = stack_.size();
    do {
      push(parse_item());
    } while (ok() && !expect_optional(close));
    return finish_list<T>(mark);
  }
  // `open item* close`
  template <class T, class F>
  List<T> any(TokenKind open, F parse_item, TokenKind close) {
    expect(open);
    size_t mark = stack_.size();
    while (ok() && !expect_optional(close)) push(parse_item());
    return finish_list<T>(mark);
  }
  // `delimiter? item (delimiter item)*`
  template <class T, class F>
  List<T> delimited_many(TokenKind delimiter, F parse_item) {
    expect_optional(delimiter);
    size_t mark = stack_.size();
    do {
      push(parse_item());
    } while (ok() && expect_optional(delimiter));
    return finish_list<T>(mark);
  }

  // Guards recursion: selection sets, list and object values, list types.
  bool enter_nested() {
    if (++depth_ > options_.max_depth) {
      fail(token_.start,
           "Document nesting is deeper than " + std::to_string(options_.max_depth) + " levels. Parsing aborted.");
      return false;
    }
    return true;
  }
  void leave_nested() { --depth_; }

  // ---- Document ------------------------------------------------------------------------

  Name parse_name() {
    Token token = expect(TokenKind::kName);
    return failed_ ? Name() : token_text(token);
  }

  const Definition* parse_definition() {
    if (peek(TokenKind::kBraceL)) return parse_operation_definition();
    bool has_description = peek(TokenKind::kString) || peek(TokenKind::kBlockString);
    Token keyword = has_description ? lookahead() : token_;
    if (failed_) return nullptr;
    if (has_description && keyword.kind == TokenKind::kBraceL) {
      fail(token_.start, "Unexpected description, descriptions are not supported on shorthand queries.");
      return nullptr;
    }
    if (keyword.kind == TokenKind::kName) {
      std::string_view word = token_text(keyword);
      if (word == "schema") return parse_schema_definition();
      if (word == "scalar") return parse_type_definition(Kind::ScalarTypeDefinition);
      if (word == "type") return parse_type_definition(Kind::ObjectTypeDefinition);
      if (word == "interface") return parse_type_definition(Kind::InterfaceTypeDefinition);
      if (word == "union") return parse_type_definition(Kind::UnionTypeDefinition);
      if (word == "enum") return parse_type_definition(Kind::EnumTypeDefinition);
      if (word == "input") return parse_type_definition(Kind::InputObjectTypeDefinition);
      if (word == "directive") return parse_directive_definition();
      if (word == "query" || word == "mutation" || word == "subscription") return parse_operation_definition();
      if (word == "fragment") return parse_fragment_definition();
      if (has_description) {
        fail(token_.start, "Unexpected description, only GraphQL definitions support descriptions.");
        return nullptr;
      }
      if (word == "extend") return parse_type_system_extension();
    }
    unexpected(keyword);
    return nullptr;
  }

  // ---- Operations ----------------------------------------------------------------------

  const OperationDefinition* parse_operation_definition() {
    auto* node = make<OperationDefinition>(token_.start);
    if (peek(TokenKind::kBraceL)) {
      node->selection_set = parse_selection_set();
      return finish(node);
    }
    node->description = parse_description();
    node->operation = parse_operation_type();
    if (peek(TokenKind::kName)) node->name = parse_name();
    node->variable_definitions = optional_many<VariableDefinition>(
        TokenKind::kParenL, [this] { return parse_variable_definition(); }, TokenKind::kParenR);
    node->directives = parse_directives(false);
    node->selection_set = parse_selection_set();
    return finish(node);
  }

  OperationType parse_operation_type() {
    Token token = expect(TokenKind::kName);
    if (failed_) return OperationType::Query;
    std::string_view word = token_text(token);
    if (word == "query") return OperationType::Query;
    if (word == "mutation") return OperationType::Mutation;
    if (word == "subscription") return OperationType::Subscription;
    unexpected(token);
    return OperationType::Query;
  }

  const VariableDefinition* parse_variable_definition() {
    auto* node = make<VariableDefinition>(token_.start);
    node->description = parse_description();
    node->variable = parse_variable();
    expect(TokenKind::kColon);
    node->type = parse_type_reference();
    if (expect_optional(TokenKind::kEquals)) node->default_value = parse_value(true);
    node->directives = parse_directives(true);
    return finish(node);
  }

  const Variable* parse_variable() {
    auto* node = make<Variable>(token_.start);
    expect(TokenKind::kDollar);
    node->name = parse_name();
    return finish(node);
  }

  const SelectionSet* parse_selection_set() {
    auto* node = make<SelectionSet>(token_.start);
    if (!enter_nested()) return node;
    node->selections = many<Selection>(
        TokenKind::kBraceL, [this] { return parse_selection(); }, TokenKind::kBraceR);
    leave_nested();
    return finish(node);
  }

  const Selection* parse_selection() {
    return peek(TokenKind::kSpread) ? parse_fragment() : static_cast<const Selection*>(parse_field());
  }

  const Field* parse_field() {
    auto* node = make<Field>(token_.start);
    Name name_or_alias = parse_name();
    if (expect_optional(TokenKind::kColon)) {
      node->alias = name_or_alias;
      node->name = parse_name();
    } else {
      node->name = name_or_alias;
    }
    node->arguments = parse_arguments(false);
    node->directives = parse_directives(false);
    if (peek(TokenKind::kBraceL)) node->selection_set = parse_selection_set();
    return finish(node);
  }

  List<Argument> parse_arguments(bool is_const) {
    return optional_many<Argument>(
        TokenKind::kParenL, [this, is_const] { return parse_argument(is_const); }, TokenKind::kParenR);
  }

  const Argument* parse_argument(bool is_const) {
    auto* node = make<Argument>(token_.start);
    node->name = parse_name();
    expect(TokenKind::kColon);
    node->value = parse_value(is_const);
    return finish(node);
  }

  const Selection* parse_fragment() {
    uint32_t start = token_.start;
    expect(TokenKind::kSpread);
    bool has_type_condition = expect_optional_keyword("on");
    if (!has_type_condition && peek(TokenKind::kName)) {
      auto* node = make<FragmentSpread>(start);
      node->name = parse_fragment_name();
      node->directives = parse_directives(false);
      return finish(node);
    }
    auto* node = make<InlineFragment>(start);
    if (has_type_condition) node->type_condition = parse_named_type();
    node->directives = parse_directives(false);
    node->selection_set = parse_selection_set();
    return finish(node);
  }

  const FragmentDefinition* parse_fragment_definition() {
    auto* node = make<FragmentDefinition>(token_.start);
    node->description = parse_description();
    expect_keyword("fragment");
    node->name = parse_fragment_name();
    expect_keyword("on");
    node->type_condition = parse_named_type();
    node->directives = parse_directives(false);
    node->selection_set = parse_selection_set();
    return finish(node);
  }

  Name parse_fragment_name() {
    if (has_value(token_.kind) && token_value(token_) == "on") {
      unexpected();
      return {};
    }
    return parse_name();
  }

  // ---- Values --------------------------------------------------------------------------

  const Value* parse_value(bool is_const) {
    Token token = token_;
    switch (token.kind) {
      case TokenKind::kBracketL: {
        auto* node = make<ListValue>(token.start);
        if (!enter_nested()) return node;
        node->values = any<Value>(
            TokenKind::kBracketL, [this, is_const] { return parse_value(is_const); }, TokenKind::kBracketR);
        leave_nested();
        return finish(node);
      }
      case TokenKind::kBraceL: {
        auto* node = make<ObjectValue>(token.start);
        if (!enter_nested()) return node;
        node->fields = any<ObjectField>(
            TokenKind::kBraceL, [this, is_const] { return parse_object_field(is_const); }, TokenKind::kBraceR);
        leave_nested();
        return finish(node);
      }
      case TokenKind::kInt: {
        advance();
        auto* node = make<IntValue>(token.start);
        node->value = token_text(token);
        return finish(node);
      }
      case TokenKind::kFloat: {
        advance();
        auto* node = make<FloatValue>(token.start);
        node->value = token_text(token);
        return finish(node);
      }
      case TokenKind::kString:
      case TokenKind::kBlockString: return parse_string_literal();
      case TokenKind::kName: {
        advance();
        std::string_view word = token_text(token);
        if (word == "true" || word == "false") {
          auto* node = make<BooleanValue>(token.start);
          node->value = word == "true";
          return finish(node);
        }
        if (word == "null") return finish(make<NullValue>(token.start));
        auto* node = make<EnumValue>(token.start);
        node->value = word;
        return finish(node);
      }
      case TokenKind::kDollar:
        if (is_const) {
          expect(TokenKind::kDollar);
          if (token_.kind == TokenKind::kName) {
            fail(token.start, "Unexpected variable \"$" + std::string(token_text(token_)) + "\" in constant value.");
          } else {
            unexpected(token);
          }
          return nullptr;
        }
        return parse_variable();
      default: unexpected(); return nullptr;
    }
  }

  const ObjectField* parse_object_field(bool is_const) {
    auto* node = make<ObjectField>(token_.start);
    node->name = parse_name();
    expect(TokenKind::kColon);
    node->value = parse_value(is_const);
    return finish(node);
  }

  const StringValue* parse_string_literal() {
    Token token = token_;
    advance();
    auto* node = make<StringValue>(token.start);
    node->value = cook_string(text_, token, arena_);
    node->block = token.kind == TokenKind::kBlockString;
    return finish(node);
  }

  List<Directive> parse_directives(bool is_const) {
    size_t mark = stack_.size();
    while (ok() && peek(TokenKind::kAt)) push(parse_directive(is_const));
    return finish_list<Directive>(mark);
  }

  const Directive* parse_directive(bool is_const) {
    auto* node = make<Directive>(token_.start);
    expect(TokenKind::kAt);
    node->name = parse_name();
    node->arguments = parse_arguments(is_const);
    return finish(node);
  }

  // ---- Types ---------------------------------------------------------------------------

  const TypeRef* parse_type_reference() {
    uint32_t start = token_.start;
    const TypeRef* type = nullptr;
    if (expect_optional(TokenKind::kBracketL)) {
      auto* list = make<ListType>(start);
      if (!enter_nested()) return list;
      list->type = parse_type_reference();
      leave_nested();
      expect(TokenKind::kBracketR);
      type = finish(list);
    } else {
      type = parse_named_type();
    }
    if (expect_optional(TokenKind::kBang)) {
      auto* non_null = make<NonNullType>(start);
      non_null->type = type;
      return finish(non_null);
    }
    return type;
  }

  const NamedType* parse_named_type() {
    auto* node = make<NamedType>(token_.start);
    node->name = parse_name();
    return finish(node);
  }

  // ---- Type system ---------------------------------------------------------------------

  const StringValue* parse_description() {
    if (peek(TokenKind::kString) || peek(TokenKind::kBlockString)) return parse_string_literal();
    return nullptr;
  }

  const Definition* parse_schema_definition() {
    auto* node = make<SchemaDefinition>(token_.start, Kind::SchemaDefinition);
    node->description = parse_description();
    expect_keyword("schema");
    node->directives = parse_directives(true);
    node->operation_types = many<OperationTypeDefinition>(
        TokenKind::kBraceL, [this] { return parse_operation_type_definition(); }, TokenKind::kBraceR);
    return finish(node);
  }

  const OperationTypeDefinition* parse_operation_type_definition() {
    auto* node = make<OperationTypeDefinition>(token_.start);
    node->operation = parse_operation_type();
    expect(TokenKind::kColon);
    node->type = parse_named_type();
    return finish(node);
  }

  List<NamedType> parse_implements_interfaces() {
    if (!expect_optional_keyword("implements")) return {};
    return delimited_many<NamedType>(TokenKind::kAmp, [this] { return parse_named_type(); });
  }

  List<FieldDefinition> parse_fields_definition() {
    return optional_many<FieldDefinition>(
        TokenKind::kBraceL, [this] { return parse_field_definition(); }, TokenKind::kBraceR);
  }

  const FieldDefinition* parse_field_definition() {
    auto* node = make<FieldDefinition>(token_.start);
    node->description = parse_description();
    node->name = parse_name();
    node->arguments = parse_argument_definitions();
    expect(TokenKind::kColon);
    node->type = parse_type_reference();
    node->directives = parse_directives(true);
    return finish(node);
  }

  List<InputValueDefinition> parse_argument_definitions() {
    return optional_many<InputValueDefinition>(
        TokenKind::kParenL, [this] { return parse_input_value_definition(); }, TokenKind::kParenR);
  }

  List<InputValueDefinition> parse_input_fields_definition() {
    return optional_many<InputValueDefinition>(
        TokenKind::kBraceL, [this] { return parse_input_value_definition(); }, TokenKind::kBraceR);
  }

  const InputValueDefinition* parse_input_value_definition() {
    auto* node = make<InputValueDefinition>(token_.start);
    node->description = parse_description();
    node->name = parse_name();
    expect(TokenKind::kColon);
    node->type = parse_type_reference();
    if (expect_optional(TokenKind::kEquals)) node->default_value = parse_value(true);
    node->directives = parse_directives(true);
    return finish(node);
  }

  List<NamedType> parse_union_members() {
    if (!expect_optional(TokenKind::kEquals)) return {};
    return delimited_many<NamedType>(TokenKind::kPipe, [this] { return parse_named_type(); });
  }

  List<EnumValueDefinition> parse_enum_values_definition() {
    return optional_many<EnumValueDefinition>(
        TokenKind::kBraceL, [this] { return parse_enum_value_definition(); }, TokenKind::kBraceR);
  }

  const EnumValueDefinition* parse_enum_value_definition() {
    auto* node = make<EnumValueDefinition>(token_.start);
    node->description = parse_description();
    if (has_value(token_.kind)) {
      std::string_view value = token_value(token_);
      if (value == "true" || value == "false" || value == "null") {
        fail(token_.start, describe(token_) + " is reserved and cannot be used for an enum value.");
        return node;
      }
    }
    node->name = parse_name();
    node->directives = parse_directives(true);
    return finish(node);
  }

  // The body of a type definition or extension after its keyword and name.
  void parse_type_body(TypeDefinition* node) {
    switch (node->kind) {
      case Kind::ScalarTypeDefinition:
      case Kind::ScalarTypeExtension: node->directives = parse_directives(true); break;
      case Kind::ObjectTypeDefinition:
      case Kind::ObjectTypeExtension:
      case Kind::InterfaceTypeDefinition:
      case Kind::InterfaceTypeExtension:
        node->interfaces = parse_implements_interfaces();
        node->directives = parse_directives(true);
        node->fields = parse_fields_definition();
        break;
      case Kind::UnionTypeDefinition:
      case Kind::UnionTypeExtension:
        node->directives = parse_directives(true);
        node->members = parse_union_members();
        break;
      case Kind::EnumTypeDefinition:
      case Kind::EnumTypeExtension:
        node->directives = parse_directives(true);
        node->values = parse_enum_values_definition();
        break;
      case Kind::InputObjectTypeDefinition:
      case Kind::InputObjectTypeExtension:
        node->directives = parse_directives(true);
        node->input_fields = parse_input_fields_definition();
        break;
      default: break;
    }
  }

  static std::string_view type_keyword(Kind kind) {
    switch (kind) {
      case Kind::ScalarTypeDefinition:
      case Kind::ScalarTypeExtension: return "scalar";
      case Kind::ObjectTypeDefinition:
      case Kind::ObjectTypeExtension: return "type";
      case Kind::InterfaceTypeDefinition:
      case Kind::InterfaceTypeExtension: return "interface";
      case Kind::UnionTypeDefinition:
      case Kind::UnionTypeExtension: return "union";
      case Kind::EnumTypeDefinition:
      case Kind::EnumTypeExtension: return "enum";
      default: return "input";
    }
  }

  const Definition* parse_type_definition(Kind kind) {
    auto* node = make<TypeDefinition>(token_.start, kind);
    node->description = parse_description();
    expect_keyword(type_keyword(kind));
    node->name = parse_name();
    parse_type_body(node);
    return finish(node);
  }

  const Definition* parse_type_system_extension() {
    Token keyword = lookahead();
    if (failed_) return nullptr;
    if (keyword.kind == TokenKind::kName) {
      std::string_view word = token_text(keyword);
      if (word == "schema") return parse_schema_extension();
      Kind kind{};
      if (word == "scalar") {
        kind = Kind::ScalarTypeExtension;
      } else if (word == "type") {
        kind = Kind::ObjectTypeExtension;
      } else if (word == "interface") {
        kind = Kind::InterfaceTypeExtension;
      } else if (word == "union") {
        kind = Kind::UnionTypeExtension;
      } else if (word == "enum") {
        kind = Kind::EnumTypeExtension;
      } else if (word == "input") {
        kind = Kind::InputObjectTypeExtension;
      } else {
        unexpected(keyword);
        return nullptr;
      }
      auto* node = make<TypeDefinition>(token_.start, kind);
      expect_keyword("extend");
      expect_keyword(word);
      node->name = parse_name();
      parse_type_body(node);
      if (node->interfaces.empty() && node->directives.empty() && node->fields.empty() && node->input_fields.empty() &&
          node->members.empty() && node->values.empty()) {
        unexpected();
      }
      return finish(node);
    }
    unexpected(keyword);
    return nullptr;
  }

  const Definition* parse_schema_extension() {
    auto* node = make<SchemaDefinition>(token_.start, Kind::SchemaExtension);
    expect_keyword("extend");
    expect_keyword("schema");
    node->directives = parse_directives(true);
    node->operation_types = optional_many<OperationTypeDefinition>(
        TokenKind::kBraceL, [this] { return parse_operation_type_definition(); }, TokenKind::kBraceR);
    if (node->directives.empty() && node->operation_types.empty()) unexpected();
    return finish(node);
  }

  const Definition* parse_directive_definition() {
    auto* node = make<DirectiveDefinition>(token_.start);
    node->description = parse_description();
    expect_keyword("directive");
    expect(TokenKind::kAt);
    node->name = parse_name();
    node->arguments = parse_argument_definitions();
    node->repeatable = expect_optional_keyword("repeatable");
    expect_keyword("on");
    std::vector<Name> locations;
    expect_optional(TokenKind::kPipe);
    do {
      Token start = token_;
      Name location = parse_name();
      if (ok() && !is_directive_location(location)) unexpected(start);
      locations.push_back(location);
    } while (ok() && expect_optional(TokenKind::kPipe));
    node->locations = arena_.copy(locations);
    return finish(node);
  }

  std::string_view text_;
  Lexer lexer_;
  Arena& arena_;
  const ParseOptions& options_;
  Token token_{};
  uint32_t prev_end_ = 0;
  uint32_t token_count_ = 0;
  uint32_t depth_ = 0;
  bool failed_ = false;
  uint32_t error_position_ = 0;
  std::string error_message_;
  std::vector<const void*> stack_;  // items of the lists being parsed, innermost last
};

}  // namespace

Result<Document> parse(std::shared_ptr<const Source> source, const ParseOptions& options) {
  std::string_view text = source->text();
  if (text.size() > options.max_bytes) {
    auto location = source->locate(0);
    return Error(Diagnostic{
        "Syntax Error: Document is larger than " + std::to_string(options.max_bytes) + " bytes. Parsing aborted.",
        {location}});
  }
  // Offsets are 32-bit; the byte limit above keeps every document well inside that.
  Arena arena(std::max<size_t>(4096, text.size() * 2));
  Parser parser(text, arena, options);
  List<Definition> definitions = parser.parse_document();
  if (!parser.ok()) {
    return Error(Diagnostic{parser.error_message(), {source->locate(parser.error_position())}});
  }
  return Document(std::move(source), std::move(arena), definitions);
}

Result<Document> parse(std::string text, std::string name, const ParseOptions& options) {
  return parse(Source::make(std::move(name), std::move(text)), options);
}

}  // namespace junction::graphql

#include "schema/diff.h"

namespace junction::schema {
namespace {

// Whether a field that had type `before` may now return `after` without breaking a client:
// the same named type, with non-null added at any level.
bool output_compatible(const Type* before, const Type* after) {
  if (before->is_non_null()) return after->is_non_null() && output_compatible(before->of_type, after->of_type);
  if (after->is_non_null()) return output_compatible(before, after->of_type);
  if (before->is_list()) return after->is_list() && output_compatible(before->of_type, after->of_type);
  return after->is_named() && before->named->name == after->named->name;
}

// Whether a value clients sent for an input of type `before` is still valid for `after`: the
// same named type, with non-null removed at any level.
bool input_compatible(const Type* before, const Type* after) {
  if (before->is_non_null()) {
    return input_compatible(before->of_type, after->is_non_null() ? after->of_type : after);
  }
  if (after->is_non_null()) return false;
  if (before->is_list()) return after->is_list() && input_compatible(before->of_type, after->of_type);
  return after->is_named() && before->named->name == after->named->name;
}

class Differ {
 public:
  std::vector<SchemaChange> breaking;
  std::vector<SchemaChange> safe;

  void add(bool is_breaking, std::string path, std::string message) {
    (is_breaking ? breaking : safe).push_back({is_breaking, std::move(path), std::move(message)});
  }

  // Arguments of a field, or fields of an input object: `owner` prefixes the paths.
  void inputs(const std::string& owner, const char* what, const std::vector<InputValue>& before,
              const std::vector<InputValue>& after, bool as_arguments) {
    auto path_of = [&](std::string_view name) {
      return as_arguments ? owner + "(" + std::string(name) + ":)" : owner + "." + std::string(name);
    };
    for (const InputValue& old_value : before) {
      const InputValue* new_value = find(after, old_value.name);
      std::string path = path_of(old_value.name);
      if (new_value == nullptr) {
        add(true, path, std::string(what) + " " + path + " was removed");
      } else if (!input_compatible(old_value.type, new_value->type)) {
        add(true, path,
            std::string(what) + " " + path + " changed type from " + type_to_string(old_value.type) + " to " +
                type_to_string(new_value->type));
      } else if (type_to_string(old_value.type) != type_to_string(new_value->type)) {
        add(false, path,
            std::string(what) + " " + path + " changed type from " + type_to_string(old_value.type) + " to " +
                type_to_string(new_value->type));
      }
    }
    for (const InputValue& new_value : after) {
      if (find(before, new_value.name) != nullptr) continue;
      std::string path = path_of(new_value.name);
      add(new_value.is_required(), path,
          (new_value.is_required() ? "required " : "") + std::string(what) + " " + path + " was added");
    }
  }

  void fields(const NamedType& before, const NamedType& after) {
    std::string type(before.name);
    for (const Field& old_field : before.fields) {
      const Field* new_field = after.find_field(old_field.name);
      std::string path = type + "." + std::string(old_field.name);
      if (new_field == nullptr) {
        add(true, path, "field " + path + " was removed");
        continue;
      }
      std::string from = type_to_string(old_field.type);
      std::string to = type_to_string(new_field->type);
      if (from != to) {
        add(!output_compatible(old_field.type, new_field->type), path,
            "field " + path + " changed type from " + from + " to " + to);
      }
      inputs(path, "argument", old_field.arguments, new_field->arguments, true);
    }
    for (const Field& new_field : after.fields) {
      if (before.find_field(new_field.name) == nullptr) {
        std::string path = type + "." + std::string(new_field.name);
        add(false, path, "field " + path + " was added");
      }
    }
  }

  // Interfaces of an object or interface, members of a union.
  void named_list(const std::string& type, const char* what, const std::vector<const NamedType*>& before,
                  const std::vector<const NamedType*>& after) {
    auto has = [](const std::vector<const NamedType*>& list, std::string_view name) {
      for (const NamedType* entry : list) {
        if (entry->name == name) return true;
      }
      return false;
    };
    for (const NamedType* entry : before) {
      if (!has(after, entry->name)) {
        add(true, type, std::string(what) + " " + std::string(entry->name) + " was removed from " + type);
      }
    }
    for (const NamedType* entry : after) {
      if (!has(before, entry->name)) {
        add(false, type, std::string(what) + " " + std::string(entry->name) + " was added to " + type);
      }
    }
  }

  void type(const NamedType& before, const NamedType& after) {
    std::string name(before.name);
    if (before.kind != after.kind) {
      add(true, name,
          "type " + name + " changed kind from " + std::string(type_kind_name(before.kind)) + " to " +
              std::string(type_kind_name(after.kind)));
      return;
    }
    switch (before.kind) {
      case TypeKind::Object:
      case TypeKind::Interface:
        fields(before, after);
        named_list(name, "interface", before.interfaces, after.interfaces);
        break;
      case TypeKind::Union: named_list(name, "member", before.members, after.members); break;
      case TypeKind::Enum:
        for (const EnumValue& value : before.values) {
          if (after.find_value(value.name) == nullptr) {
            std::string path = name + "." + std::string(value.name);
            add(true, path, "enum value " + path + " was removed");
          }
        }
        for (const EnumValue& value : after.values) {
          if (before.find_value(value.name) == nullptr) {
            std::string path = name + "." + std::string(value.name);
            add(false, path, "enum value " + path + " was added");
          }
        }
        break;
      case TypeKind::InputObject: inputs(name, "input field", before.input_fields, after.input_fields, false); break;
      case TypeKind::Scalar: break;
    }
  }

 private:
  static const InputValue* find(const std::vector<InputValue>& values, std::string_view name) {
    for (const InputValue& value : values) {
      if (value.name == name) return &value;
    }
    return nullptr;
  }
};

}  // namespace

std::vector<SchemaChange> diff_schemas(const Schema& before, const Schema& after) {
  Differ differ;
  for (const NamedType* old_type : before.types()) {
    if (old_type->builtin) continue;
    const NamedType* new_type = after.find_type(old_type->name);
    if (new_type == nullptr) {
      differ.add(true, std::string(old_type->name), "type " + std::string(old_type->name) + " was removed");
    } else {
      differ.type(*old_type, *new_type);
    }
  }
  for (const NamedType* new_type : after.types()) {
    if (!new_type->builtin && before.find_type(new_type->name) == nullptr) {
      differ.add(false, std::string(new_type->name), "type " + std::string(new_type->name) + " was added");
    }
  }
  std::vector<SchemaChange> changes = std::move(differ.breaking);
  changes.insert(changes.end(), differ.safe.begin(), differ.safe.end());
  return changes;
}

}  // namespace junction::schema

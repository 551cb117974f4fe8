#include "common/assert.h"

#include <stdexcept>
#include <string>

namespace junction::detail {

void assertion_failed(const char* expression, const char* file, int line) {
  throw std::logic_error(std::string("internal error: check failed: ") + expression + " at " + file + ":" +
                         std::to_string(line));
}

}  // namespace junction::detail

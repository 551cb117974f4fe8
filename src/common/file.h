// Reading and safely replacing files. Errors name the path and the reason.
#pragma once

#include <string>

#include "common/result.h"

namespace junction {

// The whole file; "-" reads standard input.
Result<std::string> read_file(const std::string& path);

// Replaces `path` with `content` atomically: writes a temporary file beside it, flushes it,
// then renames it over the original (keeping the original's permissions). Through a symbolic
// link the link's target is replaced; a device or a pipe is written in place.
Status write_file_atomically(const std::string& path, std::string_view content);

// "N MB free on the disk of DIR" (empty when unknown): added to write errors, since a full disk
// often shows as a short write ("Input/output error").
std::string free_space_note(const std::string& dir);

}  // namespace junction

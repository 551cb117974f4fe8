// A revision's files: when a service is deployed, its folder is copied to
// .junction/revisions/<service>/<revision>/, so that the revision keeps running (and can be
// rolled back to) the code it was deployed with while the folder is edited. The copy sits at
// the same place relative to a mirror of the stack's folder whose other entries are links to
// the live ones, so paths that leave the service's folder (`../shared`, a workspace's
// node_modules) still resolve. The service's own node_modules is linked, not copied.
#pragma once

#include <string>

#include "common/result.h"

namespace junction::control {

// Copies `service_dir` (inside `root`) under `destination` (which must not exist); returns
// the folder the revision runs in. The copy is made beside `destination` and renamed into
// place, so a crash leaves either no revision or a whole one.
Result<std::string> snapshot_service(const std::string& root, const std::string& service_dir,
                                     const std::string& destination);

}  // namespace junction::control

// The host's side of init: the services table a plugin is handed and the
// registrations it makes through it (gloss_host_services in gloss/plugin.h).
#pragma once

#include <string>

namespace gloss::core {

struct LoadedPlugin;

// Hands the plugin its services table and runs its init, which registers its
// capabilities. On failure `reason` says why and the plugin must be dropped.
bool initialize(LoadedPlugin& plugin, std::string& reason);

} // namespace gloss::core

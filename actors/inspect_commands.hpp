#pragma once
// The commands of `smartcopy inspect` (SPEC §10) as the root supervisor answers them: status,
// actors (the supervision tree with mailboxes and restarts), traders, positions, signals,
// pause, resume, close <id>, log-level <pattern> <level>. Every answer is JSON text.
#include <string>
#include <vector>

#include "actors/root_supervisor.hpp"

namespace smartcopy {

using root_pointer = root_supervisor_actor::stateful_pointer<root_supervisor_state>;

/// Answers `command` with `args`; an unknown command or bad arguments give an error whose text
/// says what is accepted.
caf::result<std::string> answer_inspect(root_pointer self, const std::string& command,
                                        const std::vector<std::string>& args);

}  // namespace smartcopy

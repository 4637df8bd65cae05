// piton-cli line ...: production line mode (docs/line-mode.md, docs/cli.md "line").
#pragma once

#include "cli_commands.h"
#include "cli_output.h"

#include <QStringList>

namespace piton::cli {

/** `piton-cli line recipe create|show|release`, `line run`, `line report`; `args` follow
 *  "line". Returns the exit code (docs/line-mode.md, "Exit codes"). */
int cmdLine(const QStringList &args, const GlobalOptions &g, Output &out);

} // namespace piton::cli

// piton-cli's commands (docs/cli.md). Each takes its own arguments (after the command name),
// runs the matching job from core/, and returns an exit code.
#pragma once

#include "cli_output.h"

#include <QStringList>

namespace piton::cli {

/** Global options shared by every command. */
struct GlobalOptions {
    QString connect;       ///< -c URI, or $PITON_CONNECT
    bool assumeYes = false;///< --yes: no confirmation for destructive commands
    int timeoutMs = 3000;  ///< connect timeout
    bool takeOver = false; ///< --take-over: displace another session that holds the board
    QString credential;    ///< --credential FILE, $PITON_CREDENTIAL or the setting access/credential
    bool credentialDefault = false; ///< `credential` came from $PITON_CREDENTIAL or the setting: a board that
                                    ///< refuses it is used without a session (Session::setCredentialOptional)
    bool replaceIdentity = false;   ///< `access pin --replace`: accept a changed board identity key
};

/** Runs `command` with `args`; returns the process exit code. */
int runCommand(const QString &command, const QStringList &args, const GlobalOptions &global, Output &out);

/** One line per command, for --help. */
QString commandSummary();

} // namespace piton::cli

// A piton-cli command's own arguments (after the command name), parsed the one way every
// command does (docs/cli.md).
#pragma once

#include "error.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QString>
#include <QStringList>

namespace piton::cli {

/**
 * Parses `args` of `command` with `options` (single-dash words as long options: -o FILE, -y).
 * `error` (kind Usage) says what is wrong: an unknown option or a missing option value (Qt's
 * text), fewer than `minPositional` positional arguments (with "see `helpHint`"), or more than
 * `maxPositional` (naming the first one too many; maxPositional < 0: no upper limit).
 */
struct Args {
    QCommandLineParser parser;
    Error error;
    Args(const QString &command, const QStringList &args, const QList<QCommandLineOption> &options, int minPositional,
         int maxPositional, const QString &helpHint = QStringLiteral("piton-cli --help"))
    {
        parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
        parser.addOptions(options);
        if (!parser.parse(QStringList{command} + args))
            error = Error::make(ErrorKind::Usage, QStringLiteral("%1: %2").arg(command, parser.errorText()));
        else if (parser.positionalArguments().size() < minPositional)
            error = Error::make(ErrorKind::Usage, QStringLiteral("%1: missing argument (see %2)").arg(command, helpHint));
        else if (maxPositional >= 0 && parser.positionalArguments().size() > maxPositional)
            error = Error::make(ErrorKind::Usage, QStringLiteral("%1: unexpected argument '%2'")
                                                      .arg(command, parser.positionalArguments().value(maxPositional)));
    }
    /** The `i`-th positional argument; empty when there is none. */
    QString at(int i) const { return parser.positionalArguments().value(i); }
};

} // namespace piton::cli

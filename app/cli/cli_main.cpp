// piton-cli: the command-line twin of the Piton workstation. See docs/cli.md.
#include "cli_commands.h"
#include "cli_output.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

using namespace piton;
using namespace piton::cli;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("piton-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PITON_VERSION));
    QCoreApplication::setOrganizationName(QStringLiteral("Piton"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Flash, update and recover boards running the Piton bootloader and agent.\n\n") +
                                     commandSummary());
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object as the result."));
    QCommandLineOption connectOpt({QStringLiteral("c"), QStringLiteral("connect")},
                                  QStringLiteral("Device link: serial:/dev/ttyUSB0?baud=921600, tcp:HOST:PORT, usb:[VID:PID][?serial=S&path=BUS-PORT.PORT] (default: $PITON_CONNECT)."),
                                  QStringLiteral("URI"));
    QCommandLineOption yes({QStringLiteral("y"), QStringLiteral("yes")}, QStringLiteral("Do not ask before destructive operations."));
    QCommandLineOption verbose(QStringLiteral("verbose"), QStringLiteral("Print what each step does on stderr."));
    QCommandLineOption logFile(QStringLiteral("log"), QStringLiteral("Append a timestamped log to FILE (for support)."), QStringLiteral("FILE"));
    QCommandLineOption timeout(QStringLiteral("timeout"), QStringLiteral("Connect timeout in milliseconds (default 3000)."), QStringLiteral("MS"));
    QCommandLineOption takeOver(QStringLiteral("take-over"),
                                QStringLiteral("Take the board over from another session that holds it (support; the board logs it)."));
    parser.addOptions({json, connectOpt, yes, verbose, logFile, timeout, takeOver});
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("The command to run (see above)."));

    if (!parser.parse(QCoreApplication::arguments())) {
        // Reported like every other error, as JSON too when --json came before the bad option.
        Output out(QCoreApplication::arguments().contains(QStringLiteral("--json")), false);
        return out.fail(Error::make(ErrorKind::Usage, parser.errorText() + QStringLiteral(" (see piton-cli --help)")));
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return ExitOk;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        QTextStream(stdout) << "piton-cli " << PITON_VERSION << Qt::endl;
        return ExitOk;
    }

    Output out(parser.isSet(json), parser.isSet(verbose));
    if (parser.isSet(logFile)) {
        if (auto ok = out.openLogFile(parser.value(logFile)); !ok)
            return out.fail(ok.error());
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return out.fail(Error::make(ErrorKind::Usage, QStringLiteral("no command given (see piton-cli --help)")));

    GlobalOptions global;
    global.connect = parser.isSet(connectOpt) ? parser.value(connectOpt) : qEnvironmentVariable("PITON_CONNECT");
    global.assumeYes = parser.isSet(yes);
    global.takeOver = parser.isSet(takeOver);
    if (parser.isSet(timeout)) {
        bool ok = false;
        global.timeoutMs = parser.value(timeout).toInt(&ok);
        if (!ok || global.timeoutMs <= 0)
            return out.fail(Error::make(ErrorKind::Usage, QStringLiteral("--timeout needs a positive number of milliseconds")));
    }
    out.log(LogLevel::Info, QStringLiteral("piton-cli %1: %2").arg(QStringLiteral(PITON_VERSION), positional.join(QLatin1Char(' '))));
    return runCommand(positional.first(), positional.mid(1), global, out);
}

// piton-cli: the command-line twin of the Piton workstation. See docs/cli.md.
#include "cli_commands.h"
#include "cli_output.h"
#include "i18n/translations.h"
#include "jobs/session.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLocale>
#include <QSettings>
#include <QTextStream>

using namespace piton;
using namespace piton::cli;

namespace {

// Global options may also follow the command (`config restore F -y`): they are moved in front
// of it before parsing. Only options no command has of its own; `--` ends the scan.
QStringList globalOptionsFirst(const QStringList &arguments)
{
    static const QStringList flags{QStringLiteral("--json"), QStringLiteral("-y"), QStringLiteral("--yes"),
                                   QStringLiteral("--verbose"), QStringLiteral("--take-over"), QStringLiteral("--stats")};
    static const QStringList valued{QStringLiteral("-c"), QStringLiteral("--connect"), QStringLiteral("--log"), QStringLiteral("--timeout"),
                                    QStringLiteral("--credential")};
    QStringList front{arguments.value(0)}, rest;
    bool seenCommand = false, ended = false;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &a = arguments[i];
        const QString name = a.section(QLatin1Char('='), 0, 0);
        if (ended) {
            rest << a;
        } else if (!seenCommand) {
            // Before the command: the order stays; the first word that is no option is the command.
            seenCommand = !a.startsWith(QLatin1Char('-'));
            (seenCommand ? rest : front) << a;
            if (!seenCommand && valued.contains(a) && i + 1 < arguments.size())
                front << arguments[++i];
        } else if (a == QLatin1String("--")) {
            ended = true;
            rest << a;
        } else if (flags.contains(a)) {
            front << a;
        } else if (valued.contains(name)) {
            front << a;
            if (name == a && i + 1 < arguments.size())
                front << arguments[++i];
        } else {
            rest << a;
        }
    }
    return front + rest;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("piton-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PITON_VERSION));
    QCoreApplication::setOrganizationName(QStringLiteral("Piton"));
    // Messages from core (job phases, errors) in the language of the locale (LC_ALL, LC_MESSAGES,
    // LANG), from the same translations the GUI embeds; the CLI's own texts stay English.
    installTranslations(app, QLocale::system().name());

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
    QCommandLineOption stats(QStringLiteral("stats"),
                             QStringLiteral("After the command, print on stderr the frames it exchanged with the device: \"frames: N sent, M received\"."));
    QCommandLineOption credential(QStringLiteral("credential"),
                                  QStringLiteral("Authenticate with this credential (.ptcred, from `access issue`) on boards that "
                                                 "require a session (default: $PITON_CREDENTIAL, then the setting access/credential)."),
                                  QStringLiteral("FILE"));
    parser.addOptions({json, connectOpt, yes, verbose, logFile, timeout, takeOver, stats, credential});
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("The command to run (see above)."));

    const QStringList arguments = globalOptionsFirst(QCoreApplication::arguments());
    if (!parser.parse(arguments)) {
        // Reported like every other error, as JSON too when --json was given.
        Output out(arguments.contains(QStringLiteral("--json")), false);
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
    global.credential = parser.isSet(credential) ? parser.value(credential) : qEnvironmentVariable("PITON_CREDENTIAL");
    global.credentialDefault = !parser.isSet(credential);
    if (global.credential.isEmpty())
        global.credential = QSettings(QStringLiteral("Piton"), QStringLiteral("piton")).value(QStringLiteral("access/credential")).toString();
    if (parser.isSet(timeout)) {
        bool ok = false;
        global.timeoutMs = parser.value(timeout).toInt(&ok);
        if (!ok || global.timeoutMs <= 0)
            return out.fail(Error::make(ErrorKind::Usage, QStringLiteral("--timeout needs a positive number of milliseconds")));
    }
    out.log(LogLevel::Info, QStringLiteral("piton-cli %1: %2").arg(QStringLiteral(PITON_VERSION), positional.join(QLatin1Char(' '))));
    const int rc = runCommand(positional.first(), positional.mid(1), global, out);
    if (parser.isSet(stats)) {
        // Every session of the command has closed by now and added its counts.
        const FrameCounts frames = Session::processFrameCounts();
        const QString line = QStringLiteral("frames: %1 sent, %2 received").arg(frames.sent).arg(frames.received);
        out.log(LogLevel::Info, line);
        QTextStream(stderr) << "piton-cli: " << line << Qt::endl;
    }
    return rc;
}

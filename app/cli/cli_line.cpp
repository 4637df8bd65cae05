#include "cli_line.h"
#include "cli_args.h"

#include "line/line_database.h"
#include "line/recipe.h"
#include "line/station.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <memory>

#include <unistd.h>

namespace piton::cli {

using namespace piton::line;

namespace {

// Exit codes of `line run` (docs/line-mode.md, "Exit codes"); the other line commands use
// 0, 2 (usage or a bad recipe) and 3 (database unavailable) of the same list.
enum LineExit { LineAllPassed = 0, LineBoardFailed = 1, LineRecipeError = 2, LineDatabaseError = 3, LineAborted = 4 };

Error usage(const QString &message)
{
    return Error::make(ErrorKind::Usage, message);
}

/** Reports `error` and returns `code` (the line commands' own codes; the JSON carries them). */
int failWith(Output &out, const Error &error, int code)
{
    // Output::fail derives the code from the kind: give it the kind that maps to `code`.
    Error e = error;
    e.kind = code == LineDatabaseError ? ErrorKind::Link : code == LineRecipeError ? ErrorKind::Usage : ErrorKind::Device;
    out.fail(e);
    return code;
}

/** Database errors are kind Io with "database: ..." (in the language of the loaded translation:
 *  core/line translates the prefix); everything else about a recipe is code 2. */
int failRecipeOrDb(Output &out, const Error &error)
{
    const QString prefix = QCoreApplication::translate("piton::line", "database: %1").arg(QString());
    const bool database = error.message.startsWith(QLatin1String("database:")) || error.message.startsWith(prefix.trimmed());
    return failWith(out, error, database ? LineDatabaseError : LineRecipeError);
}

/** The line commands' arguments (Args), pointing at `piton-cli help line` for a missing one. */
struct LineArgs : Args {
    LineArgs(const QString &command, const QStringList &args, const QList<QCommandLineOption> &options, int minPositional,
             int maxPositional)
        : Args(command, args, options, minPositional, maxPositional, QStringLiteral("piton-cli help line"))
    {
    }
};

QString fileSha256(const QString &path, QString *problem)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *problem = QStringLiteral("cannot read %1: %2").arg(path, f.errorString());
        return {};
    }
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return QString::fromLatin1(h.result().toHex());
}

QJsonObject recipeSummaryJson(const Recipe &r, const QString &file)
{
    QJsonObject o = r.toJson();
    o.insert(QStringLiteral("file"), file);
    o.insert(QStringLiteral("sha256"), r.sha256());
    return o;
}

int cmdRecipeCreate(const QStringList &args, Output &out)
{
    const QCommandLineOption board(QStringLiteral("board"), QStringLiteral("board id"), QStringLiteral("ID"));
    const QCommandLineOption package(QStringLiteral("package"), QStringLiteral("package"), QStringLiteral("P"));
    const QCommandLineOption serial(QStringLiteral("serial"), QStringLiteral("serial counter format"), QStringLiteral("FORMAT"));
    const QCommandLineOption serialFirst(QStringLiteral("serial-first"), QStringLiteral("first counter value"), QStringLiteral("N"));
    const QCommandLineOption serialList(QStringLiteral("serial-list"), QStringLiteral("serial list file"), QStringLiteral("FILE"));
    const QCommandLineOption serialBarcode(QStringLiteral("serial-barcode"), QStringLiteral("scanned serial pattern"), QStringLiteral("PATTERN"));
    const QCommandLineOption mac(QStringLiteral("mac"), QStringLiteral("MAC range"), QStringLiteral("FIRST-LAST"));
    const QCommandLineOption set(QStringLiteral("set"), QStringLiteral("constant entry"), QStringLiteral("KEY=VALUE"));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("recipe name"), QStringLiteral("NAME"));
    const QCommandLineOption version(QStringLiteral("version"), QStringLiteral("recipe version"), QStringLiteral("V"));
    const QCommandLineOption steps(QStringLiteral("steps"), QStringLiteral("step list"), QStringLiteral("LIST"));
    const QCommandLineOption backup(QStringLiteral("backup-dir"), QStringLiteral("config backup folder"), QStringLiteral("DIR"));
    const QCommandLineOption keep(QStringLiteral("keep-failed-identifiers"), QStringLiteral("keep for the same board"));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")}, QStringLiteral("file"), QStringLiteral("FILE"));
    LineArgs a(QStringLiteral("line recipe create"), args,
               {board, package, serial, serialFirst, serialList, serialBarcode, mac, set, name, version, steps, backup, keep, output}, 0, 0);
    if (a.error.isError())
        return out.fail(a.error);
    if (!a.parser.isSet(board) || !a.parser.isSet(output))
        return out.fail(usage(QStringLiteral("line recipe create: --board ID and -o RECIPE.json are required")));
    if (int(a.parser.isSet(serial)) + int(a.parser.isSet(serialList)) + int(a.parser.isSet(serialBarcode)) > 1)
        return out.fail(usage(QStringLiteral("line recipe create: give one of --serial, --serial-list, --serial-barcode")));
    const QString outPath = QFileInfo(a.parser.value(output)).absoluteFilePath();
    const QDir outDir = QFileInfo(outPath).absoluteDir();

    QJsonArray packages;
    for (const QString &p : a.parser.values(package)) {
        QString problem;
        const QString sha = fileSha256(p, &problem);
        if (sha.isEmpty())
            return out.fail(Error::make(ErrorKind::Io, problem));
        packages.append(QJsonObject{{QStringLiteral("file"), outDir.relativeFilePath(QFileInfo(p).absoluteFilePath())},
                                    {QStringLiteral("sha256"), sha}});
    }
    QJsonObject pools;
    QJsonArray config;
    if (a.parser.isSet(serial)) {
        QJsonObject pool{{QStringLiteral("type"), QStringLiteral("counter")}, {QStringLiteral("format"), a.parser.value(serial)}};
        if (a.parser.isSet(serialFirst)) {
            bool ok = false;
            const qint64 first = a.parser.value(serialFirst).toLongLong(&ok);
            if (!ok || first < 0)
                return out.fail(usage(QStringLiteral("line recipe create: --serial-first needs a number >= 0")));
            pool.insert(QStringLiteral("first"), first);
        }
        pools.insert(QStringLiteral("serial"), pool);
        config.append(QJsonObject{{QStringLiteral("key"), QStringLiteral("serial")}, {QStringLiteral("pool"), QStringLiteral("serial")}});
    }
    if (a.parser.isSet(serialList)) {
        QString problem;
        const QString listPath = a.parser.value(serialList);
        const QString sha = fileSha256(listPath, &problem);
        if (sha.isEmpty())
            return out.fail(Error::make(ErrorKind::Io, problem));
        pools.insert(QStringLiteral("serial"), QJsonObject{{QStringLiteral("type"), QStringLiteral("list")},
                                                           {QStringLiteral("file"), outDir.relativeFilePath(QFileInfo(listPath).absoluteFilePath())},
                                                           {QStringLiteral("sha256"), sha}});
        config.append(QJsonObject{{QStringLiteral("key"), QStringLiteral("serial")}, {QStringLiteral("pool"), QStringLiteral("serial")}});
    }
    if (a.parser.isSet(serialBarcode)) {
        pools.insert(QStringLiteral("serial"), QJsonObject{{QStringLiteral("type"), QStringLiteral("barcode")},
                                                           {QStringLiteral("pattern"), a.parser.value(serialBarcode)}});
        config.append(QJsonObject{{QStringLiteral("key"), QStringLiteral("serial")}, {QStringLiteral("pool"), QStringLiteral("serial")}});
    }
    if (a.parser.isSet(mac)) {
        // Two MAC addresses joined by '-' (the addresses themselves use ':').
        const QString range = a.parser.value(mac);
        const qsizetype dash = range.indexOf(QLatin1Char('-'), 17);
        if (dash != 17 || range.size() != 35)
            return out.fail(usage(QStringLiteral("line recipe create: --mac FIRST-LAST, e.g. 02:00:00:00:00:00-02:00:00:00:ff:ff (is '%1')").arg(range)));
        pools.insert(QStringLiteral("mac"), QJsonObject{{QStringLiteral("type"), QStringLiteral("mac")},
                                                        {QStringLiteral("first"), range.left(17)},
                                                        {QStringLiteral("last"), range.mid(18)}});
        config.append(QJsonObject{{QStringLiteral("key"), QStringLiteral("net.mac")}, {QStringLiteral("pool"), QStringLiteral("mac")}});
    }
    for (const QString &kv : a.parser.values(set)) {
        const qsizetype eq = kv.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return out.fail(usage(QStringLiteral("line recipe create: --set KEY=VALUE (is '%1')").arg(kv)));
        config.append(QJsonObject{{QStringLiteral("key"), kv.left(eq)}, {QStringLiteral("value"), kv.mid(eq + 1)}});
    }
    QStringList stepNames = a.parser.isSet(steps) ? a.parser.value(steps).split(QLatin1Char(','), Qt::SkipEmptyParts) : QStringList{};
    if (stepNames.isEmpty()) {
        if (a.parser.isSet(backup))
            stepNames << QStringLiteral("backup");
        if (!packages.isEmpty())
            stepNames << QStringLiteral("deploy");
        if (!config.isEmpty())
            stepNames << QStringLiteral("config");
        stepNames << QStringLiteral("verify");
    }
    QJsonArray stepArray;
    for (const QString &s : std::as_const(stepNames)) {
        QJsonObject step{{QStringLiteral("step"), s.trimmed()}};
        // Deploy resumes a broken transfer and config writes the same values: both are safe to
        // repeat, so a dropped link costs a retry, not a board.
        if (s == QLatin1String("deploy"))
            step.insert(QStringLiteral("retries"), 2);
        else if (s == QLatin1String("config") || s == QLatin1String("verify"))
            step.insert(QStringLiteral("retries"), 1);
        else if (s == QLatin1String("backup"))
            step.insert(QStringLiteral("dir"), a.parser.value(backup));
        stepArray.append(step);
    }
    QJsonObject json{{QStringLiteral("format"), QString::fromLatin1(kRecipeFormat)},
                     {QStringLiteral("name"), a.parser.isSet(name) ? a.parser.value(name) : QFileInfo(outPath).completeBaseName()},
                     {QStringLiteral("version"), a.parser.isSet(version) ? a.parser.value(version) : QStringLiteral("1")},
                     {QStringLiteral("board"), a.parser.value(board)},
                     {QStringLiteral("packages"), packages},
                     {QStringLiteral("pools"), pools},
                     {QStringLiteral("config"), config},
                     {QStringLiteral("steps"), stepArray},
                     {QStringLiteral("failedIdentifiers"),
                      a.parser.isSet(keep) ? QStringLiteral("keep-for-board") : QStringLiteral("void")}};
    // The same checks as every reader: a bad option gives a clear error and no file.
    auto recipe = Recipe::parse(QJsonDocument(json).toJson(), outDir.absolutePath());
    if (!recipe)
        return out.fail(recipe.error());
    if (auto pkgs = recipe->loadPackages(); !pkgs)
        return out.fail(pkgs.error());
    QSaveFile file(outPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(recipe->toJson()).toJson(QJsonDocument::Indented)) < 0
        || !file.commit())
        return out.fail(Error::make(ErrorKind::Io, QStringLiteral("cannot write %1: %2").arg(outPath, file.errorString())));
    out.text(QStringLiteral("recipe %1 written: %2 (SHA-256 %3)").arg(recipe->name, outPath, recipe->sha256()));
    out.result(recipeSummaryJson(*recipe, outPath));
    return ExitOk;
}

int cmdRecipeShow(const QStringList &args, Output &out)
{
    LineArgs a(QStringLiteral("line recipe show"), args, {}, 1, 1);
    if (a.error.isError())
        return out.fail(a.error);
    auto recipe = Recipe::load(a.at(0));
    if (!recipe)
        return failWith(out, recipe.error(), LineRecipeError);
    const Recipe &r = *recipe;
    out.text(QStringLiteral("recipe %1 version %2 for board %3").arg(r.name, r.version, r.board));
    out.text(QStringLiteral("  SHA-256 %1").arg(r.sha256()));
    for (int i = 0; i < r.packages.size(); ++i)
        out.text(QStringLiteral("  package %1 (SHA-256 %2)").arg(r.packagePath(i), r.packages[i].sha256));
    for (const PoolSpec &p : r.pools) {
        QString what = p.type == PoolType::Counter ? QStringLiteral("counter %1, %2..%3").arg(p.format).arg(p.first).arg(p.last)
                     : p.type == PoolType::Mac     ? QStringLiteral("MAC %1..%2").arg(formatMac(p.first), formatMac(p.last))
                     : p.type == PoolType::List    ? QStringLiteral("list %1 (%2 values)").arg(p.file).arg(p.values.size())
                                                   : QStringLiteral("unique id %1").arg(p.format);
        out.text(QStringLiteral("  pool %1: %2").arg(p.name, what));
    }
    for (const RecipeConfigEntry &e : r.config)
        out.text(QStringLiteral("  config %1 = %2").arg(e.key, e.pool.isEmpty() ? e.value : QStringLiteral("<pool %1>").arg(e.pool)));
    QStringList steps;
    for (const RecipeStep &s : r.steps)
        steps << (s.retries ? QStringLiteral("%1 (retries %2)").arg(stepName(s.kind)).arg(s.retries) : stepName(s.kind));
    out.text(QStringLiteral("  steps: %1").arg(steps.join(QStringLiteral(", "))));
    out.text(QStringLiteral("  identifiers of failed boards: %1")
                 .arg(r.failedIdentifiers == FailedIdentifierPolicy::Void ? QStringLiteral("void") : QStringLiteral("kept for the same board")));
    out.result(recipeSummaryJson(r, QFileInfo(a.at(0)).absoluteFilePath()));
    return ExitOk;
}

/** The password of the person a line command acts for (--by, --operator): PITON_LINE_PASSWORD
 *  (empty when unset; needed only for accounts that have a password). */
QString actingPassword()
{
    return qEnvironmentVariable("PITON_LINE_PASSWORD");
}

/** A new password: the first line of standard input (--password-stdin). */
QString passwordFromStdin()
{
    QTextStream in(stdin);
    return in.readLine();
}

int cmdRecipeRelease(const QStringList &args, Output &out)
{
    const QCommandLineOption db(QStringLiteral("db"), QStringLiteral("database"), QStringLiteral("URL"));
    const QCommandLineOption by(QStringLiteral("by"), QStringLiteral("engineer"), QStringLiteral("NAME"));
    LineArgs a(QStringLiteral("line recipe release"), args, {db, by}, 1, 1);
    if (a.error.isError())
        return out.fail(a.error);
    if (!a.parser.isSet(db))
        return out.fail(usage(QStringLiteral("line recipe release: --db URL is required (e.g. --db sqlite:line.db)")));
    const QString who = a.parser.isSet(by) ? a.parser.value(by) : qEnvironmentVariable("USER", QStringLiteral("unknown"));
    // The one release core has (the Line page's "Release recipe" runs it too): the recipe, its
    // packages against their pins, then the database. Errors of the recipe and its packages
    // are code 2, the database's (they start with "database: ") code 3.
    auto released = releaseRecipeFile(a.at(0), a.parser.value(db), who, actingPassword());
    if (!released)
        return failRecipeOrDb(out, released.error());
    const Recipe &recipe = released->recipe;
    out.text(QStringLiteral("released recipe %1 version %2 (SHA-256 %3) as #%4 by %5").arg(recipe.name, recipe.version, recipe.sha256()).arg(released->id).arg(who));
    out.result(QJsonObject{{QStringLiteral("released"), true}, {QStringLiteral("id"), released->id}, {QStringLiteral("sha256"), recipe.sha256()},
                           {QStringLiteral("by"), who}});
    return ExitOk;
}

int cmdAccount(const QStringList &args, Output &out)
{
    const QString what = args.value(0);
    const QCommandLineOption db(QStringLiteral("db"), QStringLiteral("database"), QStringLiteral("URL"));
    const QCommandLineOption role(QStringLiteral("role"), QStringLiteral("role"), QStringLiteral("operator|engineer"));
    const QCommandLineOption by(QStringLiteral("by"), QStringLiteral("engineer"), QStringLiteral("NAME"));
    const QCommandLineOption passwordStdin(QStringLiteral("password-stdin"), QStringLiteral("new password on stdin"));
    const bool add = what == QLatin1String("add"), passwd = what == QLatin1String("passwd");
    if (!add && !passwd && what != QLatin1String("list"))
        return out.fail(usage(QStringLiteral("line account: expected add, passwd or list")));
    LineArgs a(QStringLiteral("line account ") + what, args.mid(1),
               add ? QList<QCommandLineOption>{db, role, by, passwordStdin} : passwd ? QList<QCommandLineOption>{db, by} : QList<QCommandLineOption>{db},
               add || passwd ? 1 : 0, add || passwd ? 1 : 0);
    if (a.error.isError())
        return out.fail(a.error);
    if (!a.parser.isSet(db) || (add && !a.parser.isSet(role)))
        return out.fail(usage(add ? QStringLiteral("line account add: NAME, --role operator|engineer and --db URL are required")
                                  : QStringLiteral("line account %1: --db URL is required").arg(what)));
    auto database = LineDatabase::open(a.parser.value(db));
    if (!database)
        return failRecipeOrDb(out, database.error());
    const QString who = a.parser.isSet(by) ? a.parser.value(by) : qEnvironmentVariable("USER", QStringLiteral("unknown"));
    if (passwd) {
        // The new password: the first line of stdin; the actor's own: PITON_LINE_PASSWORD.
        if (auto ok = (*database)->setPassword(a.at(0), passwordFromStdin(), who, actingPassword()); !ok)
            return failRecipeOrDb(out, ok.error());
        out.text(QStringLiteral("password of %1 set by %2").arg(a.at(0), who));
        out.result(QJsonObject{{QStringLiteral("name"), a.at(0)}, {QStringLiteral("password"), true}, {QStringLiteral("by"), who}});
        return ExitOk;
    }
    if (add) {
        const QString password = a.parser.isSet(passwordStdin) ? passwordFromStdin() : QString();
        if (a.parser.isSet(passwordStdin) && password.isEmpty())
            return out.fail(usage(QStringLiteral("line account add: --password-stdin read no password (one line on standard input)")));
        if (auto ok = (*database)->addAccount(a.at(0), a.parser.value(role), who, password, actingPassword()); !ok)
            return failRecipeOrDb(out, ok.error());
        out.text(QStringLiteral("account %1 (%2) added by %3").arg(a.at(0), a.parser.value(role), who));
        out.result(QJsonObject{{QStringLiteral("name"), a.at(0)}, {QStringLiteral("role"), a.parser.value(role)}, {QStringLiteral("by"), who}});
        return ExitOk;
    }
    auto list = (*database)->accounts();
    if (!list)
        return failRecipeOrDb(out, list.error());
    for (const QJsonValue &v : *list)
        out.text(QStringLiteral("%1\t%2").arg(v.toObject().value(QStringLiteral("name")).toString(), v.toObject().value(QStringLiteral("role")).toString()));
    out.result(QJsonObject{{QStringLiteral("accounts"), *list}});
    return ExitOk;
}

std::atomic_int g_signal{0};

extern "C" void onStopSignal(int sig)
{
    g_signal.store(sig);
}

int cmdRun(const QStringList &args, const GlobalOptions &g, Output &out)
{
    const QCommandLineOption slot(QStringLiteral("slot"), QStringLiteral("slot"), QStringLiteral("URI"));
    const QCommandLineOption db(QStringLiteral("db"), QStringLiteral("database"), QStringLiteral("URL"));
    const QCommandLineOption station(QStringLiteral("station"), QStringLiteral("station"), QStringLiteral("NAME"));
    const QCommandLineOption count(QStringLiteral("count"), QStringLiteral("boards"), QStringLiteral("N"));
    const QCommandLineOption operatorOpt(QStringLiteral("operator"), QStringLiteral("operator"), QStringLiteral("NAME"));
    const QCommandLineOption poll(QStringLiteral("poll-ms"), QStringLiteral("poll period"), QStringLiteral("MS"));
    const QCommandLineOption journal(QStringLiteral("journal"), QStringLiteral("local journal"), QStringLiteral("PATH"));
    const QCommandLineOption lease(QStringLiteral("lease"), QStringLiteral("lease block size"), QStringLiteral("N"));
    const QCommandLineOption barcode(QStringLiteral("barcode"), QStringLiteral("scanned code"), QStringLiteral("SLOT=TEXT"));
    const QCommandLineOption barcodeStdin(QStringLiteral("barcode-stdin"), QStringLiteral("scanned codes on stdin"));
    LineArgs a(QStringLiteral("line run"), args, {slot, db, station, count, operatorOpt, poll, journal, lease, barcode, barcodeStdin}, 1, 1);
    if (a.error.isError())
        return out.fail(a.error);
    if (!a.parser.isSet(db))
        return out.fail(usage(QStringLiteral("line run: --db URL is required (e.g. --db sqlite:line.db)")));
    StationOptions opt;
    opt.databaseUrl = a.parser.value(db);
    opt.slotUris = a.parser.values(slot);
    opt.stationCode = a.parser.isSet(station) ? a.parser.value(station) : QSysInfo::machineHostName();
    opt.operatorName = a.parser.isSet(operatorOpt) ? a.parser.value(operatorOpt) : qEnvironmentVariable("USER", QStringLiteral("unknown"));
    opt.operatorPassword = actingPassword();
    opt.pitonVersion = QStringLiteral(PITON_VERSION);
    opt.journalPath = a.parser.value(journal);
    opt.credentialPath = g.credential; // --credential FILE; else the recipe's; else $PITON_CREDENTIAL or the setting
    opt.credentialOptional = g.credentialDefault;
    for (const auto &[option, target, minimum] :
         {std::tuple{&count, &opt.count, 1}, std::tuple{&poll, &opt.pollMs, 50}, std::tuple{&lease, &opt.leaseSize, 1}}) {
        if (!a.parser.isSet(*option))
            continue;
        bool ok = false;
        *target = a.parser.value(*option).toInt(&ok);
        if (!ok || *target < minimum)
            return out.fail(usage(QStringLiteral("line run: --%1 needs a number >= %2").arg(option->names().first()).arg(minimum)));
    }
    auto recipe = Recipe::load(a.at(0));
    if (!recipe)
        return failWith(out, recipe.error(), LineRecipeError);

    Station st(*recipe, opt);
    // A scanned code: "SLOT=TEXT" for slot SLOT (1-based), or "TEXT" for whichever slot waits.
    auto scan = [&st](const QString &line) -> Result<void> {
        static const QRegularExpression slotted(QStringLiteral("^([0-9]{1,4})=(.*)$"));
        const auto m = slotted.match(line.trimmed());
        return m.hasMatch() ? st.scanBarcode(m.captured(1).toInt() - 1, m.captured(2)) : st.scanBarcode(-1, line);
    };
    for (const QString &code : a.parser.values(barcode))
        if (auto ok = scan(code); !ok)
            return out.fail(usage(QStringLiteral("line run: --barcode %1: %2").arg(code, ok.error().message)));
    if (auto ok = st.prepare(); !ok)
        return failRecipeOrDb(out, ok.error());

    QTextStream stdoutStream(stdout);
    auto print = [&stdoutStream](const QJsonObject &o) {
        stdoutStream << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
        stdoutStream.flush();
    };
    QObject::connect(&st, &Station::event, &st, print);
    print(QJsonObject{{QStringLiteral("event"), QStringLiteral("station")},
                      {QStringLiteral("station"), opt.stationCode},
                      {QStringLiteral("recipe"), recipe->name},
                      {QStringLiteral("recipeSha256"), recipe->sha256()},
                      {QStringLiteral("slots"), QJsonArray::fromStringList(opt.slotUris)},
                      {QStringLiteral("count"), opt.count},
                      {QStringLiteral("interrupted"), st.summary().interrupted},
                      {QStringLiteral("journal"), st.journalMode() ? QJsonValue(st.journalPath()) : QJsonValue()},
                      {QStringLiteral("offline"), st.startedOffline()},
                      {QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}});
    out.log(LogLevel::Info, QStringLiteral("line run: %1 slots, recipe %2").arg(opt.slotUris.size()).arg(recipe->sha256()));

    g_signal.store(0);
    std::signal(SIGINT, onStopSignal);
    std::signal(SIGTERM, onStopSignal);
    QEventLoop loop;
    QTimer signalPoll;
    QObject::connect(&signalPoll, &QTimer::timeout, &st, [&st] {
        if (g_signal.load())
            st.stop();
    });
    signalPoll.start(100);
    // --barcode-stdin: one scanned code a line (a keyboard-wedge scanner types the code and Enter).
    std::unique_ptr<QSocketNotifier> stdinScans;
    QByteArray stdinBuffer;
    if (a.parser.isSet(barcodeStdin)) {
        stdinScans = std::make_unique<QSocketNotifier>(STDIN_FILENO, QSocketNotifier::Read);
        QObject::connect(stdinScans.get(), &QSocketNotifier::activated, &st, [&] {
            char chunk[4096];
            const ssize_t n = ::read(STDIN_FILENO, chunk, sizeof chunk);
            if (n <= 0) { // end of input: no more scans
                stdinScans->setEnabled(false);
                return;
            }
            stdinBuffer.append(chunk, qsizetype(n));
            qsizetype nl;
            while ((nl = stdinBuffer.indexOf('\n')) >= 0) {
                const QString line = QString::fromUtf8(stdinBuffer.left(nl)).trimmed();
                stdinBuffer.remove(0, nl + 1);
                if (line.isEmpty())
                    continue;
                if (auto ok = scan(line); !ok)
                    print(QJsonObject{{QStringLiteral("event"), QStringLiteral("barcode")}, {QStringLiteral("code"), line},
                                       {QStringLiteral("status"), QStringLiteral("refused")}, {QStringLiteral("error"), ok.error().message},
                                       {QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}});
            }
        });
    }
    QObject::connect(&st, &Station::finished, &loop, &QEventLoop::quit);
    st.start();
    loop.exec();
    // Events still queued from the workers come before the summary.
    QCoreApplication::processEvents();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);

    const StationSummary s = st.summary();
    const bool aborted = g_signal.load() != 0 && (opt.count == 0 || s.boards < opt.count);
    // A board whose scanned code clashed with another station's (found at catch-up) needs checking: 1.
    const int code = aborted ? LineAborted : (s.failed > 0 || s.aborted > 0 || s.conflicts > 0) ? LineBoardFailed : LineAllPassed;
    const double hours = double(s.elapsedMs) / 3600000.0;
    print(QJsonObject{{QStringLiteral("event"), QStringLiteral("summary")},
                      {QStringLiteral("boards"), s.boards},
                      {QStringLiteral("passed"), s.passed},
                      {QStringLiteral("failed"), s.failed},
                      {QStringLiteral("aborted"), s.aborted},
                      {QStringLiteral("recognised"), s.recognised},
                      {QStringLiteral("interruptedBefore"), s.interrupted},
                      {QStringLiteral("unsynced"), s.unsynced},
                      {QStringLiteral("conflicts"), s.conflicts},
                      {QStringLiteral("elapsedMs"), s.elapsedMs},
                      {QStringLiteral("boardsPerHour"), hours > 0 ? qRound(double(s.passed + s.failed) / hours) : 0},
                      {QStringLiteral("exitCode"), code},
                      {QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}});
    return code;
}

Result<qint64> parseSince(const QString &text)
{
    if (text.isEmpty())
        return qint64(0);
    const QChar unit = text.back();
    if (unit == QLatin1Char('h') || unit == QLatin1Char('d')) {
        bool ok = false;
        const qint64 n = text.chopped(1).toLongLong(&ok);
        if (ok && n >= 0)
            return QDateTime::currentMSecsSinceEpoch() - n * (unit == QLatin1Char('h') ? 3600000 : 86400000);
    }
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime(QDate::fromString(text, Qt::ISODate), QTime(0, 0), Qt::UTC);
    if (!t.isValid())
        return usage(QStringLiteral("line report: --since takes an ISO date/time (2026-12-04, 2026-12-04T06:00:00Z) or Nh / Nd, is '%1'").arg(text));
    if (t.timeSpec() == Qt::LocalTime && !text.contains(QLatin1Char('T')))
        t.setTimeSpec(Qt::UTC);
    return t.toMSecsSinceEpoch();
}

QString csvField(const QJsonValue &v)
{
    QString s = v.isDouble() ? QString::number(v.toDouble(), 'g', 6)
              : v.isObject() ? QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact))
                             : v.toVariant().toString();
    if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) || s.contains(QLatin1Char('\n')))
        s = QLatin1Char('"') + s.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    return s;
}

int cmdReport(const QStringList &args, Output &out)
{
    const QCommandLineOption db(QStringLiteral("db"), QStringLiteral("database"), QStringLiteral("URL"));
    const QCommandLineOption since(QStringLiteral("since"), QStringLiteral("since"), QStringLiteral("WHEN"));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("format"), QStringLiteral("csv|json"));
    const QCommandLineOption table(QStringLiteral("table"), QStringLiteral("table"), QStringLiteral("boards|yield"));
    const QCommandLineOption shift(QStringLiteral("shift"), QStringLiteral("shifts"), QStringLiteral("NAME=HH:MM-HH:MM,..."));
    LineArgs a(QStringLiteral("line report"), args, {db, since, format, table, shift}, 0, 0);
    if (a.error.isError())
        return out.fail(a.error);
    if (!a.parser.isSet(db))
        return out.fail(usage(QStringLiteral("line report: --db URL is required")));
    const QString fmt = a.parser.isSet(format) ? a.parser.value(format) : (out.json() ? QStringLiteral("json") : QStringLiteral("csv"));
    const QString tab = a.parser.isSet(table) ? a.parser.value(table) : QStringLiteral("boards");
    if (fmt != QLatin1String("csv") && fmt != QLatin1String("json"))
        return out.fail(usage(QStringLiteral("line report: --format csv or json")));
    if (tab != QLatin1String("boards") && tab != QLatin1String("yield"))
        return out.fail(usage(QStringLiteral("line report: --table boards or yield")));
    auto from = parseSince(a.parser.value(since));
    if (!from)
        return out.fail(from.error());
    QList<Shift> shifts;
    if (a.parser.isSet(shift)) {
        auto parsed = Shift::parseList(a.parser.value(shift));
        if (!parsed)
            return out.fail(usage(QStringLiteral("line report: --shift: %1").arg(parsed.error().message)));
        shifts = *parsed;
    }
    auto database = LineDatabase::open(a.parser.value(db));
    if (!database)
        return failRecipeOrDb(out, database.error());
    auto report = (*database)->report(*from, shifts);
    if (!report)
        return failRecipeOrDb(out, report.error());
    QTextStream s(stdout);
    if (fmt == QLatin1String("json")) {
        s << QJsonDocument(*report).toJson(QJsonDocument::Compact) << '\n';
        return ExitOk;
    }
    const QStringList columns = tab == QLatin1String("boards")
        ? QStringList{QStringLiteral("board"), QStringLiteral("uid"), QStringLiteral("serial"), QStringLiteral("identifiers"),
                      QStringLiteral("recipe"), QStringLiteral("recipeSha256"), QStringLiteral("packageSha256"), QStringLiteral("attempts"),
                      QStringLiteral("firstResult"), QStringLiteral("finalResult"), QStringLiteral("station"), QStringLiteral("slot"),
                      QStringLiteral("operator"), QStringLiteral("barcode"), QStringLiteral("shift"), QStringLiteral("failureStep"), QStringLiteral("lastError"),
                      QStringLiteral("firstStartedAt"), QStringLiteral("lastEndedAt"), QStringLiteral("conflict")}
        : QStringList{QStringLiteral("group"), QStringLiteral("key"), QStringLiteral("units"), QStringLiteral("firstPass"),
                      QStringLiteral("finalPass"), QStringLiteral("fpy"), QStringLiteral("finalYield"), QStringLiteral("attempts"),
                      QStringLiteral("attemptsPassed")};
    s << columns.join(QLatin1Char(',')) << '\n';
    for (const QJsonValue &row : report->value(tab).toArray()) {
        QStringList fields;
        for (const QString &c : columns)
            fields << csvField(row.toObject().value(c));
        s << fields.join(QLatin1Char(',')) << '\n';
    }
    return ExitOk;
}

} // namespace

int cmdLine(const QStringList &args, const GlobalOptions &g, Output &out)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("recipe")) {
        const QString what = args.value(1);
        if (what == QLatin1String("create"))
            return cmdRecipeCreate(args.mid(2), out);
        if (what == QLatin1String("show"))
            return cmdRecipeShow(args.mid(2), out);
        if (what == QLatin1String("release"))
            return cmdRecipeRelease(args.mid(2), out);
        return out.fail(usage(QStringLiteral("line recipe: expected create, show or release")));
    }
    if (sub == QLatin1String("run"))
        return cmdRun(args.mid(1), g, out);
    if (sub == QLatin1String("account"))
        return cmdAccount(args.mid(1), out);
    if (sub == QLatin1String("report"))
        return cmdReport(args.mid(1), out);
    return out.fail(usage(QStringLiteral("line: expected recipe, run, report or account (see piton-cli help line)")));
}

} // namespace piton::cli

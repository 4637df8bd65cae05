#include "harness.h"

#include "access/credential.h"
#include "device_client.h"
#include "line/line_database.h"
#include "link_uri.h"
#include "piton/protocol.h"

#include <QCoreApplication>

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QSqlQuery>
#include <QSqlRecord>

#include <csignal>
#include <sys/types.h>

namespace e2e {

QByteArray lineDatabaseDigest(const QString &url, const QStringList &tables)
{
    auto db = piton::line::LineDatabase::open(url);
    if (!db)
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString &table : tables) {
        auto q = (*db)->query(QStringLiteral("SELECT * FROM %1 ORDER BY 1").arg(table));
        if (!q)
            return {};
        while (q->next())
            for (int i = 0; i < q->record().count(); ++i)
                hash.addData(q->value(i).toString().toUtf8() + '\x1f');
        q->finish();
    }
    return hash.result().toHex();
}

QString cliPath() { return QStringLiteral(PITON_CLI_PATH); }
QString vboardPath() { return QStringLiteral(PITON_VBOARD_PATH); }
QString corpusDir() { return QStringLiteral(PITON_CORPUS_DIR); }

bool VirtualBoard::start(const QString &dir, const QString &board, const QString &trustKey, const QStringList &extra)
{
    stop();
    m_dir = dir;
    m_board = board;
    m_trustKey = trustKey;
    m_flash = dir + QStringLiteral("/") + board + QStringLiteral(".flash");
    m_serialLink = dir + QStringLiteral("/ttyPITON");
    m_process = std::make_unique<QProcess>();
    QStringList args{QStringLiteral("--board"), board, QStringLiteral("--flash"), m_flash,
                     QStringLiteral("--serial-link"), m_serialLink, QStringLiteral("--tcp"), QStringLiteral("127.0.0.1:0")};
    if (!trustKey.isEmpty())
        args << QStringLiteral("--trust-key") << trustKey;
    args << extra;
    // Niced through nice(1), which execs the board in its own process (the same pid for signals).
    const QString nice = m_nice > 0 ? QStandardPaths::findExecutable(QStringLiteral("nice")) : QString();
    if (!nice.isEmpty())
        m_process->start(nice, QStringList{QStringLiteral("-n"), QString::number(m_nice), vboardPath()} + args);
    else
        m_process->start(vboardPath(), args);
    if (!m_process->waitForStarted(5000)) {
        m_error = QStringLiteral("piton-vboard did not start: ") + m_process->errorString();
        return false;
    }
    QElapsedTimer t;
    t.start();
    while (!m_process->canReadLine() && t.elapsed() < 10000) {
        if (m_process->state() != QProcess::Running) {
            m_error = QStringLiteral("piton-vboard exited: ") + QString::fromUtf8(m_process->readAllStandardError());
            return false;
        }
        m_process->waitForReadyRead(100);
    }
    const QByteArray line = m_process->readLine();
    const QJsonObject ready = QJsonDocument::fromJson(line).object();
    m_tcp = ready.value(QStringLiteral("tcp")).toString();
    if (m_tcp.isEmpty() || ready.value(QStringLiteral("serial")).toString().isEmpty()) {
        m_error = QStringLiteral("bad ready line: ") + QString::fromUtf8(line) + QString::fromUtf8(m_process->readAllStandardError());
        return false;
    }
    return true;
}

bool VirtualBoard::restart(const QStringList &extra)
{
    diagnostics(); // keep what the board said before the restart
    stop();
    return start(m_dir, m_board, m_trustKey, extra);
}

bool VirtualBoard::advanceClock()
{
    if (!m_process)
        return false;
    static const QRegularExpression re(QStringLiteral("clock: skipped (\\d+) ms"));
    auto skipped = [&] {
        qint64 last = -1;
        for (QRegularExpressionMatchIterator it = re.globalMatch(QString::fromUtf8(diagnostics())); it.hasNext();)
            last = it.next().captured(1).toLongLong();
        return last;
    };
    const qint64 before = skipped();
    ::kill(pid_t(m_process->processId()), SIGRTMIN);
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 5000) {
        m_process->waitForReadyRead(50);
        if (skipped() > before)
            return true;
    }
    return false;
}

ClockPump::ClockPump(const VirtualBoard &board, int intervalMs)
{
    const pid_t pid = pid_t(board.pid());
    if (pid <= 0)
        return;
    m_thread = std::thread([this, pid, intervalMs] {
        while (!m_stop.load()) {
            ::kill(pid, SIGRTMIN);
            std::this_thread::sleep_for(std::chrono::milliseconds(intervalMs));
        }
    });
}

ClockPump::~ClockPump()
{
    m_stop.store(true);
    if (m_thread.joinable())
        m_thread.join();
}

QByteArray VirtualBoard::diagnostics()
{
    if (m_process) {
        // QProcess reads its pipes from the event loop: let it collect what the board wrote.
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        m_stderr += m_process->readAllStandardError();
    }
    return m_stderr;
}

QString VirtualBoard::flashOperations()
{
    if (!m_process)
        return {};
    const qsizetype from = diagnostics().size();
    ::kill(pid_t(m_process->processId()), SIGUSR1);
    static const QRegularExpression re(QStringLiteral("flash operations: (\\d+ \\(programs \\d+, erases \\d+\\))"));
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 5000) {
        m_process->waitForReadyRead(100);
        const QRegularExpressionMatch m = re.match(QString::fromUtf8(diagnostics().mid(from)));
        if (m.hasMatch())
            return m.captured(1);
    }
    return {};
}

void VirtualBoard::stop()
{
    if (!m_process)
        return;
    m_process->terminate();
    if (!m_process->waitForFinished(5000)) {
        m_process->kill();
        m_process->waitForFinished(2000);
    }
    m_process.reset();
}

QString CliRun::describe() const
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(exitCode).arg(QString::fromUtf8(out), QString::fromUtf8(err));
}

QProcessEnvironment cliEnvironment(const QString &lang)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"LC_ALL", "LC_MESSAGES", "LANGUAGE"})
        env.remove(QString::fromLatin1(name));
    env.insert(QStringLiteral("LANG"), lang);
    return env;
}

CliRun cliIn(const QProcessEnvironment &env, const QStringList &args, const QByteArray &input, int timeoutMs)
{
    CliRun r;
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(cliPath(), QStringList{QStringLiteral("--json")} + args);
    if (!p.waitForStarted(5000))
        return r;
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = "timed out";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    r.json = QJsonDocument::fromJson(lines.isEmpty() ? QByteArray() : lines.last()).object();
    return r;
}

CliRun cli(const QStringList &args, int timeoutMs, const QString &lang)
{
    return cliIn(cliEnvironment(lang), args, {}, timeoutMs);
}

QString makeCorpusPackage(const QString &dir, const QString &board, quint32 deploymentAddress, const QString &version,
                          const QString &privateKey, QString *problem)
{
    const QString hex = dir + QStringLiteral("/app.hex");
    *problem = relocateCorpusApp(deploymentAddress, hex);
    if (!problem->isEmpty())
        return {};
    const QString package = dir + QStringLiteral("/app.ptpkg");
    const CliRun r = cli({QStringLiteral("package"), QStringLiteral("create"), QStringLiteral("--board"), board, QStringLiteral("--version"),
                          version, QStringLiteral("--key"), privateKey, QStringLiteral("--application"), hex, QStringLiteral("-o"), package});
    if (r.exitCode != 0) {
        *problem = r.describe();
        return {};
    }
    return package;
}

QString relocateCorpusApp(quint32 deploymentAddress, const QString &hexPath)
{
    const QString corpus = corpusDir() + QStringLiteral("/microbit-micropython-1.0.1.hex");
    if (!QFile::exists(corpus))
        return corpus + QStringLiteral(" not found (../shared/corpus beside the tree)");
    const int rc = run(QStringLiteral("srec_cat"),
                       {corpus, QStringLiteral("-intel"), QStringLiteral("-crop"), QStringLiteral("0"), QStringLiteral("0x40000"),
                        QStringLiteral("-offset"), QStringLiteral("0x%1").arg(deploymentAddress, 8, 16, QLatin1Char('0')),
                        QStringLiteral("-o"), hexPath, QStringLiteral("-intel")});
    return rc == 0 ? QString() : QStringLiteral("srec_cat could not relocate %1 (exit %2)").arg(corpus).arg(rc);
}

int run(const QString &program, const QStringList &args, QByteArray *out, int timeoutMs)
{
    QProcess p;
    p.setStandardInputFile(QProcess::nullDevice());
    p.start(program, args);
    if (!p.waitForStarted(5000) || !p.waitForFinished(timeoutMs))
        return -1;
    if (out)
        *out = p.readAllStandardOutput();
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QString fileSha256(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex());
}

bool corruptFile(const QString &path, qint64 offset, qint64 length, quint8 mask)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadWrite) || f.size() < offset + length || !f.seek(offset))
        return false;
    QByteArray bytes = f.read(length);
    for (char &c : bytes)
        c = char(quint8(c) ^ mask);
    return f.seek(offset) && f.write(bytes) == length;
}

bool generateKeyPair(const QString &privatePath, const QString &publicPath)
{
    return cli({QStringLiteral("keys"), QStringLiteral("generate"), QStringLiteral("-o"), privatePath,
                QStringLiteral("--public"), publicPath}).exitCode == 0;
}

QMap<QString, QString> regionHashes(const QString &uri, const QString &dir)
{
    // In process, over one connection (what `piton-cli regions` and `piton-cli read` do, without
    // a process per region: under ASan each piton-cli start costs about 0.3 s, and the e2e tests
    // take these hashes before and after every refusal).
    QMap<QString, QString> hashes;
    auto client = connectDevice(uri);
    if (!client) {
        hashes.insert(QStringLiteral("(connect)"), QStringLiteral("connect failed: ") + uri);
        return hashes;
    }
    auto regions = client->regions();
    if (!regions) {
        hashes.insert(QStringLiteral("(regions)"), QStringLiteral("REGIONS failed: ") + regions.error().message);
        return hashes;
    }
    for (const piton::Region &region : regions.value()) {
        auto bytes = client->read(region.id, 0, region.size);
        if (!bytes) {
            hashes.insert(region.name, QStringLiteral("read failed: ") + bytes.error().message);
            continue;
        }
        QFile file(dir + QStringLiteral("/region-") + region.name + QStringLiteral(".bin")); // to look at when a test fails
        if (file.open(QIODevice::WriteOnly))
            file.write(bytes.value());
        hashes.insert(region.name, QString::fromLatin1(QCryptographicHash::hash(bytes.value(), QCryptographicHash::Sha256).toHex()));
    }
    return hashes;
}

/** The board profile ID.json from $PITON_BOARDS_DIR (as piton-vboard reads it), else the source tree's. */
QJsonObject boardProfile(const QString &board)
{
    const QString dir = qEnvironmentVariable("PITON_BOARDS_DIR", QStringLiteral(PITON_TEST_BOARDS_DIR));
    return QJsonDocument::fromJson(readFile(dir + QStringLiteral("/") + board + QStringLiteral(".json"))).object();
}

static quint32 parseAddress(const QJsonValue &v)
{
    return v.toString().toUInt(nullptr, 16);
}

/** Absolute address of a region in the board profile; 0 if absent. */
quint32 regionAddress(const QString &board, const QString &region)
{
    for (const QJsonValue &r : boardProfile(board).value(QStringLiteral("regions")).toArray())
        if (r.toObject().value(QStringLiteral("name")).toString() == region)
            return parseAddress(r.toObject().value(QStringLiteral("address")));
    return 0;
}

/** Where `address` lives in the flash file: the board's flash devices back to back, in the
 *  profile's order (device-firmware/ports/host/README.md). -1 when no device holds it. */
qint64 flashFileOffset(const QString &board, quint32 address)
{
    qint64 fileOffset = 0;
    for (const QJsonValue &d : boardProfile(board).value(QStringLiteral("flash")).toArray()) {
        const quint32 base = parseAddress(d.toObject().value(QStringLiteral("address")));
        qint64 size = 0;
        for (const QJsonValue &run : d.toObject().value(QStringLiteral("sectors")).toArray())
            size += qint64(run.toObject().value(QStringLiteral("count")).toInteger()) * run.toObject().value(QStringLiteral("size")).toInteger();
        if (address >= base && qint64(address - base) < size)
            return fileOffset + qint64(address - base);
        fileOffset += size;
    }
    return -1;
}

std::unique_ptr<piton::DeviceClient> connectDevice(const QString &uri, int timeoutMs)
{
    auto parsed = piton::LinkUri::parse(uri);
    if (!parsed)
        return nullptr;
    auto client = piton::DeviceClient::connect(parsed.value(), timeoutMs);
    if (!client) {
        qWarning("connect %s: %s", qPrintable(uri), qPrintable(client.error().message));
        return nullptr;
    }
    const piton::PingInfo &ping = client.value()->client().pingInfo();
    const QString path = qEnvironmentVariable("PITON_CREDENTIAL");
    const bool physical = parsed->kind != piton::LinkUri::Kind::Tcp;
    if (!path.isEmpty() && ping.has(PT_CAP_AUTH) && !(physical && ping.has(PT_CAP_WRITE))) {
        auto credential = piton::loadCredentialFile(path);
        if (!credential) {
            qWarning("%s: %s", qPrintable(path), qPrintable(credential.error().message));
            return nullptr;
        }
        auto role = piton::authenticate(client.value()->client(), *credential);
        if (!role && role.error().deviceStatus != PT_E_AUTH_FAILED) {
            qWarning("authenticate on %s: %s", qPrintable(uri), qPrintable(role.error().message));
            return nullptr;
        }
    }
    return std::move(client.value());
}

} // namespace e2e

#include "line/station.h"
#include "jobs/worker_threads.h"
#include "line/line_text_p.h"

#include "config/config_blob.h"
#include "jobs/config_jobs.h"
#include "jobs/deploy_job.h"
#include "jobs/device_jobs.h"
#include "jobs/session.h"
#include "line/line_database.h"
#include "line/thread_priority.h"
#include "link_uri.h"
#include "usb_devices.h"
#include "version.h"

#include "piton/protocol.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QSqlQuery>
#include <QSysInfo>
#include <QThread>

namespace piton::line {

namespace {

/** A slot URI as LinkUri takes it: a bare device path is a serial port. */
QString slotUriText(const QString &text)
{
    return text.startsWith(QLatin1Char('/')) ? QStringLiteral("serial:") + text : text;
}

/** A station code as part of a file name. */
QString fileSafeCode(QString code)
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9_.-]"));
    return code.replace(unsafe, QStringLiteral("_"));
}

QString levelName(LogLevel level)
{
    switch (level) {
    case LogLevel::Debug: return QStringLiteral("debug");
    case LogLevel::Info: return QStringLiteral("info");
    case LogLevel::Warning: return QStringLiteral("warning");
    case LogLevel::Error: return QStringLiteral("error");
    }
    return {};
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Accounts without the server: the journal's copy.

QString stationJournalPath(const QString &stationCode, const QString &journalPath)
{
    const QString path = !journalPath.isEmpty() ? journalPath
                                                : QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
                                                      .filePath(QStringLiteral("piton/line-journal-") + fileSafeCode(stationCode) + QStringLiteral(".db"));
    return QFileInfo(path).absoluteFilePath();
}

Result<qint64> checkAgainstAccountsCopy(LineDatabase &journal, const QString &stationCode, const Error &unreachable,
                                        const std::function<Result<void>()> &check)
{
    auto copied = journal.accountsCopiedAt(stationCode);
    if (!copied)
        return copied.error();
    if (!copied->has_value())
        return Error::make(unreachable.kind, QCoreApplication::translate("piton::line", "%1; the station cannot start without the server: %2")
                                                 .arg(unreachable.message,
                                                      QCoreApplication::translate("piton::line", "its journal holds no copy of the accounts to check the operator against "
                                                                                                 "(start it once while the server is reachable)")));
    if (auto ok = check(); !ok)
        return Error::make(ok.error().kind, QCoreApplication::translate("piton::line", "%1 (checked against the journal's copy of the accounts of %2, "
                                                                                      "the server is unreachable)")
                                                .arg(ok.error().message, QDateTime::fromMSecsSinceEpoch(**copied, Qt::UTC).toString(Qt::ISODate)));
    return **copied;
}

Result<StationLogIn> logInAtStation(const QString &databaseUrl, const QString &stationCode, const QString &name, const QString &password,
                                    const QString &journalPath)
{
    auto url = DatabaseUrl::parse(databaseUrl);
    if (!url)
        return url.error();
    auto db = LineDatabase::open(databaseUrl);
    if (db) {
        auto role = (*db)->authenticate(name, password);
        if (!role)
            return role.error();
        return StationLogIn{*role, false, QString(), QString(), 0};
    }
    if (!url->isPostgresql())
        return db.error();
    // The server is away: the journal's copy of the accounts, as a start without the server.
    StationLogIn in;
    in.offline = true;
    in.offlineReason = db.error().message;
    in.journalPath = stationJournalPath(stationCode, journalPath);
    if (!QFileInfo::exists(in.journalPath))
        return Error::make(db.error().kind, QCoreApplication::translate("piton::line", "%1; the station cannot start without the server: %2")
                                                .arg(db.error().message,
                                                     QCoreApplication::translate("piton::line", "its journal %1 does not exist yet (start it once while the server is reachable)")
                                                         .arg(in.journalPath)));
    auto journal = LineDatabase::openJournal(in.journalPath);
    if (!journal)
        return journal.error();
    auto copied = checkAgainstAccountsCopy(**journal, stationCode, db.error(), [&]() -> Result<void> {
        auto role = (*journal)->authenticate(name, password);
        if (!role)
            return role.error();
        in.role = *role;
        return {};
    });
    if (!copied)
        return copied.error();
    in.accountsCopiedAt = *copied;
    return in;
}

// ---------------------------------------------------------------------------------------------
// One slot: a worker thread that polls its link for a board and runs the recipe on each one.

class SlotWorker : public QThread {
public:
    SlotWorker(Station *station, int index, LinkUri uri) : m_station(station), m_index(index), m_uri(std::move(uri)) {}

    /** Cancels the job in progress, if any (the loop sees Station::stopping() itself). */
    void cancelJob()
    {
        QMutexLocker lock(&m_jobMutex);
        if (m_job)
            m_job->cancel();
    }

protected:
    void run() override;

private:
    enum class Outcome { Pass, Fail, Aborted, Recognised, Left };
    struct Attempt {
        QByteArray uid;
        qint64 attemptId = 0;
        QList<AllocatedIdentifier> identifiers;
        QList<StepRecord> steps;
        QStringList log;
        QElapsedTimer timer;
    };

    void post(QJsonObject e)
    {
        e.insert(QStringLiteral("slot"), m_index + 1);
        e.insert(QStringLiteral("uri"), m_uri.toString());
        m_station->post(std::move(e));
    }
    void state(const QString &name, QJsonObject extra = {})
    {
        extra.insert(QStringLiteral("event"), QStringLiteral("state"));
        extra.insert(QStringLiteral("state"), name);
        post(extra);
    }
    /** The station or this slot is stopped: no board is started, a running job ends. */
    bool halted() const { return m_station->stopping() || m_station->slotStopped(m_index); }
    /** Sleeps `ms` unless the station or the slot stops first, or (a USB slot) the watcher
     *  reports a board arriving or leaving. */
    void pause(int ms)
    {
        QElapsedTimer t;
        t.start();
        while (!halted() && t.elapsed() < ms && !m_station->usbChangePending(m_index))
            QThread::msleep(20);
    }
    /** Between two looks at the link: pollMs; a USB slot woken by the watcher looks by itself
     *  only every 5 s (or pollMs, when longer), in case a report was missed. */
    int pollPeriod() const
    {
        const int poll = m_station->options().pollMs;
        return m_station->usbWatched(m_index) ? qMax(poll, 5000) : poll;
    }

    Outcome runBoard(Session &session, const DeviceInfo &info);
    /** Waits for one accepted scan per barcode pool of the recipe (into `scanned`); false
     *  when the board left or the slot or station stopped first. */
    bool waitForScans(Session &session, const DeviceInfo &info, qint64 unitId, QHash<QString, QString> &scanned);
    Result<void> runStep(Session &session, const RecipeStep &step, int index, Attempt &attempt);
    Result<void> runJob(Job &job, const QString &step, Attempt &attempt);
    Result<void> checkSameBoard(Session &session, const Attempt &attempt);
    /** Journal mode: the unique id (hex) of the board the server records for a scanned code
     *  (nullopt inside: nobody); nullopt when the server cannot be asked now (tried again
     *  30 s after a failure). */
    std::optional<std::optional<QString>> centralBarcodeHolder(const QString &pool, const QString &code);

    Station *m_station;
    int m_index;
    LinkUri m_uri;
    std::unique_ptr<LineDatabase> m_db;
    std::unique_ptr<LineDatabase> m_central; // journal mode: for barcode checks, opened when first needed
    QElapsedTimer m_centralFailed;           // since the last failure to reach the server
    QMutex m_jobMutex;
    Job *m_job = nullptr;
};

void SlotWorker::run()
{
    const ThreadCryptoCleanup cryptoCleanup; // sessions use OpenSSL (worker_threads.h)
    lowerThreadPriority(slotNiceIncrement()); // below the window's thread (thread_priority.h)
    auto db = m_station->openRecordDatabase();
    if (!db) {
        post(QJsonObject{{QStringLiteral("event"), QStringLiteral("error")}, {QStringLiteral("error"), db.error().message}});
        return;
    }
    m_db = std::move(*db);
    state(QStringLiteral("empty"));
    QByteArray presentUid; // the board in the slot that has its result; empty when none
    int misses = 0;
    bool stoppedShown = false;
    while (!m_station->stopping()) {
        if (m_station->slotStopped(m_index)) { // stopped on its own: idle until started again
            if (!stoppedShown)
                state(QStringLiteral("stopped"));
            stoppedShown = true;
            presentUid.clear(); // started again, it looks at its link afresh
            misses = 0;
            QThread::msleep(20);
            continue;
        }
        if (stoppedShown)
            state(QStringLiteral("empty"));
        stoppedShown = false;
        // A USB slot: the watcher's word since the last look (a board arrived or left here).
        const int usbChange = m_station->takeUsbChange(m_index);
        if (usbChange) {
            post(QJsonObject{{QStringLiteral("event"), QStringLiteral("usb")},
                             {QStringLiteral("change"), (usbChange & 1) && (usbChange & 2) ? QStringLiteral("re-enumerated")
                                                        : (usbChange & 1)                    ? QStringLiteral("arrived")
                                                                                             : QStringLiteral("left")}});
            if ((usbChange & 2) && !(usbChange & 1) && !presentUid.isEmpty())
                misses = 1; // the watcher saw it go: one silent probe is enough
        }
        Session session(m_uri);
        session.setClientName(QStringLiteral("piton line %1/%2").arg(m_station->options().stationCode).arg(m_index + 1));
        auto opened = session.open(m_station->options().probeTimeoutMs);
        std::optional<DeviceInfo> info;
        if (opened) {
            auto i = session.device().info();
            if (i)
                info = *i;
        }
        if (!info) {
            session.close();
            // Debounce: two silent polls in a row before a finished board counts as removed.
            if (!presentUid.isEmpty() && ++misses >= 2) {
                state(QStringLiteral("removed"), {{QStringLiteral("uid"), QString::fromLatin1(presentUid.toHex())}});
                state(QStringLiteral("empty"));
                presentUid.clear();
            }
            pause(pollPeriod());
            continue;
        }
        misses = 0;
        if (!presentUid.isEmpty() && info->uniqueId == presentUid) {
            session.close(); // still there, still finished
            pause(pollPeriod());
            continue;
        }
        if (!presentUid.isEmpty()) { // swapped between two polls
            state(QStringLiteral("removed"), {{QStringLiteral("uid"), QString::fromLatin1(presentUid.toHex())}});
            presentUid.clear();
        }
        if (!m_station->takeBoard()) {
            session.close();
            pause(pollPeriod());
            continue;
        }
        const Outcome outcome = runBoard(session, *info);
        session.close();
        if (outcome == Outcome::Left) { // nothing was done to it: it counts when it is run
            m_station->returnBoard();
            continue;
        }
        m_station->boardDone(outcome == Outcome::Pass ? QStringLiteral("pass")
                             : outcome == Outcome::Fail ? QStringLiteral("fail")
                             : outcome == Outcome::Aborted ? QStringLiteral("aborted")
                                                           : QStringLiteral("recognised"));
        presentUid = info->uniqueId;
    }
    m_db.reset();
    m_central.reset();
}

Result<void> SlotWorker::runJob(Job &job, const QString &step, Attempt &attempt)
{
    QElapsedTimer throttle;
    QObject::connect(&job, &Job::logMessage, &job, [&attempt](LogLevel level, const QString &text) {
        attempt.log << QStringLiteral("%1 %2 %3").arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs), levelName(level), text);
    });
    QObject::connect(&job, &Job::progressChanged, &job, [&](const JobProgress &p) {
        // One progress event a second per slot, plus every phase's end.
        if (throttle.isValid() && throttle.elapsed() < 1000 && !(p.total > 0 && p.done >= p.total))
            return;
        throttle.start();
        post(QJsonObject{{QStringLiteral("event"), QStringLiteral("progress")},
                         {QStringLiteral("step"), step},
                         {QStringLiteral("phase"), p.phase},
                         {QStringLiteral("done"), p.done},
                         {QStringLiteral("total"), p.total},
                         {QStringLiteral("bytesPerSecond"), qint64(p.bytesPerSecond)},
                         {QStringLiteral("etaMs"), p.etaMs}});
    });
    {
        QMutexLocker lock(&m_jobMutex);
        m_job = &job;
        if (halted())
            job.cancel();
    }
    auto result = job.run();
    QMutexLocker lock(&m_jobMutex);
    m_job = nullptr;
    return result;
}

std::optional<std::optional<QString>> SlotWorker::centralBarcodeHolder(const QString &pool, const QString &code)
{
    if (m_centralFailed.isValid() && m_centralFailed.elapsed() < 30000)
        return std::nullopt;
    if (!m_central) {
        auto c = LineDatabase::open(m_station->options().databaseUrl);
        if (!c) {
            m_centralFailed.start();
            return std::nullopt;
        }
        m_central = std::move(*c);
    }
    auto held = m_central->barcodeHolderUid(pool, code);
    if (!held) {
        m_central.reset();
        m_centralFailed.start();
        return std::nullopt;
    }
    m_centralFailed.invalidate();
    return *held;
}

Result<void> SlotWorker::checkSameBoard(Session &session, const Attempt &attempt)
{
    auto info = session.device().info();
    if (!info)
        return info.error();
    if (info->uniqueId != attempt.uid)
        return Error::make(ErrorKind::Verify, QCoreApplication::translate("piton::line", "another board (unique id %1) answers in this slot now; the attempt's board was %2")
                                                  .arg(QString::fromLatin1(info->uniqueId.toHex()), QString::fromLatin1(attempt.uid.toHex())));
    return {};
}

Result<void> SlotWorker::runStep(Session &session, const RecipeStep &step, int index, Attempt &attempt)
{
    const Recipe &recipe = m_station->recipe();
    const QString name = stepName(step.kind);
    switch (step.kind) {
    case StepKind::Backup: {
        const QString dir = QDir::isAbsolutePath(step.dir) ? step.dir : QDir(recipe.baseDir).filePath(step.dir);
        if (!QDir().mkpath(dir))
            return Error::make(ErrorKind::Io, QCoreApplication::translate("piton::line", "cannot create the backup folder %1").arg(dir));
        ConfigBackupJob job(session, QDir(dir).filePath(QStringLiteral("%1-attempt%2.ptcfg")
                                                            .arg(QString::fromLatin1(attempt.uid.toHex()))
                                                            .arg(attempt.attemptId)));
        return runJob(job, name, attempt);
    }
    case StepKind::Deploy:
        for (int i = 0; i < m_station->packages().size(); ++i) {
            DeployJob job(session, m_station->packages().at(i), QFileInfo(recipe.packagePath(i)).fileName());
            job.setReconnectTimeout(step.timeoutMs);
            job.setConfirmTimeout(step.timeoutMs);
            if (auto ok = runJob(job, name, attempt); !ok)
                return ok;
            if (auto ok = checkSameBoard(session, attempt); !ok)
                return ok;
        }
        return {};
    case StepKind::Config: {
        QList<QPair<QString, QByteArray>> entries;
        for (const RecipeConfigEntry &e : recipe.config) {
            QString value = e.value;
            for (const AllocatedIdentifier &id : attempt.identifiers)
                if (id.key == e.key)
                    value = id.value;
            entries.append({e.key, value.toUtf8()});
        }
        ConfigSetJob job(session, entries);
        return runJob(job, name, attempt);
    }
    case StepKind::Verify: {
        for (int i = 0; i < m_station->packages().size(); ++i) {
            VerifyJob job(session, m_station->packages().at(i), QFileInfo(recipe.packagePath(i)).fileName());
            if (auto ok = runJob(job, name, attempt); !ok)
                return ok;
        }
        if (recipe.config.isEmpty())
            return {};
        auto config = readDeviceConfig(session.device());
        if (!config)
            return config.error();
        QStringList differences;
        for (const RecipeConfigEntry &e : recipe.config) {
            QString expected = e.value;
            for (const AllocatedIdentifier &id : attempt.identifiers)
                if (id.key == e.key)
                    expected = id.value;
            const QByteArray found = config->entries.value(e.key);
            if (found != expected.toUtf8())
                differences << QCoreApplication::translate("piton::line", "%1 is '%2', expected '%3'").arg(e.key, QString::fromUtf8(found), expected);
        }
        if (!differences.isEmpty())
            return Error::make(ErrorKind::Verify, QCoreApplication::translate("piton::line", "config read back differs: %1").arg(differences.join(QStringLiteral("; "))));
        attempt.log << QStringLiteral("%1 info config read back: %2 entries as written")
                           .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs))
                           .arg(recipe.config.size());
        return {};
    }
    case StepKind::Confirm:
        return session.device().confirm();
    case StepKind::Reboot: {
        RebootJob job(session, PT_REBOOT_NORMAL);
        job.setReconnectTimeout(step.timeoutMs);
        if (auto ok = runJob(job, name, attempt); !ok)
            return ok;
        return checkSameBoard(session, attempt);
    }
    case StepKind::Lock: {
        auto was = session.device().lock();
        if (!was)
            return was.error();
        auto info = session.device().info();
        if (!info)
            return info.error();
        if (!info->locked)
            return Error::make(ErrorKind::Verify, QCoreApplication::translate("piton::line", "the board answered LOCK but INFO still reports it unlocked"));
        attempt.log << QStringLiteral("%1 info %2")
                           .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs),
                                *was ? QStringLiteral("the board was locked already") : QStringLiteral("the board is locked for production"));
        return {};
    }
    }
    Q_UNUSED(index);
    return Error::make(ErrorKind::Usage, QCoreApplication::translate("piton::line", "step %1 is not supported").arg(name));
}

bool SlotWorker::waitForScans(Session &session, const DeviceInfo &info, qint64 unitId, QHash<QString, QString> &scanned)
{
    const Recipe &recipe = m_station->recipe();
    const QString uidHex = QString::fromLatin1(info.uniqueId.toHex());
    for (const PoolSpec &pool : recipe.pools) {
        if (pool.type != PoolType::Barcode)
            continue;
        state(QStringLiteral("scan"), {{QStringLiteral("uid"), uidHex}, {QStringLiteral("pool"), pool.name},
                                       {QStringLiteral("pattern"), pool.pattern}});
        QElapsedTimer presence;
        presence.start();
        while (true) {
            if (halted())
                return false;
            const std::optional<QString> code = m_station->takeScan(m_index);
            if (!code) {
                // Is the board still there? A board taken out before its scan was never run.
                if (presence.elapsed() >= m_station->options().pollMs) {
                    presence.restart();
                    if (!session.device().info()) {
                        state(QStringLiteral("removed"), {{QStringLiteral("uid"), uidHex}});
                        state(QStringLiteral("empty"));
                        return false;
                    }
                }
                QThread::msleep(20);
                continue;
            }
            Result<void> ok = pool.checkBarcode(*code);
            for (const RecipeConfigEntry &e : recipe.config)
                if (ok && e.pool == pool.name)
                    if (auto valid = validateConfigEntry(e.key, code->toUtf8()); !valid)
                        ok = lineUsage(QCoreApplication::translate("piton::line", "the scanned code '%1' cannot be config entry %2: %3").arg(*code, e.key, valid.error().message));
            if (ok) {
                auto holder = m_db->barcodeHolder(pool.name, *code);
                if (!holder)
                    ok = holder.error();
                else if (holder->has_value() && **holder != unitId)
                    ok = lineUsage(QCoreApplication::translate("piton::line", "pool '%1': the code '%2' is already given to another board").arg(pool.name, *code));
            }
            QString checkedAgainst = m_station->journalMode() ? QStringLiteral("journal") : QStringLiteral("database");
            if (ok && m_station->journalMode()) {
                // The journal knows this station's codes only: ask the server too while it is
                // reachable. Unreachable: the journal's answer stands, and a clash with another
                // station is flagged when the records catch up (JournalSync, importAttempt).
                if (auto held = centralBarcodeHolder(pool.name, *code)) {
                    checkedAgainst = QStringLiteral("server");
                    if (held->has_value() && **held != uidHex)
                        ok = lineUsage(QCoreApplication::translate("piton::line", "pool '%1': the code '%2' is already given to another board").arg(pool.name, *code));
                }
            }
            QJsonObject e{{QStringLiteral("event"), QStringLiteral("barcode")}, {QStringLiteral("uid"), uidHex},
                          {QStringLiteral("pool"), pool.name}, {QStringLiteral("code"), *code},
                          {QStringLiteral("status"), ok ? QStringLiteral("accepted") : QStringLiteral("refused")},
                          {QStringLiteral("checked"), checkedAgainst}};
            if (!ok)
                e.insert(QStringLiteral("error"), ok.error().message);
            post(e);
            if (ok) {
                scanned.insert(pool.name, *code);
                break;
            }
        }
    }
    return true;
}

SlotWorker::Outcome SlotWorker::runBoard(Session &session, const DeviceInfo &info)
{
    const Recipe &recipe = m_station->recipe();
    const StationOptions &opt = m_station->options();
    Attempt attempt;
    attempt.timer.start();
    attempt.uid = info.uniqueId;
    const QString uidHex = QString::fromLatin1(info.uniqueId.toHex());
    state(QStringLiteral("present"), {{QStringLiteral("uid"), uidHex}, {QStringLiteral("board"), info.boardId},
                                      {QStringLiteral("serialNumber"), info.serialNumber}});
    auto fatal = [&](const Error &e) {
        post(QJsonObject{{QStringLiteral("event"), QStringLiteral("error")}, {QStringLiteral("uid"), uidHex},
                         {QStringLiteral("error"), e.message}});
        state(QStringLiteral("failed"), {{QStringLiteral("uid"), uidHex}, {QStringLiteral("error"), e.message}});
        return Outcome::Fail;
    };
    auto unitId = m_db->unit(info.boardId, uidHex);
    if (!unitId)
        return fatal(unitId.error());
    auto passed = m_db->passedAttempt(*unitId, recipe.sha256());
    if (!passed)
        return fatal(passed.error());
    if (passed->has_value()) {
        // The identifiers it got then (read here, on the slot's thread: a view need not ask).
        QJsonObject given;
        if (auto q = m_db->query(QStringLiteral("SELECT identifiers FROM attempt WHERE id = ?"), {**passed}); q && q->next())
            given = QJsonDocument::fromJson(q->value(0).toString().toUtf8()).object();
        post(QJsonObject{{QStringLiteral("event"), QStringLiteral("result")}, {QStringLiteral("uid"), uidHex},
                         {QStringLiteral("result"), QStringLiteral("pass")}, {QStringLiteral("recognised"), true},
                         {QStringLiteral("attempt"), **passed}, {QStringLiteral("serialNumber"), info.serialNumber},
                         {QStringLiteral("identifiers"), given}});
        state(QStringLiteral("passed"), {{QStringLiteral("uid"), uidHex}, {QStringLiteral("recognised"), true}});
        return Outcome::Recognised;
    }
    QHash<QString, QString> scanned;
    if (!waitForScans(session, info, *unitId, scanned))
        return Outcome::Left;
    QStringList codes;
    for (const PoolSpec &pool : recipe.pools)
        if (scanned.contains(pool.name))
            codes << scanned.value(pool.name);
    auto start = m_db->startAttempt(*unitId, m_station->stationId(), m_uri.toString(), opt.operatorName, m_station->recipeId(),
                                    recipe.sha256(), recipe.failedIdentifiers, m_station->packageSha256(), opt.pitonVersion,
                                    codes.join(QLatin1Char(',')));
    if (!start)
        return fatal(start.error());
    attempt.attemptId = start->attemptId;

    AttemptEnd end;
    auto finish = [&](const QString &result) {
        end.result = result;
        end.log = attempt.log.join(QLatin1Char('\n'));
        if (auto after = session.isOpen() ? session.device().info() : Result<DeviceInfo>(Error::make(ErrorKind::Link, QString())); after) {
            if (after->bootloaderVersion)
                end.versions.insert(QStringLiteral("bootloader"), versionToString(*after->bootloaderVersion));
            if (after->firmwareVersion)
                end.versions.insert(QStringLiteral("firmware"), versionToString(*after->firmwareVersion));
            if (after->applicationVersion)
                end.versions.insert(QStringLiteral("application"), versionToString(*after->applicationVersion));
        }
        end.steps = attempt.steps;
        QJsonObject ids;
        for (const AllocatedIdentifier &id : attempt.identifiers)
            ids.insert(id.key, id.value);
        QJsonObject e{{QStringLiteral("event"), QStringLiteral("result")}, {QStringLiteral("uid"), uidHex},
                      {QStringLiteral("result"), result}, {QStringLiteral("attempt"), attempt.attemptId},
                      {QStringLiteral("attemptNo"), start->attemptNo}, {QStringLiteral("identifiers"), ids},
                      {QStringLiteral("versions"), end.versions}, {QStringLiteral("ms"), attempt.timer.elapsed()}};
        if (!end.failureStep.isEmpty())
            e.insert(QStringLiteral("failureStep"), end.failureStep);
        if (!end.error.isEmpty())
            e.insert(QStringLiteral("error"), end.error);
        if (auto ok = m_db->finishAttempt(attempt.attemptId, end, attempt.identifiers, recipe.failedIdentifiers); !ok) {
            e.insert(QStringLiteral("result"), QStringLiteral("fail"));
            e.insert(QStringLiteral("error"), QCoreApplication::translate("piton::line", "the attempt could not be recorded: %1").arg(ok.error().message));
            post(e);
            state(QStringLiteral("failed"), {{QStringLiteral("uid"), uidHex}});
            return Outcome::Fail;
        }
        post(e);
        state(result == QLatin1String("pass") ? QStringLiteral("passed") : QStringLiteral("failed"), {{QStringLiteral("uid"), uidHex}});
        return result == QLatin1String("pass") ? Outcome::Pass : result == QLatin1String("aborted") ? Outcome::Aborted : Outcome::Fail;
    };
    auto failAt = [&](const QString &step, const Error &e) {
        end.failureStep = step;
        end.error = e.message;
        attempt.log << QStringLiteral("%1 error %2: %3").arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs), step, e.message);
        return finish(e.kind == ErrorKind::Cancelled ? QStringLiteral("aborted") : QStringLiteral("fail"));
    };

    const int n = int(recipe.steps.size());
    state(QStringLiteral("running"), {{QStringLiteral("uid"), uidHex}, {QStringLiteral("attempt"), attempt.attemptId},
                                      {QStringLiteral("attemptNo"), start->attemptNo}, {QStringLiteral("steps"), n}});
    if (info.boardId != recipe.board)
        return failAt(QStringLiteral("identify"), Error::make(ErrorKind::Usage, QCoreApplication::translate("piton::line", "the board is a '%1', the recipe is for '%2'; nothing was changed")
                                                                                   .arg(info.boardId, recipe.board)));
    // The station's credential, for the board it runs (the polls stay unauthenticated: a
    // handshake a poll would spend the board's handshake rate limit): from here on, and after
    // every reconnect of the recipe's steps, the session is authenticated.
    if (m_station->credential() && session.ping().has(PT_CAP_AUTH)) {
        session.setCredential(m_station->credential());
        session.setCredentialOptional(m_station->credentialOptional());
        session.close(); // one handshake (reconnect() would try again until its timeout, spending the board's rate limit)
        if (auto ok = session.open(qMax(5000, opt.probeTimeoutMs * 5)); !ok)
            return failAt(QStringLiteral("identify"), Error::make(ok.error().kind, QCoreApplication::translate("piton::line", "the station's credential was refused: %1")
                                                                                       .arg(ok.error().message)));
    }
    if (auto claimed = session.claim(); !claimed)
        return failAt(QStringLiteral("identify"), claimed.error());
    auto ids = m_db->allocate(recipe, *unitId, attempt.attemptId, info.uniqueId, QDateTime::currentDateTimeUtc().date(), scanned);
    if (!ids)
        return failAt(QStringLiteral("allocate"), ids.error());
    attempt.identifiers = *ids;
    {
        QJsonObject given;
        QJsonArray reused;
        for (const AllocatedIdentifier &id : attempt.identifiers) {
            given.insert(id.key, id.value);
            if (id.reused)
                reused.append(id.key);
        }
        post(QJsonObject{{QStringLiteral("event"), QStringLiteral("identifiers")}, {QStringLiteral("uid"), uidHex},
                         {QStringLiteral("attempt"), attempt.attemptId}, {QStringLiteral("identifiers"), given},
                         {QStringLiteral("reused"), reused}});
    }

    for (int k = 0; k < n; ++k) {
        const RecipeStep &step = recipe.steps[k];
        const QString name = stepName(step.kind);
        StepRecord record{name, nowMs(), 0, QString(), 0, QString()};
        QElapsedTimer stepTimer;
        stepTimer.start();
        Result<void> result;
        for (int run = 0;; ++run) {
            post(QJsonObject{{QStringLiteral("event"), QStringLiteral("step")}, {QStringLiteral("step"), name},
                             {QStringLiteral("index"), k + 1}, {QStringLiteral("of"), n}, {QStringLiteral("run"), run + 1},
                             {QStringLiteral("status"), QStringLiteral("start")}});
            result = halted() ? Result<void>(Error::make(ErrorKind::Cancelled, m_station->stopping() ? QCoreApplication::translate("piton::line", "the station was stopped")
                                                                                                     : QCoreApplication::translate("piton::line", "the slot was stopped")))
                              : runStep(session, step, k, attempt);
            if (result || run >= step.retries || !stepRepeatSafe(step.kind) || result.error().kind == ErrorKind::Cancelled
                || halted())
                break;
            record.retries = run + 1;
            post(QJsonObject{{QStringLiteral("event"), QStringLiteral("step")}, {QStringLiteral("step"), name},
                             {QStringLiteral("index"), k + 1}, {QStringLiteral("of"), n}, {QStringLiteral("run"), run + 1},
                             {QStringLiteral("status"), QStringLiteral("retry")}, {QStringLiteral("error"), result.error().message}});
            attempt.log << QStringLiteral("%1 warning %2 failed (%3); retrying")
                               .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs), name, result.error().message);
            // A dropped link is the usual cause: reconnect (the session claims the board again).
            if (auto ok = session.reconnect(qMin(step.timeoutMs, 10000)); !ok) {
                result = ok;
                break;
            }
        }
        record.endedAt = nowMs();
        record.result = result ? QStringLiteral("pass") : QStringLiteral("fail");
        record.detail = result ? QString() : result.error().message;
        attempt.steps.append(record);
        post(QJsonObject{{QStringLiteral("event"), QStringLiteral("step")}, {QStringLiteral("step"), name},
                         {QStringLiteral("index"), k + 1}, {QStringLiteral("of"), n},
                         {QStringLiteral("status"), result ? QStringLiteral("pass") : QStringLiteral("fail")},
                         {QStringLiteral("ms"), stepTimer.elapsed()}, {QStringLiteral("retries"), record.retries}});
        if (!result)
            return failAt(name, result.error());
    }
    return finish(QStringLiteral("pass"));
}

// ---------------------------------------------------------------------------------------------
// Journal mode (PostgreSQL): keeps the journal stocked with leased identifiers and copies its
// ended attempts to the server; goes on trying while the server is unreachable.

namespace {

/** Leases blocks of `size` from `central` into `journal` until each pool of the recipe has at
 *  least `keep` values left for this station (ahead of time, so it can go on offline). */
Result<void> topUpLeases(LineDatabase &central, LineDatabase &journal, const Recipe &recipe, qint64 centralStationId, int size,
                         qint64 keep)
{
    for (const PoolSpec &pool : recipe.pools) {
        if (pool.type == PoolType::UniqueId || pool.type == PoolType::Barcode)
            continue; // the board or the operator brings the value
        auto left = journal.leasedRemaining(pool);
        if (!left)
            return left.error();
        qint64 remaining = *left;
        while (remaining < keep) {
            auto block = central.leaseBlock(pool, centralStationId, size);
            if (!block)
                return block.error();
            if (!block->has_value())
                break; // the pool is exhausted: the slots say so when they reach its end
            if (auto ok = journal.addLease(**block); !ok)
                return ok.error();
            remaining += (*block)->size();
        }
    }
    return {};
}

} // namespace

class JournalSync : public QThread {
public:
    explicit JournalSync(Station *station)
        : m_station(station), m_centralStationId(station->centralStationId()), m_centralRecipeId(station->centralRecipeId())
    {
    }
    /** The slots have stopped: copy what is left (waiting up to finalSyncMs), then end. */
    void finishUp() { m_finish.store(true); }
    int unsynced() const { return m_unsynced.load(); }
    int conflicts() const { return m_conflicts.load(); }

protected:
    void run() override
    {
        const ThreadCryptoCleanup cryptoCleanup; // worker_threads.h
        // Below the window's thread too, but not as far as the slots: it uses little CPU, and the
        // station's end waits for its last copy to the server.
        lowerThreadPriority(qMin(5, slotNiceIncrement()));
        auto journal = LineDatabase::openJournal(m_station->journalPath());
        if (!journal) {
            m_station->post(QJsonObject{{QStringLiteral("event"), QStringLiteral("error")}, {QStringLiteral("error"), journal.error().message}});
            return;
        }
        std::unique_ptr<LineDatabase> central;
        bool online = !m_station->startedOffline(); // prepare() reached it, or started without it
        QElapsedTimer finishing;
        while (true) {
            const bool last = m_finish.load();
            if (last && !finishing.isValid())
                finishing.start();
            Result<void> round = Error::make(ErrorKind::Io, QString());
            if (!central) {
                auto c = LineDatabase::open(m_station->options().databaseUrl);
                if (c)
                    central = std::move(*c);
                else
                    round = c.error();
            }
            if (central)
                round = syncRound(*central, **journal);
            auto pending = (*journal)->unsyncedCount();
            m_unsynced.store(pending ? *pending : -1);
            if (bool(round) != online) {
                online = bool(round);
                QJsonObject e{{QStringLiteral("event"), QStringLiteral("database")},
                              {QStringLiteral("state"), online ? QStringLiteral("online") : QStringLiteral("offline")},
                              {QStringLiteral("pending"), m_unsynced.load()}};
                if (!online)
                    e.insert(QStringLiteral("error"), round.error().message);
                m_station->post(e);
            }
            if (last && ((online && m_unsynced.load() == 0) || finishing.elapsed() >= m_station->options().finalSyncMs))
                break;
            for (int i = 0; i < 10 && (m_finish.load() == last); ++i)
                QThread::msleep(online ? 30 : 50);
        }
    }

private:
    Result<void> syncRound(LineDatabase &central, LineDatabase &journal)
    {
        const StationOptions &opt = m_station->options();
        // Is the server there? (A round that needs nothing from it would not notice.)
        if (auto ping = central.query(QStringLiteral("SELECT 1")); !ping)
            return ping.error();
        if (m_centralStationId == 0 || m_centralRecipeId == 0) { // started offline: the server's ids now
            auto recipeId = central.releasedRecipeId(m_station->recipe().sha256());
            if (!recipeId)
                return recipeId.error();
            auto stationId = central.station(opt.stationCode, QSysInfo::machineHostName(), opt.pitonVersion);
            if (!stationId)
                return stationId.error();
            m_centralRecipeId = *recipeId;
            m_centralStationId = *stationId;
        }
        if (auto ok = topUpLeases(central, journal, m_station->recipe(), m_centralStationId, opt.leaseSize, m_station->leaseReserve());
            !ok)
            return ok;
        // The journal's copy of the accounts (for a start without the server): at the first
        // round online and every minute after.
        if (!m_accountsCopied.isValid() || m_accountsCopied.elapsed() >= 60000) {
            if (auto ok = journal.copyAccountsFrom(central); !ok)
                return ok;
            m_accountsCopied.start();
        }
        auto attempts = journal.unsyncedAttempts(50);
        if (!attempts)
            return attempts.error();
        for (const JournalAttempt &a : *attempts) {
            QString conflict;
            auto id = central.importAttempt(a, opt.stationCode, m_centralStationId, m_centralRecipeId, &conflict);
            if (!id)
                return id.error();
            if (!conflict.isEmpty()) { // a code scanned here and elsewhere during an outage: flagged
                if (auto ok = journal.query(QStringLiteral("UPDATE attempt SET conflict = ? WHERE id = ?"), {conflict, a.localId}); !ok)
                    return ok.error();
                ++m_conflicts;
                m_station->post(QJsonObject{{QStringLiteral("event"), QStringLiteral("conflict")}, {QStringLiteral("uri"), a.slot},
                                            {QStringLiteral("slot"), slotNumber(a.slot)},
                                            {QStringLiteral("uid"), a.uid}, {QStringLiteral("attempt"), a.localId},
                                            {QStringLiteral("serverAttempt"), *id}, {QStringLiteral("error"), conflict}});
            }
            if (auto ok = journal.markSynced(a.localId); !ok)
                return ok;
        }
        return {};
    }

    /** The 1-based slot whose link is `uri` (as attempts record it), 0 for none. */
    int slotNumber(const QString &uri) const
    {
        const QStringList &uris = m_station->options().slotUris;
        for (int i = 0; i < uris.size(); ++i)
            if (auto u = LinkUri::parse(slotUriText(uris[i])); u && u->toString() == uri)
                return i + 1;
        return 0;
    }

    Station *m_station;
    qint64 m_centralStationId = 0, m_centralRecipeId = 0; // 0 until the server was reached
    QElapsedTimer m_accountsCopied; // when the journal's copy of the accounts was last taken
    std::atomic_bool m_finish{false};
    std::atomic_int m_unsynced{0};
    std::atomic_int m_conflicts{0};
};

// ---------------------------------------------------------------------------------------------

Station::Station(Recipe recipe, StationOptions options, QObject *parent)
    : QObject(parent), m_recipe(std::move(recipe)), m_options(std::move(options)),
      m_slotStopped(std::make_unique<std::atomic_bool[]>(size_t(m_options.slotUris.size())))
{
    for (int i = 0; i < m_options.slotUris.size(); ++i)
        m_scans.append(QStringList());
}

void Station::setSlotStopped(int index, bool stopped)
{
    if (index < 0 || index >= m_options.slotUris.size())
        return;
    m_slotStopped[size_t(index)].store(stopped);
    if (stopped && index < m_workers.size())
        m_workers[index]->cancelJob();
}

bool Station::slotStopped(int index) const
{
    return index >= 0 && index < m_options.slotUris.size() && m_slotStopped[size_t(index)].load();
}

Result<void> Station::scanBarcode(int index, const QString &code)
{
    const QString text = code.trimmed();
    bool any = false;
    for (const PoolSpec &pool : m_recipe.pools)
        any = any || pool.type == PoolType::Barcode;
    if (!any)
        return lineUsage(QCoreApplication::translate("piton::line", "the recipe has no barcode pool: a scanned code has nothing to provide"));
    if (index < -1 || index >= m_options.slotUris.size())
        return lineUsage(QCoreApplication::translate("piton::line", "there is no slot %1 (slots 1..%2)").arg(index + 1).arg(m_options.slotUris.size()));
    if (text.isEmpty())
        return lineUsage(QCoreApplication::translate("piton::line", "the scanned code is empty"));
    QMutexLocker lock(&m_mutex);
    if (index < 0)
        m_sharedScans << text;
    else
        m_scans[index] << text;
    return {};
}

std::optional<QString> Station::takeScan(int index)
{
    QMutexLocker lock(&m_mutex);
    if (index >= 0 && index < m_scans.size() && !m_scans[index].isEmpty())
        return m_scans[index].takeFirst();
    if (!m_sharedScans.isEmpty())
        return m_sharedScans.takeFirst();
    return std::nullopt;
}

void Station::returnBoard()
{
    QMutexLocker lock(&m_mutex);
    --m_taken;
}

Station::~Station()
{
    stop();
    if (m_usbThread) { // the watcher first: its reports wake workers that are ending anyway
        QMetaObject::invokeMethod(m_ownUsbWatcher, [w = m_ownUsbWatcher] { w->stop(); }, Qt::BlockingQueuedConnection);
        m_usbThread->quit();
        m_usbThread->wait();
        delete m_ownUsbWatcher;
        delete m_usbThread;
    }
    for (SlotWorker *w : std::as_const(m_workers)) {
        w->wait();
        delete w;
    }
    if (m_sync) {
        m_sync->finishUp();
        m_sync->wait();
        delete m_sync;
    }
}

Result<std::unique_ptr<LineDatabase>> Station::openRecordDatabase() const
{
    return m_journalMode ? LineDatabase::openJournal(m_journalPath) : LineDatabase::open(m_options.databaseUrl);
}

QString Station::packageSha256() const
{
    QStringList list;
    for (const RecipePackage &p : m_recipe.packages)
        list << p.sha256;
    return list.join(QLatin1Char(','));
}

bool Station::usesRecipeCredential() const
{
    return m_options.credentialPath.isEmpty() || (m_options.credentialOptional && !m_recipe.credentialPath().isEmpty());
}

Result<void> Station::prepare()
{
    if (m_options.slotUris.isEmpty())
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("piton::line", "no slot given (--slot URI, one per slot)"));
    QStringList seen;
    for (const QString &text : std::as_const(m_options.slotUris)) {
        auto uri = LinkUri::parse(slotUriText(text));
        if (!uri)
            return Error::make(ErrorKind::Usage, QCoreApplication::translate("piton::line", "slot '%1': %2").arg(text, uri.error().message));
        if (uri->kind == LinkUri::Kind::RomSerial)
            return Error::make(ErrorKind::Usage, QCoreApplication::translate("piton::line", "slot '%1': the ROM bootloader link is not supported in line mode").arg(text));
        if (seen.contains(uri->toString()))
            return Error::make(ErrorKind::Usage, QCoreApplication::translate("piton::line", "slot '%1' is given twice").arg(text));
        seen << uri->toString();
    }
    auto packages = m_recipe.loadPackages();
    if (!packages)
        return packages.error();
    m_packages = *packages;
    const QString credentialPath = usesRecipeCredential() ? m_recipe.credentialPath() : m_options.credentialPath;
    if (!credentialPath.isEmpty()) {
        auto credential = loadCredentialFile(credentialPath);
        if (!credential)
            return Error::make(credential.error().kind, QCoreApplication::translate("piton::line", "credential %1: %2")
                                                            .arg(credentialPath, credential.error().message));
        m_credential = *credential;
    }
    // One running station per code and database: a second one would take the first one's
    // running attempts for interrupted ones. A lock file beside the database (SQLite lives on a
    // local disk); one left by a killed station is stale and taken over (QLockFile checks the PID).
    auto url = DatabaseUrl::parse(m_options.databaseUrl);
    if (!url)
        return url.error();
    const QString code = fileSafeCode(m_options.stationCode);
    // PostgreSQL: the journal is this station's own; the lock lives beside it.
    m_journalMode = url->isPostgresql();
    if (m_journalMode) {
        m_journalPath = stationJournalPath(m_options.stationCode, m_options.journalPath);
        if (!QDir().mkpath(QFileInfo(m_journalPath).absolutePath()))
            return Error::make(ErrorKind::Io, QCoreApplication::translate("piton::line", "database: cannot create the folder of the journal %1").arg(m_journalPath));
    }
    const QString lockBase = m_journalMode ? m_journalPath : url->path;
    m_lock = std::make_unique<QLockFile>(lockBase + QStringLiteral(".station-") + code + QStringLiteral(".lock"));
    m_lock->setStaleLockTime(0);
    if (!m_lock->tryLock(0)) {
        qint64 pid = 0;
        QString host, app;
        m_lock->getLockInfo(&pid, &host, &app);
        return m_lock->error() == QLockFile::LockFailedError
                   ? Error::make(ErrorKind::Usage, QCoreApplication::translate("piton::line", "station '%1' is already running on this database (process %2 on %3); "
                                                          "give each running station its own --station name")
                                                       .arg(m_options.stationCode)
                                                       .arg(pid)
                                                       .arg(host))
                   : Error::make(ErrorKind::Io, QCoreApplication::translate("piton::line", "database: cannot create the station lock %1").arg(m_lock->fileName()));
    }
    auto db = LineDatabase::open(m_options.databaseUrl);
    if (!db && m_journalMode)
        return prepareOffline(db.error());
    if (!db)
        return db.error();
    auto recipeId = (*db)->releasedRecipeId(m_recipe.sha256());
    if (!recipeId)
        return recipeId.error();
    m_recipeId = m_centralRecipeId = *recipeId;
    // An operator runs released recipes only (above), under an account once roles are enforced.
    if (auto allowed = (*db)->requireRole(m_options.operatorName, QStringLiteral("operator"), m_options.operatorPassword); !allowed)
        return allowed.error();
    auto stationId = (*db)->station(m_options.stationCode, QSysInfo::machineHostName(), m_options.pitonVersion);
    if (!stationId)
        return stationId.error();
    m_stationId = m_centralStationId = *stationId;
    std::unique_ptr<LineDatabase> records = std::move(*db);
    if (m_journalMode) {
        // The journal mirrors the release and the station, holds the leased identifiers, and
        // takes every attempt first.
        auto journal = openOwnJournal();
        if (!journal)
            return journal.error();
        auto localRecipe = (*journal)->releaseRecipe(m_recipe, QStringLiteral("(mirror)"));
        if (!localRecipe)
            return localRecipe.error();
        m_recipeId = *localRecipe;
        auto localStation = (*journal)->station(m_options.stationCode, QSysInfo::machineHostName(), m_options.pitonVersion);
        if (!localStation)
            return localStation.error();
        m_stationId = *localStation;
        // The accounts, for a later start without the server (prepareOffline checks the operator there).
        if (auto ok = (*journal)->copyAccountsFrom(*records); !ok)
            return ok.error();
        if (m_options.leaseSize < 1 || m_options.leaseSize > 10000)
            return Error::make(ErrorKind::Usage, QCoreApplication::translate("piton::line", "the lease size must be 1..10000"));
        if (auto ok = topUpLeases(*records, **journal, m_recipe, m_centralStationId, m_options.leaseSize, leaseReserve()); !ok)
            return ok.error();
        records = std::move(*journal);
    }
    auto interrupted = records->markInterrupted(m_stationId);
    if (!interrupted)
        return interrupted.error();
    m_summary.interrupted = *interrupted;
    return {};
}

Result<std::unique_ptr<LineDatabase>> Station::openOwnJournal() const
{
    auto journal = LineDatabase::openJournal(m_journalPath);
    if (!journal)
        return journal.error();
    auto owner = (*journal)->query(QStringLiteral("SELECT code FROM station WHERE code <> ?"), {m_options.stationCode});
    if (!owner)
        return owner.error();
    if (owner->next())
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("piton::line", "the journal %1 belongs to station '%2'; give this station its own --journal")
                                                 .arg(m_journalPath, owner->value(0).toString()));
    owner->finish();
    return std::move(*journal);
}

Result<void> Station::prepareOffline(const Error &unreachable)
{
    // The server is away: the station may go on from its journal when an earlier online start
    // left there what it needs (the release, leased values of every pool); the journal's
    // attempts and the server's ids are reconciled by the sync thread once it is back.
    const auto refuse = [&](const QString &why) {
        return Error::make(unreachable.kind, QCoreApplication::translate("piton::line", "%1; the station cannot start without the server: %2").arg(unreachable.message, why));
    };
    if (!QFileInfo::exists(m_journalPath))
        return refuse(QCoreApplication::translate("piton::line", "its journal %1 does not exist yet (start it once while the server is reachable)").arg(m_journalPath));
    auto journal = openOwnJournal();
    if (!journal)
        return journal.error();
    auto recipeId = (*journal)->releasedRecipeId(m_recipe.sha256());
    if (!recipeId)
        return refuse(QCoreApplication::translate("piton::line", "this recipe was never run by this station while the server was reachable"));
    for (const PoolSpec &pool : m_recipe.pools) {
        if (pool.type == PoolType::UniqueId || pool.type == PoolType::Barcode)
            continue;
        auto left = (*journal)->leasedRemaining(pool);
        if (!left)
            return left.error();
        if (*left <= 0)
            return refuse(QCoreApplication::translate("piton::line", "no value of pool '%1' is leased to it").arg(pool.name));
    }
    // The operator, against the journal's copy of the accounts (taken at every online start and
    // kept current by the sync thread): a start without the server is no way around the roles.
    if (auto allowed = checkAgainstAccountsCopy(**journal, m_options.stationCode, unreachable, [&] {
            return (*journal)->requireRole(m_options.operatorName, QStringLiteral("operator"), m_options.operatorPassword);
        });
        !allowed)
        return allowed.error();
    auto stationId = (*journal)->station(m_options.stationCode, QSysInfo::machineHostName(), m_options.pitonVersion);
    if (!stationId)
        return stationId.error();
    m_recipeId = *recipeId;
    m_stationId = *stationId;
    m_centralRecipeId = m_centralStationId = 0; // resolved by the sync thread
    m_startedOffline = true;
    m_offlineReason = unreachable.message;
    auto interrupted = (*journal)->markInterrupted(m_stationId);
    if (!interrupted)
        return interrupted.error();
    m_summary.interrupted = *interrupted;
    return {};
}

void Station::setUsbWatcher(UsbDeviceWatcher *watcher)
{
    m_usbWatcher = watcher;
}

bool Station::usbWatched(int index) const
{
    return index >= 0 && index < m_usbSlot.size() && m_usbSlot[index];
}

int Station::takeUsbChange(int index)
{
    return usbWatched(index) ? m_usbChange[size_t(index)].exchange(0) : 0;
}

bool Station::usbChangePending(int index) const
{
    return usbWatched(index) && m_usbChange[size_t(index)].load() != 0;
}

void Station::usbChanged(const UsbDeviceEntry &entry, int bit)
{
    for (int i = 0; i < m_usbSlot.size(); ++i) {
        if (!m_usbSlot[i])
            continue;
        auto uri = LinkUri::parse(slotUriText(m_options.slotUris[i]));
        if (uri && uri->usb.matches(entry))
            m_usbChange[size_t(i)].fetch_or(bit);
    }
}

void Station::connectUsbWatcher(UsbDeviceWatcher *watcher)
{
    // Direct: the reports only set per-slot flags (atomic), from whichever thread the watcher is on.
    connect(watcher, &UsbDeviceWatcher::deviceArrived, this, [this](const UsbDeviceEntry &e) { usbChanged(e, 1); }, Qt::DirectConnection);
    connect(watcher, &UsbDeviceWatcher::deviceLeft, this, [this](const UsbDeviceEntry &e) { usbChanged(e, 2); }, Qt::DirectConnection);
}

void Station::start()
{
    m_startMs = nowMs();
    m_stop.store(false);
    // USB slots by port path: woken by the watcher's reports instead of being polled.
    m_usbChange = std::make_unique<std::atomic_int[]>(size_t(m_options.slotUris.size()));
    m_usbSlot.clear();
    bool anyUsb = false;
    for (const QString &text : std::as_const(m_options.slotUris)) {
        auto uri = LinkUri::parse(slotUriText(text));
        const bool usb = uri && uri->kind == LinkUri::Kind::Usb && !uri->usb.path.isEmpty();
        m_usbSlot.append(usb);
        anyUsb = anyUsb || usb;
    }
    if (anyUsb && !m_usbWatcher) {
        // The station's own watcher, on a thread of its own: its enumerations (libusb, every
        // second and at hotplug events) never run on the window's thread.
        m_usbThread = new QThread;
        m_usbThread->setObjectName(QStringLiteral("line-usb-watch"));
        m_ownUsbWatcher = new UsbDeviceWatcher;
        m_ownUsbWatcher->moveToThread(m_usbThread);
        m_usbWatcher = m_ownUsbWatcher;
        m_usbThread->start();
        connectUsbWatcher(m_usbWatcher);
        QMetaObject::invokeMethod(m_ownUsbWatcher, [w = m_ownUsbWatcher] { w->start(); }, Qt::QueuedConnection);
    } else if (anyUsb) {
        connectUsbWatcher(m_usbWatcher);
    } else {
        m_usbSlot.fill(false);
    }
    for (int i = 0; i < m_options.slotUris.size(); ++i) {
        auto *worker = new SlotWorker(this, i, *LinkUri::parse(slotUriText(m_options.slotUris[i])));
        connect(worker, &QThread::finished, this, &Station::workerEnded, Qt::QueuedConnection);
        m_workers.append(worker);
    }
    m_running = int(m_workers.size());
    if (m_journalMode) {
        m_sync = new JournalSync(this);
        connect(m_sync, &QThread::finished, this, &Station::syncEnded, Qt::QueuedConnection);
        m_sync->start();
    }
    for (SlotWorker *w : std::as_const(m_workers))
        w->start();
}

void Station::stop()
{
    m_stop.store(true);
    for (SlotWorker *w : std::as_const(m_workers))
        w->cancelJob();
}

void Station::workerEnded()
{
    --m_running;
    maybeFinished();
}

void Station::syncEnded()
{
    m_syncEnded = true;
    maybeFinished();
}

void Station::maybeFinished()
{
    if (m_running > 0 || m_finishedSent)
        return;
    if (m_sync && !m_syncEnded) {
        m_sync->finishUp(); // finished() once the journal is copied (or finalSyncMs passed)
        return;
    }
    m_finishedSent = true;
    emit finished();
}

bool Station::takeBoard()
{
    QMutexLocker lock(&m_mutex);
    if (m_stop.load() || (m_options.count > 0 && m_taken >= m_options.count))
        return false;
    ++m_taken;
    return true;
}

void Station::boardDone(const QString &result)
{
    bool done = false;
    {
        QMutexLocker lock(&m_mutex);
        ++m_summary.boards;
        if (result == QLatin1String("pass"))
            ++m_summary.passed;
        else if (result == QLatin1String("fail"))
            ++m_summary.failed;
        else if (result == QLatin1String("aborted"))
            ++m_summary.aborted;
        else
            ++m_summary.recognised;
        done = m_options.count > 0 && m_summary.boards >= m_options.count;
    }
    if (done)
        m_stop.store(true); // the other slots are idle: the budget was used up by finished boards
}

void Station::post(QJsonObject e)
{
    e.insert(QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    // Batched: one queued call to the Station's thread per batch of events, not one per event
    // (16 slots post hundreds a second; each queued call takes the receiving thread's event
    // queue lock, which the window's thread then waits for).
    bool first = false;
    {
        QMutexLocker lock(&m_eventMutex);
        first = m_pendingEvents.isEmpty();
        m_pendingEvents.append(std::move(e));
    }
    if (first)
        QMetaObject::invokeMethod(this, &Station::deliverEvents, Qt::QueuedConnection);
}

void Station::deliverEvents()
{
    QList<QJsonObject> batch;
    {
        QMutexLocker lock(&m_eventMutex);
        batch.swap(m_pendingEvents);
    }
    for (const QJsonObject &e : std::as_const(batch))
        emit event(e);
}

StationSummary Station::summary() const
{
    QMutexLocker lock(&m_mutex);
    StationSummary s = m_summary;
    s.elapsedMs = m_startMs ? nowMs() - m_startMs : 0;
    s.unsynced = m_sync ? qMax(0, m_sync->unsynced()) : 0;
    s.conflicts = m_sync ? m_sync->conflicts() : 0;
    return s;
}

} // namespace piton::line

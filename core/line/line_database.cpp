#include "line/line_database.h"
#include "line/line_text_p.h"
#include "line/password.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QMap>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlRecord>
#include <QUrl>

#include <array>
#include <QSqlQuery>

namespace piton::line {

namespace {

Error dbError(const QString &what)
{
    return Error::make(ErrorKind::Io, QCoreApplication::translate("piton::line", "database: %1").arg(what));
}

QString policyName(FailedIdentifierPolicy p)
{
    return p == FailedIdentifierPolicy::Void ? QStringLiteral("void") : QStringLiteral("keep-for-board");
}

// The schema, one entry per version. Plain SQL that PostgreSQL also takes, except the id column
// type ({id}: SQLite's rowid alias here; an identity column for PostgreSQL) and BIGINT times
// (ms since the epoch, UTC). Never edit a released migration: add the next one.
const QList<QStringList> &migrations()
{
    static const QList<QStringList> list{
        // 1: stations, recipes, pools, identifiers, units, attempts, steps.
        {
            QStringLiteral("CREATE TABLE station (id {id}, code TEXT NOT NULL UNIQUE, hostname TEXT, piton_version TEXT, "
                           "last_seen_at BIGINT)"),
            QStringLiteral("CREATE TABLE recipe (id {id}, name TEXT NOT NULL, version TEXT, board TEXT NOT NULL, "
                           "sha256 TEXT NOT NULL UNIQUE, content TEXT NOT NULL, state TEXT NOT NULL, released_by TEXT, released_at BIGINT)"),
            QStringLiteral("CREATE TABLE id_pool (id {id}, name TEXT NOT NULL UNIQUE, type TEXT NOT NULL, definition TEXT NOT NULL, "
                           "definition_sha256 TEXT NOT NULL, next_value BIGINT, end_value BIGINT)"),
            QStringLiteral("CREATE TABLE unit (id {id}, board TEXT NOT NULL, chip_uid TEXT NOT NULL, serial TEXT, state TEXT NOT NULL, "
                           "first_seen_at BIGINT NOT NULL, UNIQUE (board, chip_uid))"),
            QStringLiteral("CREATE TABLE attempt (id {id}, unit_id BIGINT NOT NULL REFERENCES unit(id), "
                           "station_id BIGINT NOT NULL REFERENCES station(id), slot TEXT NOT NULL, operator TEXT, "
                           "recipe_id BIGINT NOT NULL REFERENCES recipe(id), recipe_sha256 TEXT NOT NULL, identifier_policy TEXT NOT NULL, "
                           "piton_version TEXT, attempt_no INTEGER NOT NULL, started_at BIGINT NOT NULL, ended_at BIGINT, "
                           "result TEXT NOT NULL, failure_step TEXT, error TEXT, package_sha256 TEXT, versions TEXT, "
                           "identifiers TEXT, log TEXT)"),
            QStringLiteral("CREATE INDEX attempt_station ON attempt (station_id, started_at)"),
            QStringLiteral("CREATE INDEX attempt_unit ON attempt (unit_id)"),
            QStringLiteral("CREATE INDEX attempt_running ON attempt (station_id, result)"),
            QStringLiteral("CREATE TABLE identifier (id {id}, pool_id BIGINT NOT NULL REFERENCES id_pool(id), value TEXT NOT NULL, "
                           "state TEXT NOT NULL, unit_id BIGINT REFERENCES unit(id), attempt_id BIGINT REFERENCES attempt(id), "
                           "assigned_at BIGINT, UNIQUE (pool_id, value))"),
            QStringLiteral("CREATE INDEX identifier_unit ON identifier (pool_id, unit_id, state)"),
            QStringLiteral("CREATE INDEX identifier_free ON identifier (pool_id, state, id)"),
            QStringLiteral("CREATE TABLE step_result (attempt_id BIGINT NOT NULL REFERENCES attempt(id), seq INTEGER NOT NULL, "
                           "step TEXT NOT NULL, started_at BIGINT NOT NULL, ended_at BIGINT NOT NULL, result TEXT NOT NULL, "
                           "retries INTEGER NOT NULL, detail TEXT, PRIMARY KEY (attempt_id, seq))"),
        },
        // 2: leases of identifier blocks to stations, and what a station's local journal needs
        // (docs/line-mode.md, "Leases" and "Journal"). In a journal, id_lease holds the blocks
        // the station was given (ids as in the central database) and id_pool.next_value /
        // end_value its current block; attempt.synced_at marks records copied to the server,
        // where attempt.origin names them (station/local id/start) so a copy is never made twice.
        {
            QStringLiteral("CREATE TABLE id_lease (id {id}, pool_id BIGINT NOT NULL REFERENCES id_pool(id), station_id BIGINT REFERENCES station(id), "
                           "first_value BIGINT, last_value BIGINT, size INTEGER NOT NULL, state TEXT NOT NULL, leased_at BIGINT NOT NULL)"),
            QStringLiteral("CREATE INDEX id_lease_pool ON id_lease (pool_id, state, id)"),
            QStringLiteral("ALTER TABLE identifier ADD COLUMN lease_id BIGINT REFERENCES id_lease(id)"),
            QStringLiteral("ALTER TABLE attempt ADD COLUMN origin TEXT"),
            QStringLiteral("CREATE UNIQUE INDEX attempt_origin ON attempt (origin)"),
            QStringLiteral("ALTER TABLE attempt ADD COLUMN synced_at BIGINT"),
            QStringLiteral("CREATE INDEX attempt_unsynced ON attempt (synced_at, result)"),
        },
        // 3: local accounts and their roles (docs/line-mode.md, "Roles").
        {
            QStringLiteral("CREATE TABLE account (id {id}, name TEXT NOT NULL UNIQUE, role TEXT NOT NULL, created_by TEXT, created_at BIGINT NOT NULL)"),
        },
        // 4: the codes an operator scanned for an attempt (barcode pools), as scanned.
        {
            QStringLiteral("ALTER TABLE attempt ADD COLUMN barcode TEXT"),
        },
        // 5: account passwords, as PBKDF2 hashes (line/password.h); NULL: none set.
        {
            QStringLiteral("ALTER TABLE account ADD COLUMN password_hash TEXT"),
        },
        // 6: a station's journal keeps a copy of the central accounts (copyAccountsFrom), so that an
        // offline start checks the operator too; when it was last taken (NULL: never).
        {
            QStringLiteral("ALTER TABLE station ADD COLUMN accounts_copied_at BIGINT"),
            // A scanned code that another board already held when the attempt reached the
            // server (two stations scanned it during an outage): what clashed; NULL: nothing.
            QStringLiteral("ALTER TABLE attempt ADD COLUMN conflict TEXT"),
        },
    };
    return list;
}

QAtomicInt g_connectionCounter;

// Every difference between the SQL dialects, in one place. The migrations and statements are
// plain SQL both take; what differs is the id column, how a write transaction takes its lock
// and the session settings.
struct Dialect {
    QString driver;           ///< Qt SQL driver
    QString package;          ///< the Debian package that holds it
    QString idColumn;         ///< {id} in the migrations
    QStringList beginWrite;   ///< opens a write transaction
    QStringList afterConnect; ///< session settings
};

const Dialect &dialect(DatabaseUrl::Kind kind)
{
    // SQLite: BEGIN IMMEDIATE takes the file's write lock at once (waiting up to the busy
    // timeout); a plain BEGIN would fail with SQLITE_BUSY at the first write after a read.
    // WAL: readers do not block the writer; FULL: a committed attempt survives a power cut.
    static const Dialect sqlite{QStringLiteral("QSQLITE"), QStringLiteral("libqt6sql6-sqlite"), QStringLiteral("INTEGER PRIMARY KEY"),
                                {QStringLiteral("BEGIN IMMEDIATE")},
                                {QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA synchronous=FULL"),
                                 QStringLiteral("PRAGMA foreign_keys=ON")}};
    // PostgreSQL: a write transaction takes one transaction-scoped advisory lock, the same for
    // every writer (https://www.postgresql.org/docs/15/explicit-locking.html §13.3.5), so that
    // read-then-write transactions are serialised as SQLite's BEGIN IMMEDIATE serialises them;
    // it is released by COMMIT/ROLLBACK and by a connection that dies. Lease grants do not take
    // it (LineDatabase::leaseBlock: one UPDATE ... RETURNING, atomic by its row lock).
    static const Dialect postgresql{QStringLiteral("QPSQL"), QStringLiteral("libqt6sql6-psql"),
                                    QStringLiteral("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
                                    {QStringLiteral("BEGIN"), QStringLiteral("SELECT pg_advisory_xact_lock(7310512)")},
                                    {QStringLiteral("SET client_min_messages = warning")}};
    return kind == DatabaseUrl::Kind::Postgresql ? postgresql : sqlite;
}

/** libpq's texts for a connection that is gone or cannot be made. */
Error leasesUsedUp(const QString &pool)
{
    return Error::make(ErrorKind::Usage, QCoreApplication::translate("piton::line", "pool '%1': the values leased to this station are used up and the database has not "
                                                "leased more (is it reachable?)")
                                             .arg(pool));
}

bool looksLikeLostConnection(const QString &text)
{
    static const char *const markers[] = {"server closed the connection", "no connection to the server", "terminating connection",
                                          "could not connect",           "connection to server",        "could not send data",
                                          "could not receive data",      "Connection refused",          "SSL SYSCALL",
                                          "the database system is shutting down", "the database system is starting up"};
    for (const char *m : markers)
        if (text.contains(QLatin1String(m), Qt::CaseInsensitive))
            return true;
    return false;
}

} // namespace

Result<DatabaseUrl> DatabaseUrl::parse(const QString &text)
{
    if (text.startsWith(QLatin1String("sqlite:"))) {
        DatabaseUrl u;
        u.path = text.mid(7);
        if (u.path.startsWith(QLatin1String("//")))
            u.path = u.path.mid(2);
        if (u.path.isEmpty())
            return Error::make(ErrorKind::Usage, QCoreApplication::translate("piton::line", "--db sqlite:PATH needs a file path"));
        return u;
    }
    if (text.startsWith(QLatin1String("postgresql://")) || text.startsWith(QLatin1String("postgres://"))) {
        const QUrl url(text, QUrl::StrictMode);
        DatabaseUrl u;
        u.kind = Kind::Postgresql;
        u.host = url.host();
        u.port = url.port(5432);
        u.user = url.userName();
        u.password = url.password();
        u.databaseName = url.path().mid(1);
        if (!url.isValid() || u.host.isEmpty() || u.databaseName.isEmpty() || u.databaseName.contains(QLatin1Char('/'))
            || url.hasQuery() || url.hasFragment())
            return Error::make(ErrorKind::Usage, QCoreApplication::translate("piton::line", "'%1' is not a PostgreSQL URL: use postgresql://USER@HOST[:PORT]/DATABASE")
                                                     .arg(u.display()));
        return u;
    }
    return Error::make(ErrorKind::Usage, QCoreApplication::translate("piton::line", "'%1' is not a database URL: use sqlite:PATH or postgresql://USER@HOST[:PORT]/DATABASE").arg(text));
}

QString DatabaseUrl::display() const
{
    if (kind == Kind::Sqlite)
        return QStringLiteral("sqlite:") + path;
    return QStringLiteral("postgresql://%1%2:%3/%4").arg(user.isEmpty() ? QString() : user + QLatin1Char('@'), host).arg(port).arg(databaseName);
}

int LineDatabase::latestSchemaVersion()
{
    return int(migrations().size());
}

LineDatabase::LineDatabase(QString connectionName, DatabaseUrl url) : m_name(std::move(connectionName)), m_url(std::move(url)) {}

LineDatabase::~LineDatabase()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

Result<std::unique_ptr<LineDatabase>> LineDatabase::open(const QString &url)
{
    auto parsed = DatabaseUrl::parse(url);
    if (!parsed)
        return parsed.error();
    const Dialect &d = dialect(parsed->kind);
    if (!QSqlDatabase::isDriverAvailable(d.driver))
        return dbError(QCoreApplication::translate("piton::line", "the Qt driver %1 is missing (Debian package %2)").arg(d.driver, d.package));
    const QString name = QStringLiteral("piton-line-%1").arg(g_connectionCounter.fetchAndAddRelaxed(1));
    std::unique_ptr<LineDatabase> self(new LineDatabase(name, *parsed));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(d.driver, name);
        if (parsed->isPostgresql()) {
            db.setHostName(parsed->host);
            db.setPort(parsed->port);
            db.setUserName(parsed->user);
            db.setPassword(parsed->password);
            db.setDatabaseName(parsed->databaseName);
            db.setConnectOptions(QStringLiteral("connect_timeout=5;application_name=piton"));
        } else {
            db.setDatabaseName(parsed->path);
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        }
    }
    if (auto ok = self->connect(); !ok)
        return ok.error();
    if (auto ok = self->migrate(); !ok)
        return ok.error();
    return self;
}

Result<void> LineDatabase::connect()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        if (db.isOpen())
            db.close();
        if (!db.open()) {
            m_unreachable = m_url.isPostgresql();
            return dbError(QCoreApplication::translate("piton::line", "cannot open %1: %2").arg(m_url.display(), db.lastError().text()));
        }
    }
    m_unreachable = false;
    m_inTransaction = false;
    for (const QString &sql : dialect(m_url.kind).afterConnect)
        if (auto q = query(sql); !q)
            return q.error();
    return {};
}

Result<QSqlQuery> LineDatabase::query(const QString &sql, const QVariantList &values)
{
    // A connection lost earlier is made again between transactions (a transaction it was in
    // is gone with it: the server rolled it back).
    if (m_unreachable && !m_inTransaction)
        if (auto ok = connect(); !ok)
            return ok.error();
    QSqlQuery q(QSqlDatabase::database(m_name, false));
    // Without values: executed as it is (PostgreSQL prepares only SELECT, INSERT, UPDATE,
    // DELETE and VALUES, not BEGIN, SET or CREATE).
    const bool ok = values.isEmpty() ? q.exec(sql) : q.prepare(sql) && [&] {
        for (const QVariant &v : values)
            q.addBindValue(v);
        return q.exec();
    }();
    if (ok)
        return q;
    const QString text = q.lastError().text();
    if (m_url.isPostgresql() && looksLikeLostConnection(text + QLatin1Char(' ') + QSqlDatabase::database(m_name, false).lastError().text()))
        m_unreachable = true;
    return dbError(QCoreApplication::translate("piton::line", "%1 (in: %2)").arg(text, sql.left(80)));
}

Result<void> LineDatabase::begin(bool serialised)
{
    const QStringList &statements = dialect(m_url.kind).beginWrite;
    for (const QString &sql : serialised ? statements : statements.mid(0, 1)) {
        if (auto q = query(sql); !q) {
            if (m_inTransaction)
                rollback();
            return q.error();
        }
        m_inTransaction = true;
    }
    return {};
}

Result<void> LineDatabase::commit()
{
    auto q = query(QStringLiteral("COMMIT"));
    if (!q) {
        rollback();
        return q.error();
    }
    m_inTransaction = false;
    return {};
}

void LineDatabase::rollback()
{
    QSqlQuery q(QSqlDatabase::database(m_name, false));
    (void)q.exec(QStringLiteral("ROLLBACK"));
    m_inTransaction = false;
}

int LineDatabase::schemaVersion()
{
    auto q = query(QStringLiteral("SELECT version FROM schema_version"));
    return q && q->next() ? q->value(0).toInt() : 0;
}

template <typename F>
auto LineDatabase::transaction(F &&body, bool serialised) -> decltype(body())
{
    if (auto ok = begin(serialised); !ok)
        return ok.error();
    auto result = body();
    if (!result) {
        rollback();
        return result;
    }
    if (auto ok = commit(); !ok)
        return ok.error();
    return result;
}

template <typename F>
auto LineDatabase::plainTransaction(F &&body) -> decltype(body())
{
    return transaction(std::forward<F>(body), false);
}

Result<qint64> LineDatabase::insertReturningId(const QString &sql, const QVariantList &values)
{
    auto q = query(sql + QStringLiteral(" RETURNING id"), values);
    if (!q)
        return q.error();
    if (!q->next())
        return dbError(QCoreApplication::translate("piton::line", "no id returned (in: %1)").arg(sql.left(80)));
    return q->value(0).toLongLong();
}

Result<std::optional<QVariantList>> LineDatabase::row(const QString &sql, const QVariantList &values)
{
    auto q = query(sql, values);
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<QVariantList>();
    QVariantList columns;
    for (int i = 0; i < q->record().count(); ++i)
        columns << q->value(i);
    return std::optional<QVariantList>(columns);
}

Result<void> LineDatabase::migrate()
{
    return transaction([this]() -> Result<void> {
        if (auto ok = query(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")); !ok)
            return ok.error();
        auto current = row(QStringLiteral("SELECT version FROM schema_version"));
        if (!current)
            return current.error();
        const int version = current->has_value() ? (**current).value(0).toInt() : 0;
        if (version > latestSchemaVersion())
            return dbError(QCoreApplication::translate("piton::line", "schema version %1 was made by a newer Piton (this one knows up to %2)").arg(version).arg(latestSchemaVersion()));
        for (int v = version; v < latestSchemaVersion(); ++v) {
            for (QString sql : migrations().at(v)) {
                sql.replace(QStringLiteral("{id}"), dialect(m_url.kind).idColumn);
                if (auto ok = query(sql); !ok)
                    return ok.error();
            }
        }
        if (version == latestSchemaVersion())
            return {};
        auto ok = current->has_value() ? query(QStringLiteral("UPDATE schema_version SET version = ?"), {latestSchemaVersion()})
                                       : query(QStringLiteral("INSERT INTO schema_version (version) VALUES (?)"), {latestSchemaVersion()});
        return ok ? Result<void>() : Result<void>(ok.error());
    });
}

Result<qint64> LineDatabase::releaseRecipe(const Recipe &recipe, const QString &by, const QString &password)
{
    const QString sha = recipe.sha256();
    return transaction([&]() -> Result<qint64> {
        if (auto allowed = requireRoleIn(by, QStringLiteral("engineer"), password); !allowed)
            return allowed.error();
        auto existing = row(QStringLiteral("SELECT id FROM recipe WHERE sha256 = ?"), {sha});
        if (!existing)
            return existing.error();
        if (existing->has_value())
            return (**existing).value(0).toLongLong();
        for (const PoolSpec &pool : recipe.pools) {
            auto known = row(QStringLiteral("SELECT id, definition_sha256 FROM id_pool WHERE name = ?"), {pool.name});
            if (!known)
                return known.error();
            if (known->has_value()) {
                if ((**known).value(1).toString() != pool.definitionSha256())
                    return Error::make(ErrorKind::Usage, QCoreApplication::translate("piton::line", "pool '%1' exists in the database with another definition; "
                                                                "give this one another name (pools are shared by name)")
                                                             .arg(pool.name));
                continue;
            }
            const bool counted = pool.type == PoolType::Counter || pool.type == PoolType::Mac;
            // A journal's pools hold only what is leased to the station (addLease()).
            const qint64 first = m_journal ? 1 : qint64(pool.first), last = m_journal ? 0 : qint64(pool.last);
            auto poolId = insertReturningId(
                QStringLiteral("INSERT INTO id_pool (name, type, definition, definition_sha256, next_value, end_value) VALUES (?, ?, ?, ?, ?, ?)"),
                {pool.name, poolTypeName(pool.type), QString::fromUtf8(QJsonDocument(pool.toJson()).toJson(QJsonDocument::Compact)),
                 pool.definitionSha256(), counted ? QVariant(first) : QVariant(), counted ? QVariant(last) : QVariant()});
            if (!poolId)
                return poolId.error();
            for (const QString &value : m_journal ? QStringList() : pool.values)
                if (auto ok = query(QStringLiteral("INSERT INTO identifier (pool_id, value, state) VALUES (?, ?, 'free')"), {*poolId, value}); !ok)
                    return ok.error();
        }
        return insertReturningId(QStringLiteral("INSERT INTO recipe (name, version, board, sha256, content, state, released_by, released_at) "
                                                "VALUES (?, ?, ?, ?, ?, 'released', ?, ?)"),
                                 {recipe.name, recipe.version, recipe.board, sha,
                                  QString::fromUtf8(QJsonDocument(recipe.toJson()).toJson(QJsonDocument::Compact)), by, nowMs()});
    });
}

Result<qint64> LineDatabase::releasedRecipeId(const QString &sha256)
{
    auto r = row(QStringLiteral("SELECT id, state FROM recipe WHERE sha256 = ?"), {sha256});
    if (!r)
        return r.error();
    if (!r->has_value() || (**r).value(1).toString() != QLatin1String("released"))
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("piton::line", "the recipe %1 is not released in this database (an engineer runs "
                                                    "piton-cli line recipe release first)")
                                                 .arg(sha256.left(12)));
    return (**r).value(0).toLongLong();
}

Result<qint64> LineDatabase::station(const QString &code, const QString &hostname, const QString &pitonVersion)
{
    return transaction([&]() -> Result<qint64> {
        auto known = row(QStringLiteral("SELECT id FROM station WHERE code = ?"), {code});
        if (!known)
            return known.error();
        if (!known->has_value())
            return insertReturningId(QStringLiteral("INSERT INTO station (code, hostname, piton_version, last_seen_at) VALUES (?, ?, ?, ?)"),
                                     {code, hostname, pitonVersion, nowMs()});
        const qint64 id = (**known).value(0).toLongLong();
        auto ok = query(QStringLiteral("UPDATE station SET hostname = ?, piton_version = ?, last_seen_at = ? WHERE id = ?"),
                        {hostname, pitonVersion, nowMs(), id});
        return ok ? Result<qint64>(id) : Result<qint64>(ok.error());
    });
}

Result<void> LineDatabase::voidIdentifiers(qint64 attemptId, FailedIdentifierPolicy policy)
{
    // Void: burned for good. Keep-for-board: they stay 'assigned' to the unit (unit_id), and
    // only that unit's next attempt gets them again (allocate() looks there first).
    if (policy != FailedIdentifierPolicy::Void)
        return {};
    auto ok = query(QStringLiteral("UPDATE identifier SET state = 'void' WHERE attempt_id = ? AND state = 'assigned'"), {attemptId});
    return ok ? Result<void>() : Result<void>(ok.error());
}

Result<int> LineDatabase::markInterrupted(qint64 stationId)
{
    return transaction([&]() -> Result<int> {
        auto q = query(QStringLiteral("SELECT id, identifier_policy FROM attempt WHERE station_id = ? AND result = 'running'"), {stationId});
        if (!q)
            return q.error();
        QList<QPair<qint64, QString>> running;
        while (q->next())
            running.append({q->value(0).toLongLong(), q->value(1).toString()});
        q->finish();
        for (const auto &[id, policy] : running) {
            auto ok = query(QStringLiteral("UPDATE attempt SET result = 'interrupted', ended_at = ?, error = ? WHERE id = ?"),
                            {nowMs(), QCoreApplication::translate("piton::line", "the station stopped during this attempt (crash, kill or power loss); the board's state is unknown"), id});
            if (!ok)
                return ok.error();
            if (auto voided = voidIdentifiers(id, policy == QLatin1String("void") ? FailedIdentifierPolicy::Void
                                                                                  : FailedIdentifierPolicy::KeepForBoard);
                !voided)
                return voided.error();
        }
        return int(running.size());
    });
}

Result<qint64> LineDatabase::unit(const QString &board, const QString &uidHex)
{
    return transaction([&]() -> Result<qint64> {
        auto known = row(QStringLiteral("SELECT id FROM unit WHERE board = ? AND chip_uid = ?"), {board, uidHex});
        if (!known)
            return known.error();
        if (known->has_value())
            return (**known).value(0).toLongLong();
        return insertReturningId(QStringLiteral("INSERT INTO unit (board, chip_uid, state, first_seen_at) VALUES (?, ?, 'in_progress', ?)"),
                                 {board, uidHex, nowMs()});
    });
}

Result<std::optional<qint64>> LineDatabase::passedAttempt(qint64 unitId, const QString &recipeSha256)
{
    auto r = row(QStringLiteral("SELECT id FROM attempt WHERE unit_id = ? AND recipe_sha256 = ? AND result = 'pass' ORDER BY id"),
                 {unitId, recipeSha256});
    if (!r)
        return r.error();
    return r->has_value() ? std::optional<qint64>((**r).value(0).toLongLong()) : std::optional<qint64>();
}

Result<AttemptStart> LineDatabase::startAttempt(qint64 unitId, qint64 stationId, const QString &slot, const QString &operatorName,
                                                qint64 recipeId, const QString &recipeSha256, FailedIdentifierPolicy policy,
                                                const QString &packageSha256, const QString &pitonVersion, const QString &barcode)
{
    return transaction([&]() -> Result<AttemptStart> {
        auto count = row(QStringLiteral("SELECT COUNT(*) FROM attempt WHERE unit_id = ? AND recipe_sha256 = ?"), {unitId, recipeSha256});
        if (!count)
            return count.error();
        AttemptStart s;
        s.unitId = unitId;
        s.attemptNo = (**count).value(0).toInt() + 1;
        auto id = insertReturningId(QStringLiteral("INSERT INTO attempt (unit_id, station_id, slot, operator, recipe_id, recipe_sha256, "
                                                   "identifier_policy, piton_version, attempt_no, started_at, result, package_sha256, barcode) "
                                                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?)"),
                                    {unitId, stationId, slot, operatorName, recipeId, recipeSha256, policyName(policy), pitonVersion,
                                     s.attemptNo, nowMs(), packageSha256, barcode.isEmpty() ? QVariant() : QVariant(barcode)});
        if (!id)
            return id.error();
        s.attemptId = *id;
        return s;
    });
}

Result<std::optional<qint64>> LineDatabase::barcodeHolder(const QString &pool, const QString &code)
{
    auto r = row(QStringLiteral("SELECT i.unit_id FROM identifier i JOIN id_pool p ON p.id = i.pool_id "
                                "WHERE p.name = ? AND i.value = ? AND i.unit_id IS NOT NULL"),
                 {pool, code});
    if (!r)
        return r.error();
    return r->has_value() ? std::optional<qint64>((**r).value(0).toLongLong()) : std::optional<qint64>();
}

Result<std::optional<QString>> LineDatabase::barcodeHolderUid(const QString &pool, const QString &code)
{
    auto r = row(QStringLiteral("SELECT u.chip_uid FROM identifier i JOIN id_pool p ON p.id = i.pool_id JOIN unit u ON u.id = i.unit_id "
                                "WHERE p.name = ? AND i.value = ?"),
                 {pool, code});
    if (!r)
        return r.error();
    return r->has_value() ? std::optional<QString>((**r).value(0).toString()) : std::optional<QString>();
}

Result<QString> LineDatabase::allocateOne(const PoolSpec &spec, qint64 unitId, qint64 attemptId, const QByteArray &uid, const QDate &date,
                                          const QString &scanned, bool *reused)
{
    auto pool = row(QStringLiteral("SELECT id, next_value, end_value FROM id_pool WHERE name = ?"), {spec.name});
    if (!pool)
        return pool.error();
    if (!pool->has_value())
        return dbError(QCoreApplication::translate("piton::line", "pool '%1' is not in the database (release the recipe first)").arg(spec.name));
    const qint64 poolId = (**pool).value(0).toLongLong();
    const qint64 next = (**pool).value(1).toLongLong(), end = (**pool).value(2).toLongLong();

    if (spec.type == PoolType::Barcode) {
        // The scanned code is the value: refused when another board holds it; the same board
        // scanned again gets it back.
        if (auto ok = spec.checkBarcode(scanned); !ok)
            return ok.error();
        auto held = row(QStringLiteral("SELECT id, unit_id FROM identifier WHERE pool_id = ? AND value = ?"), {poolId, scanned});
        if (!held)
            return held.error();
        *reused = held->has_value();
        if (!held->has_value()) {
            auto ok = query(QStringLiteral("INSERT INTO identifier (pool_id, value, state, unit_id, attempt_id, assigned_at) "
                                           "VALUES (?, ?, 'assigned', ?, ?, ?)"),
                            {poolId, scanned, unitId, attemptId, nowMs()});
            return ok ? Result<QString>(scanned) : Result<QString>(ok.error());
        }
        if ((**held).value(1).isNull() || (**held).value(1).toLongLong() != unitId)
            return lineUsage(QCoreApplication::translate("piton::line", "pool '%1': the code '%2' is already given to another board").arg(spec.name, scanned));
        auto ok = query(QStringLiteral("UPDATE identifier SET state = 'assigned', attempt_id = ?, assigned_at = ? WHERE id = ?"),
                        {attemptId, nowMs(), (**held).value(0)});
        return ok ? Result<QString>(scanned) : Result<QString>(ok.error());
    }

    // The unit's own identifier of this pool: it was put back, or kept after a failure.
    auto own = row(QStringLiteral("SELECT id, value FROM identifier WHERE pool_id = ? AND unit_id = ? AND state = 'assigned' ORDER BY id"),
                   {poolId, unitId});
    if (!own)
        return own.error();
    *reused = own->has_value();
    if (own->has_value()) {
        auto ok = query(QStringLiteral("UPDATE identifier SET attempt_id = ? WHERE id = ?"), {attemptId, (**own).value(0)});
        return ok ? Result<QString>((**own).value(1).toString()) : Result<QString>(ok.error());
    }
    auto insertAssigned = [&](const QString &value) -> Result<QString> {
        auto ok = query(QStringLiteral("INSERT INTO identifier (pool_id, value, state, unit_id, attempt_id, assigned_at) VALUES (?, ?, 'assigned', ?, ?, ?)"),
                        {poolId, value, unitId, attemptId, nowMs()});
        return ok ? Result<QString>(value) : Result<QString>(ok.error());
    };
    switch (spec.type) {
    case PoolType::Counter:
    case PoolType::Mac: {
        if (next > end && m_journal)
            return allocateFromNextLease(spec, poolId, [&](qint64 value) { return insertAssigned(spec.valueAt(quint64(value), date)); });
        if (next > end)
            return Error::make(ErrorKind::Usage,
                               QCoreApplication::translate("piton::line", "pool '%1' is exhausted (its last value %2 is given)").arg(spec.name, spec.valueAt(quint64(end), date)));
        auto upd = query(QStringLiteral("UPDATE id_pool SET next_value = ? WHERE id = ? AND next_value = ?"), {next + 1, poolId, next});
        if (!upd)
            return upd.error();
        if (upd->numRowsAffected() != 1)
            return dbError(QCoreApplication::translate("piton::line", "pool '%1' changed under a write transaction").arg(spec.name));
        return insertAssigned(spec.valueAt(quint64(next), date));
    }
    case PoolType::List: {
        auto free = row(QStringLiteral("SELECT id, value FROM identifier WHERE pool_id = ? AND state = 'free' ORDER BY id LIMIT 1"), {poolId});
        if (!free)
            return free.error();
        if (!free->has_value() && m_journal)
            return leasesUsedUp(spec.name);
        if (!free->has_value())
            return Error::make(ErrorKind::Usage, QCoreApplication::translate("piton::line", "pool '%1' is exhausted (every value of its list is given)").arg(spec.name));
        auto upd = query(QStringLiteral("UPDATE identifier SET state = 'assigned', unit_id = ?, attempt_id = ?, assigned_at = ? "
                                        "WHERE id = ? AND state = 'free'"),
                         {unitId, attemptId, nowMs(), (**free).value(0)});
        if (!upd)
            return upd.error();
        if (upd->numRowsAffected() != 1)
            return dbError(QCoreApplication::translate("piton::line", "list value '%1' was taken under a write transaction").arg((**free).value(1).toString()));
        return (**free).value(1).toString();
    }
    case PoolType::Barcode:
        break; // above
    case PoolType::UniqueId: {
        auto given = insertAssigned(spec.uidValue(uid));
        if (!given)
            return Error::make(ErrorKind::Usage, QCoreApplication::translate("piton::line", "pool '%1': '%2' is already given (two boards with one unique id?)")
                                                     .arg(spec.name, spec.uidValue(uid)));
        return given;
    }
    }
    return dbError(QCoreApplication::translate("piton::line", "pool '%1' has an unknown type").arg(spec.name));
}

Result<QList<AllocatedIdentifier>> LineDatabase::allocate(const Recipe &recipe, qint64 unitId, qint64 attemptId, const QByteArray &uid,
                                                          const QDate &date, const QHash<QString, QString> &scanned)
{
    return transaction([&]() -> Result<QList<AllocatedIdentifier>> {
        QList<AllocatedIdentifier> given;
        QHash<QString, AllocatedIdentifier> byPool; // one value per pool and attempt, even for two keys
        for (const RecipeConfigEntry &entry : recipe.config) {
            if (entry.pool.isEmpty())
                continue;
            AllocatedIdentifier id{entry.key, entry.pool, {}, false};
            if (byPool.contains(entry.pool)) {
                id = byPool.value(entry.pool);
                id.key = entry.key;
            } else {
                auto value = allocateOne(*recipe.pool(entry.pool), unitId, attemptId, uid, date, scanned.value(entry.pool), &id.reused);
                if (!value)
                    return value.error();
                id.value = *value;
                byPool.insert(entry.pool, id);
            }
            given.append(id);
        }
        return given;
    });
}

Result<void> LineDatabase::finishAttempt(qint64 attemptId, const AttemptEnd &end, const QList<AllocatedIdentifier> &identifiers,
                                         FailedIdentifierPolicy policy)
{
    QJsonObject ids;
    QString serial;
    for (const AllocatedIdentifier &i : identifiers) {
        ids.insert(i.key, i.value);
        if (i.key == QLatin1String("serial"))
            serial = i.value;
    }
    auto nullIfEmpty = [](const QString &s) { return s.isEmpty() ? QVariant() : QVariant(s); };
    return transaction([&]() -> Result<void> {
        auto upd = query(QStringLiteral("UPDATE attempt SET result = ?, ended_at = ?, failure_step = ?, error = ?, versions = ?, "
                                        "identifiers = ?, log = ? WHERE id = ? AND result = 'running'"),
                         {end.result, nowMs(), nullIfEmpty(end.failureStep), nullIfEmpty(end.error),
                          QString::fromUtf8(QJsonDocument(end.versions).toJson(QJsonDocument::Compact)),
                          QString::fromUtf8(QJsonDocument(ids).toJson(QJsonDocument::Compact)), end.log, attemptId});
        if (!upd)
            return upd.error();
        if (upd->numRowsAffected() != 1)
            return dbError(QCoreApplication::translate("piton::line", "attempt %1 is no longer running (another station process marked it interrupted?)").arg(attemptId));
        for (int i = 0; i < end.steps.size(); ++i) {
            const StepRecord &s = end.steps[i];
            if (auto ok = query(QStringLiteral("INSERT INTO step_result (attempt_id, seq, step, started_at, ended_at, result, retries, detail) "
                                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                                {attemptId, i + 1, s.step, s.startedAt, s.endedAt, s.result, s.retries, s.detail});
                !ok)
                return ok.error();
        }
        const bool passed = end.result == QLatin1String("pass");
        auto unitState = passed ? query(QStringLiteral("UPDATE unit SET state = 'pass', serial = COALESCE(?, serial) "
                                                       "WHERE id = (SELECT unit_id FROM attempt WHERE id = ?)"),
                                        {nullIfEmpty(serial), attemptId})
                                : query(QStringLiteral("UPDATE unit SET state = 'fail' "
                                                       "WHERE id = (SELECT unit_id FROM attempt WHERE id = ?) AND state <> 'pass'"),
                                        {attemptId});
        if (!unitState)
            return unitState.error();
        return passed ? Result<void>() : voidIdentifiers(attemptId, policy);
    });
}

Result<QList<Shift>> Shift::parseList(const QString &text)
{
    // NAME=HH:MM-HH:MM or HH:MM-HH:MM, comma-separated.
    static const QRegularExpression re(QStringLiteral("^(?:([A-Za-z0-9_.-]{1,32})=)?([0-2][0-9]):([0-5][0-9])-([0-2][0-9]):([0-5][0-9])$"));
    QList<Shift> list;
    std::array<int, 1440> owner; // minute of the day -> shift index + 1
    owner.fill(0);
    const QStringList parts = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return lineUsage(QCoreApplication::translate("piton::line", "no shift given (e.g. --shift early=06:00-14:00,late=14:00-22:00,night=22:00-06:00)"));
    for (const QString &raw : parts) {
        const QString part = raw.trimmed();
        const auto m = re.match(part);
        const int h1 = m.captured(2).toInt(), m1 = m.captured(3).toInt(), h2 = m.captured(4).toInt(), m2 = m.captured(5).toInt();
        if (!m.hasMatch() || h1 > 23 || h2 > 24 || (h2 == 24 && m2 != 0))
            return lineUsage(QCoreApplication::translate("piton::line", "shift '%1': use HH:MM-HH:MM or NAME=HH:MM-HH:MM (24-hour clock, local time)").arg(part));
        Shift s;
        s.startMinute = h1 * 60 + m1;
        s.endMinute = (h2 * 60 + m2) % 1440;
        if (s.startMinute == s.endMinute)
            return lineUsage(QCoreApplication::translate("piton::line", "shift '%1' is empty (it starts where it ends)").arg(part));
        s.name = m.captured(1).isEmpty() ? part : m.captured(1);
        for (const Shift &other : std::as_const(list))
            if (other.name == s.name)
                return lineUsage(QCoreApplication::translate("piton::line", "shift name '%1' is given twice").arg(s.name));
        for (int minute = s.startMinute; minute != s.endMinute; minute = (minute + 1) % 1440) {
            if (owner[size_t(minute)])
                return lineUsage(QCoreApplication::translate("piton::line", "shifts '%1' and '%2' overlap").arg(list[owner[size_t(minute)] - 1].name, s.name));
            owner[size_t(minute)] = int(list.size()) + 1;
        }
        list << s;
    }
    return list;
}

QString Shift::label(const QList<Shift> &shifts, qint64 ms)
{
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(ms).toLocalTime();
    const int minute = local.time().hour() * 60 + local.time().minute();
    for (const Shift &s : shifts) {
        const bool overnight = s.endMinute <= s.startMinute;
        if (!overnight && minute >= s.startMinute && minute < s.endMinute)
            return local.date().toString(Qt::ISODate) + QLatin1Char(' ') + s.name;
        if (overnight && (minute >= s.startMinute || minute < s.endMinute)) // counts for the day it began
            return (minute >= s.startMinute ? local.date() : local.date().addDays(-1)).toString(Qt::ISODate) + QLatin1Char(' ') + s.name;
    }
    return local.date().toString(Qt::ISODate) + QStringLiteral(" (no shift)");
}

Result<QJsonObject> LineDatabase::report(qint64 sinceMs, const QList<Shift> &shifts)
{
    auto q = query(QStringLiteral(
        "SELECT a.id, a.unit_id, u.board, u.chip_uid, u.serial, s.code, a.slot, r.name, r.version, a.recipe_sha256, "
        "a.attempt_no, a.started_at, a.ended_at, a.result, a.failure_step, a.error, a.identifiers, a.package_sha256, a.operator, a.barcode, "
        "a.conflict "
        "FROM attempt a JOIN unit u ON u.id = a.unit_id JOIN station s ON s.id = a.station_id JOIN recipe r ON r.id = a.recipe_id "
        "ORDER BY a.id"));
    if (!q)
        return q.error();
    struct Row {
        qint64 id, unit;
        QString board, uid, serial, station, slot, recipe, sha;
        int no;
        qint64 started, ended;
        QString result, failureStep, error, identifiers, packageSha, operatorName, barcode, conflict;
    };
    // Per unit and recipe: the attempts in order.
    QMap<QPair<qint64, QString>, QList<Row>> units;
    while (q->next()) {
        Row r{q->value(0).toLongLong(), q->value(1).toLongLong(), q->value(2).toString(), q->value(3).toString(), q->value(4).toString(),
              q->value(5).toString(), q->value(6).toString(),
              q->value(7).toString() + (q->value(8).toString().isEmpty() ? QString() : QLatin1Char(' ') + q->value(8).toString()),
              q->value(9).toString(), q->value(10).toInt(), q->value(11).toLongLong(), q->value(12).toLongLong(),
              q->value(13).toString(), q->value(14).toString(), q->value(15).toString(), q->value(16).toString(),
              q->value(17).toString(), q->value(18).toString(), q->value(19).toString(), q->value(20).toString()};
        units[{r.unit, r.sha}].append(r);
    }
    struct Tally {
        int units = 0, firstPass = 0, finalPass = 0, attempts = 0, attemptsPassed = 0;
    };
    QMap<QString, Tally> byRecipe, byStation, bySlot, byShift;
    QJsonArray boards;
    for (auto it = units.cbegin(); it != units.cend(); ++it) {
        const QList<Row> &rows = it.value();
        bool inWindow = false, anyEnded = false, passed = false;
        QString conflict; // the last clash of a scanned code (docs/line-mode.md, "Barcodes during an outage")
        for (const Row &r : rows) {
            if (!r.conflict.isEmpty())
                conflict = r.conflict;
            inWindow = inWindow || r.started >= sinceMs;
            anyEnded = anyEnded || r.result != QLatin1String("running");
            passed = passed || r.result == QLatin1String("pass");
        }
        if (!inWindow || !anyEnded)
            continue;
        const Row &first = rows.first();
        const Row &last = rows.last();
        const bool firstPass = first.result == QLatin1String("pass");
        // A unit counts where its first attempt ran; attempts count where they ran.
        // Without shift definitions every attempt falls in one unnamed shift that is not reported.
        Tally unshifted;
        const auto tallies = [&](const Row &r) -> std::array<Tally *, 4> {
            return {&byRecipe[r.recipe + QStringLiteral(" (") + r.sha.left(12) + QLatin1Char(')')], &byStation[r.station],
                    &bySlot[r.station + QLatin1Char('/') + r.slot], shifts.isEmpty() ? &unshifted : &byShift[Shift::label(shifts, r.started)]};
        };
        for (Tally *t : tallies(first)) {
            ++t->units;
            t->firstPass += firstPass;
            t->finalPass += passed;
        }
        for (const Row &r : rows)
            for (Tally *t : tallies(r)) {
                ++t->attempts;
                t->attemptsPassed += r.result == QLatin1String("pass");
            }
        boards.append(QJsonObject{
            {QStringLiteral("board"), last.board},
            {QStringLiteral("uid"), last.uid},
            {QStringLiteral("serial"), last.serial},
            {QStringLiteral("identifiers"), QJsonDocument::fromJson(last.identifiers.toUtf8()).object()},
            {QStringLiteral("recipe"), last.recipe},
            {QStringLiteral("recipeSha256"), last.sha},
            {QStringLiteral("packageSha256"), last.packageSha},
            {QStringLiteral("attempts"), int(rows.size())},
            {QStringLiteral("firstResult"), first.result},
            {QStringLiteral("finalResult"), passed ? QStringLiteral("pass") : last.result},
            {QStringLiteral("station"), last.station},
            {QStringLiteral("slot"), last.slot},
            {QStringLiteral("operator"), last.operatorName},
            {QStringLiteral("barcode"), last.barcode},
            {QStringLiteral("shift"), shifts.isEmpty() ? QString() : Shift::label(shifts, first.started)},
            {QStringLiteral("lastError"), last.error},
            {QStringLiteral("conflict"), conflict},
            {QStringLiteral("failureStep"), last.failureStep},
            {QStringLiteral("firstStartedAt"), QDateTime::fromMSecsSinceEpoch(first.started, Qt::UTC).toString(Qt::ISODateWithMs)},
            {QStringLiteral("lastEndedAt"), last.ended ? QDateTime::fromMSecsSinceEpoch(last.ended, Qt::UTC).toString(Qt::ISODateWithMs)
                                                       : QString()},
        });
    }
    QJsonArray yield;
    const QList<QPair<QString, const QMap<QString, Tally> *>> groups{
        {QStringLiteral("recipe"), &byRecipe}, {QStringLiteral("station"), &byStation}, {QStringLiteral("slot"), &bySlot},
        {QStringLiteral("shift"), &byShift}};
    for (const auto &[group, map] : groups) {
        for (auto it = map->cbegin(); it != map->cend(); ++it) {
            const Tally &t = it.value();
            if (t.units == 0 && t.attempts == 0)
                continue;
            yield.append(QJsonObject{
                {QStringLiteral("group"), group},
                {QStringLiteral("key"), it.key()},
                {QStringLiteral("units"), t.units},
                {QStringLiteral("firstPass"), t.firstPass},
                {QStringLiteral("finalPass"), t.finalPass},
                {QStringLiteral("fpy"), t.units ? double(t.firstPass) / t.units : 0.0},
                {QStringLiteral("finalYield"), t.units ? double(t.finalPass) / t.units : 0.0},
                {QStringLiteral("attempts"), t.attempts},
                {QStringLiteral("attemptsPassed"), t.attemptsPassed},
            });
        }
    }
    return QJsonObject{{QStringLiteral("boards"), boards}, {QStringLiteral("yield"), yield}};
}

// --- leases and the journal ----------------------------------------------------------------

Result<std::unique_ptr<LineDatabase>> LineDatabase::openJournal(const QString &path)
{
    auto db = open(QStringLiteral("sqlite:") + path);
    if (db)
        (*db)->m_journal = true;
    return db;
}

Result<QString> LineDatabase::allocateFromNextLease(const PoolSpec &spec, qint64 poolId, const std::function<Result<QString>(qint64)> &give)
{
    auto queued = row(QStringLiteral("SELECT id, first_value, last_value FROM id_lease WHERE pool_id = ? AND state = 'queued' ORDER BY id LIMIT 1"),
                      {poolId});
    if (!queued)
        return queued.error();
    if (!queued->has_value())
        return leasesUsedUp(spec.name);
    const qint64 leaseId = (**queued).value(0).toLongLong(), first = (**queued).value(1).toLongLong(), last = (**queued).value(2).toLongLong();
    for (const auto &[sql, values] : {std::pair{QStringLiteral("UPDATE id_lease SET state = 'spent' WHERE pool_id = ? AND state = 'active'"),
                                                QVariantList{poolId}},
                                      std::pair{QStringLiteral("UPDATE id_lease SET state = 'active' WHERE id = ?"), QVariantList{leaseId}},
                                      std::pair{QStringLiteral("UPDATE id_pool SET next_value = ?, end_value = ? WHERE id = ?"),
                                                QVariantList{first + 1, last, poolId}}})
        if (auto ok = query(sql, values); !ok)
            return ok.error();
    return give(first);
}

Result<std::optional<LeaseBlock>> LineDatabase::leaseBlock(const PoolSpec &pool, qint64 stationId, int size)
{
    LeaseBlock block;
    block.pool = pool.name;
    if (pool.type == PoolType::Counter || pool.type == PoolType::Mac) {
        // One statement takes the block: concurrent stations queue on the pool's row lock and
        // each gets its own range (PostgreSQL: no global lock needed).
        return plainTransaction([&]() -> Result<std::optional<LeaseBlock>> {
            auto taken = row(QStringLiteral("UPDATE id_pool SET next_value = next_value + ? WHERE name = ? AND next_value <= end_value "
                                            "RETURNING id, next_value - ?, end_value"),
                             {qint64(size), pool.name, qint64(size)});
            if (!taken)
                return taken.error();
            if (!taken->has_value())
                return std::optional<LeaseBlock>();
            const qint64 poolId = (**taken).value(0).toLongLong();
            block.first = (**taken).value(1).toLongLong();
            block.last = qMin(block.first + size - 1, (**taken).value(2).toLongLong());
            auto id = insertReturningId(QStringLiteral("INSERT INTO id_lease (pool_id, station_id, first_value, last_value, size, state, leased_at) "
                                                       "VALUES (?, ?, ?, ?, ?, 'leased', ?)"),
                                        {poolId, stationId, block.first, block.last, block.last - block.first + 1, nowMs()});
            if (!id)
                return id.error();
            block.id = *id;
            return std::optional<LeaseBlock>(block);
        });
    }
    if (pool.type != PoolType::List)
        return std::optional<LeaseBlock>(); // unique-id pools need no lease: the board brings its value
    return transaction([&]() -> Result<std::optional<LeaseBlock>> {
        auto poolRow = row(QStringLiteral("SELECT id FROM id_pool WHERE name = ?"), {pool.name});
        if (!poolRow)
            return poolRow.error();
        if (!poolRow->has_value())
            return std::optional<LeaseBlock>();
        const qint64 poolId = (**poolRow).value(0).toLongLong();
        auto q = query(QStringLiteral("SELECT id, value FROM identifier WHERE pool_id = ? AND state = 'free' ORDER BY id LIMIT ?"),
                       {poolId, qint64(size)});
        if (!q)
            return q.error();
        qint64 lastId = 0;
        while (q->next()) {
            lastId = q->value(0).toLongLong();
            block.values << q->value(1).toString();
        }
        q->finish();
        if (block.values.isEmpty())
            return std::optional<LeaseBlock>();
        auto id = insertReturningId(QStringLiteral("INSERT INTO id_lease (pool_id, station_id, size, state, leased_at) VALUES (?, ?, ?, 'leased', ?)"),
                                    {poolId, stationId, qint64(block.values.size()), nowMs()});
        if (!id)
            return id.error();
        block.id = *id;
        auto upd = query(QStringLiteral("UPDATE identifier SET state = 'leased', lease_id = ? WHERE pool_id = ? AND state = 'free' AND id <= ?"),
                         {block.id, poolId, lastId});
        if (!upd)
            return upd.error();
        return std::optional<LeaseBlock>(block);
    });
}

Result<void> LineDatabase::addLease(const LeaseBlock &block)
{
    return transaction([&]() -> Result<void> {
        auto pool = row(QStringLiteral("SELECT id, next_value, end_value FROM id_pool WHERE name = ?"), {block.pool});
        if (!pool)
            return pool.error();
        if (!pool->has_value())
            return dbError(QCoreApplication::translate("piton::line", "pool '%1' is not in the database (release the recipe first)").arg(block.pool));
        const qint64 poolId = (**pool).value(0).toLongLong();
        auto known = row(QStringLiteral("SELECT id FROM id_lease WHERE id = ?"), {block.id});
        if (!known)
            return known.error();
        if (known->has_value())
            return {};
        if (!block.values.isEmpty()) {
            if (auto ok = query(QStringLiteral("INSERT INTO id_lease (id, pool_id, size, state, leased_at) VALUES (?, ?, ?, 'active', ?)"),
                                {block.id, poolId, block.size(), nowMs()});
                !ok)
                return ok.error();
            for (const QString &value : block.values)
                if (auto ok = query(QStringLiteral("INSERT INTO identifier (pool_id, value, state, lease_id) VALUES (?, ?, 'free', ?)"),
                                    {poolId, value, block.id});
                    !ok)
                    return ok.error();
            return {};
        }
        // A counter block: current at once when the pool has nothing left, else queued.
        const bool current = (**pool).value(1).toLongLong() > (**pool).value(2).toLongLong();
        if (auto ok = query(QStringLiteral("INSERT INTO id_lease (id, pool_id, first_value, last_value, size, state, leased_at) "
                                           "VALUES (?, ?, ?, ?, ?, ?, ?)"),
                            {block.id, poolId, block.first, block.last, block.size(),
                             current ? QStringLiteral("active") : QStringLiteral("queued"), nowMs()});
            !ok)
            return ok.error();
        if (!current)
            return {};
        auto spent = query(QStringLiteral("UPDATE id_lease SET state = 'spent' WHERE pool_id = ? AND state = 'active' AND id <> ?"),
                           {poolId, block.id});
        if (!spent)
            return spent.error();
        auto ok = query(QStringLiteral("UPDATE id_pool SET next_value = ?, end_value = ? WHERE id = ?"), {block.first, block.last, poolId});
        return ok ? Result<void>() : Result<void>(ok.error());
    });
}

Result<qint64> LineDatabase::leasedRemaining(const PoolSpec &pool)
{
    if (pool.type == PoolType::List) {
        auto r = row(QStringLiteral("SELECT COUNT(*) FROM identifier i JOIN id_pool p ON p.id = i.pool_id WHERE p.name = ? AND i.state = 'free'"),
                     {pool.name});
        return r ? Result<qint64>(r->has_value() ? (**r).value(0).toLongLong() : 0) : Result<qint64>(r.error());
    }
    auto r = row(QStringLiteral("SELECT p.end_value - p.next_value + 1, (SELECT COALESCE(SUM(l.last_value - l.first_value + 1), 0) "
                                "FROM id_lease l WHERE l.pool_id = p.id AND l.state = 'queued') FROM id_pool p WHERE p.name = ?"),
                 {pool.name});
    if (!r)
        return r.error();
    if (!r->has_value())
        return qint64(0);
    return qMax<qint64>(0, (**r).value(0).toLongLong()) + (**r).value(1).toLongLong();
}

Result<QList<JournalAttempt>> LineDatabase::unsyncedAttempts(int limit)
{
    auto q = query(QStringLiteral("SELECT a.id, u.board, u.chip_uid, a.slot, a.operator, a.recipe_sha256, a.identifier_policy, a.piton_version, "
                                  "a.started_at, a.ended_at, a.result, a.failure_step, a.error, a.package_sha256, a.versions, a.identifiers, a.log, "
                                  "a.barcode FROM attempt a JOIN unit u ON u.id = a.unit_id WHERE a.synced_at IS NULL AND a.result <> 'running' "
                                  "ORDER BY a.id LIMIT ?"),
                   {qint64(limit)});
    if (!q)
        return q.error();
    QList<JournalAttempt> list;
    while (q->next()) {
        JournalAttempt a;
        a.localId = q->value(0).toLongLong();
        a.board = q->value(1).toString();
        a.uid = q->value(2).toString();
        a.slot = q->value(3).toString();
        a.operatorName = q->value(4).toString();
        a.recipeSha256 = q->value(5).toString();
        a.policy = q->value(6).toString();
        a.pitonVersion = q->value(7).toString();
        a.startedAt = q->value(8).toLongLong();
        a.endedAt = q->value(9).toLongLong();
        a.result = q->value(10).toString();
        a.failureStep = q->value(11).toString();
        a.error = q->value(12).toString();
        a.packageSha256 = q->value(13).toString();
        a.versions = q->value(14).toString();
        a.identifiers = q->value(15).toString();
        a.log = q->value(16).toString();
        a.barcode = q->value(17).toString();
        list << a;
    }
    q->finish();
    for (JournalAttempt &a : list) {
        auto steps = query(QStringLiteral("SELECT step, started_at, ended_at, result, retries, detail FROM step_result WHERE attempt_id = ? ORDER BY seq"),
                           {a.localId});
        if (!steps)
            return steps.error();
        while (steps->next())
            a.steps << StepRecord{steps->value(0).toString(), steps->value(1).toLongLong(), steps->value(2).toLongLong(),
                                  steps->value(3).toString(), steps->value(4).toInt(), steps->value(5).toString()};
        auto ids = query(QStringLiteral("SELECT p.name, i.value, i.state, i.assigned_at FROM identifier i JOIN id_pool p ON p.id = i.pool_id "
                                        "WHERE i.attempt_id = ? ORDER BY i.id"),
                         {a.localId});
        if (!ids)
            return ids.error();
        while (ids->next())
            a.given << JournalAttempt::Identifier{ids->value(0).toString(), ids->value(1).toString(), ids->value(2).toString(),
                                                  ids->value(3).toLongLong()};
    }
    return list;
}

Result<int> LineDatabase::unsyncedCount()
{
    auto r = row(QStringLiteral("SELECT COUNT(*) FROM attempt WHERE synced_at IS NULL"));
    return r ? Result<int>(r->has_value() ? (**r).value(0).toInt() : 0) : Result<int>(r.error());
}

Result<void> LineDatabase::markSynced(qint64 localId)
{
    auto ok = query(QStringLiteral("UPDATE attempt SET synced_at = ? WHERE id = ?"), {nowMs(), localId});
    return ok ? Result<void>() : Result<void>(ok.error());
}

Result<qint64> LineDatabase::importAttempt(const JournalAttempt &a, const QString &stationCode, qint64 stationId, qint64 recipeId,
                                           QString *conflict)
{
    const QString origin = a.origin(stationCode);
    auto nullIfEmpty = [](const QString &s) { return s.isEmpty() ? QVariant() : QVariant(s); };
    // Without the global write lock: copies from many stations go in parallel. What they could
    // race on is guarded by UNIQUE constraints (origin, unit (board, uid), identifier (pool,
    // value)): the loser's transaction fails whole and its station copies it again next round.
    return plainTransaction([&]() -> Result<qint64> {
        auto known = row(QStringLiteral("SELECT id FROM attempt WHERE origin = ?"), {origin});
        if (!known)
            return known.error();
        if (known->has_value())
            return (**known).value(0).toLongLong(); // copied before; the journal did not hear back
        auto unitRow = row(QStringLiteral("SELECT id FROM unit WHERE board = ? AND chip_uid = ?"), {a.board, a.uid});
        if (!unitRow)
            return unitRow.error();
        qint64 unitId = 0;
        if (unitRow->has_value()) {
            unitId = (**unitRow).value(0).toLongLong();
        } else {
            auto id = insertReturningId(QStringLiteral("INSERT INTO unit (board, chip_uid, state, first_seen_at) VALUES (?, ?, 'in_progress', ?)"),
                                        {a.board, a.uid, a.startedAt});
            if (!id)
                return id.error();
            unitId = *id;
        }
        auto count = row(QStringLiteral("SELECT COUNT(*) FROM attempt WHERE unit_id = ? AND recipe_sha256 = ?"), {unitId, a.recipeSha256});
        if (!count)
            return count.error();
        auto attemptId = insertReturningId(
            QStringLiteral("INSERT INTO attempt (unit_id, station_id, slot, operator, recipe_id, recipe_sha256, identifier_policy, piton_version, "
                           "attempt_no, started_at, ended_at, result, failure_step, error, package_sha256, versions, identifiers, log, origin, "
                           "synced_at, barcode) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {unitId, stationId, a.slot, a.operatorName, recipeId, a.recipeSha256, a.policy, a.pitonVersion, (**count).value(0).toInt() + 1,
             a.startedAt, a.endedAt ? QVariant(a.endedAt) : QVariant(), a.result, nullIfEmpty(a.failureStep), nullIfEmpty(a.error),
             a.packageSha256, a.versions, a.identifiers, a.log, origin, nowMs(), nullIfEmpty(a.barcode)});
        if (!attemptId)
            return attemptId.error();
        for (int i = 0; i < a.steps.size(); ++i) {
            const StepRecord &st = a.steps[i];
            if (auto ok = query(QStringLiteral("INSERT INTO step_result (attempt_id, seq, step, started_at, ended_at, result, retries, detail) "
                                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                                {*attemptId, i + 1, st.step, st.startedAt, st.endedAt, st.result, st.retries, st.detail});
                !ok)
                return ok.error();
        }
        QString serial;
        QStringList conflicts;
        for (const JournalAttempt::Identifier &id : a.given) {
            auto pool = row(QStringLiteral("SELECT id, type FROM id_pool WHERE name = ?"), {id.pool});
            if (!pool)
                return pool.error();
            if (!pool->has_value())
                return dbError(QCoreApplication::translate("piton::line", "pool '%1' is not in the database (release the recipe first)").arg(id.pool));
            const qint64 poolId = (**pool).value(0).toLongLong();
            auto held = row(QStringLiteral("SELECT i.id, i.unit_id, u.chip_uid, i.attempt_id FROM identifier i LEFT JOIN unit u ON u.id = i.unit_id "
                                           "WHERE i.pool_id = ? AND i.value = ?"),
                            {poolId, id.value});
            if (!held)
                return held.error();
            if (held->has_value() && !(**held).value(1).isNull() && (**held).value(1).toLongLong() != unitId) {
                // Leased values never clash (each block is one station's). A scanned code can:
                // two stations that could not reach the server each checked it only against
                // their own journal. The attempt is recorded with the clash, the code stays with
                // the board that reached the server first, and this board is flagged, not given
                // the code a second time.
                if ((**pool).value(1).toString() != QLatin1String("barcode"))
                    return dbError(QCoreApplication::translate("piton::line", "%1 of pool '%2' is already given to another board").arg(id.value, id.pool));
                conflicts << QCoreApplication::translate("piton::line", "pool '%1': the scanned code '%2' is held by board %3 (attempt %4); "
                                                                        "both were scanned while the server was unreachable")
                                 .arg(id.pool, id.value, (**held).value(2).toString(), (**held).value(3).toString());
                continue;
            }
            auto ok = held->has_value()
                ? query(QStringLiteral("UPDATE identifier SET state = ?, unit_id = ?, attempt_id = ?, assigned_at = ? WHERE id = ?"),
                        {id.state, unitId, *attemptId, id.assignedAt, (**held).value(0)})
                : query(QStringLiteral("INSERT INTO identifier (pool_id, value, state, unit_id, attempt_id, assigned_at) VALUES (?, ?, ?, ?, ?, ?)"),
                        {poolId, id.value, id.state, unitId, *attemptId, id.assignedAt});
            if (!ok)
                return ok.error();
        }
        if (!conflicts.isEmpty()) {
            if (conflict)
                *conflict = conflicts.join(QStringLiteral("; "));
            auto ok = query(QStringLiteral("UPDATE attempt SET conflict = ? WHERE id = ?"), {conflicts.join(QStringLiteral("; ")), *attemptId});
            if (!ok)
                return ok.error();
            ok = query(QStringLiteral("UPDATE unit SET state = 'conflict' WHERE id = ?"), {unitId});
            return ok ? Result<qint64>(*attemptId) : Result<qint64>(ok.error());
        }
        serial = QJsonDocument::fromJson(a.identifiers.toUtf8()).object().value(QStringLiteral("serial")).toString();
        const bool passed = a.result == QLatin1String("pass");
        auto unitState = passed ? query(QStringLiteral("UPDATE unit SET state = 'pass', serial = COALESCE(?, serial) WHERE id = ?"),
                                        {nullIfEmpty(serial), unitId})
                                : query(QStringLiteral("UPDATE unit SET state = 'fail' WHERE id = ? AND state <> 'pass'"), {unitId});
        if (!unitState)
            return unitState.error();
        return *attemptId;
    });
}

// --- roles ----------------------------------------------------------------------------------

Result<void> LineDatabase::requireRoleIn(const QString &name, const QString &role, const QString &password)
{
    auto engineers = row(QStringLiteral("SELECT COUNT(*) FROM account WHERE role = 'engineer'"));
    if (!engineers)
        return engineers.error();
    if ((**engineers).value(0).toLongLong() == 0)
        return {}; // no engineer account yet: roles are not enforced
    auto account = row(QStringLiteral("SELECT role, password_hash FROM account WHERE name = ?"), {name});
    if (!account)
        return account.error();
    if (!account->has_value())
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("piton::line", "'%1' has no account in this database (an engineer adds it: piton-cli line account add)").arg(name));
    // An account with a password acts only with it.
    if (!(**account).value(1).isNull()) {
        if (password.isEmpty())
            return lineUsage(QCoreApplication::translate("piton::line", "'%1' has a password: give it (log in on the Line page; piton-cli reads PITON_LINE_PASSWORD)").arg(name));
        if (!checkPassword(password, (**account).value(1).toString()))
            return lineUsage(QCoreApplication::translate("piton::line", "the password of '%1' is wrong").arg(name));
    }
    const QString has = (**account).value(0).toString();
    if (role == QLatin1String("engineer") && has != QLatin1String("engineer"))
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("piton::line", "'%1' is an operator; only an engineer may do this").arg(name));
    return {};
}

Result<void> LineDatabase::requireRole(const QString &name, const QString &role, const QString &password)
{
    return requireRoleIn(name, role, password);
}

Result<void> LineDatabase::addAccount(const QString &name, const QString &role, const QString &by, const QString &password,
                                      const QString &byPassword)
{
    if (role != QLatin1String("operator") && role != QLatin1String("engineer"))
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("piton::line", "a role is 'operator' or 'engineer', not '%1'").arg(role));
    if (name.trimmed().isEmpty() || name != name.trimmed())
        return Error::make(ErrorKind::Usage, QCoreApplication::translate("piton::line", "an account needs a name without leading or trailing spaces"));
    QVariant hash; // hashed before the write lock: it takes a while on purpose
    if (!password.isEmpty()) {
        auto h = hashPassword(password);
        if (!h)
            return h.error();
        hash = *h;
    }
    return transaction([&]() -> Result<void> {
        if (auto allowed = requireRoleIn(by, QStringLiteral("engineer"), byPassword); !allowed)
            return allowed.error();
        auto known = row(QStringLiteral("SELECT role FROM account WHERE name = ?"), {name});
        if (!known)
            return known.error();
        if (known->has_value())
            return Error::make(ErrorKind::Usage, QCoreApplication::translate("piton::line", "'%1' already has an account (%2)").arg(name, (**known).value(0).toString()));
        auto ok = query(QStringLiteral("INSERT INTO account (name, role, created_by, created_at, password_hash) VALUES (?, ?, ?, ?, ?)"),
                        {name, role, by.isEmpty() ? QVariant() : QVariant(by), nowMs(), hash});
        return ok ? Result<void>() : Result<void>(ok.error());
    });
}

Result<void> LineDatabase::setPassword(const QString &name, const QString &password, const QString &by, const QString &byPassword)
{
    auto hash = hashPassword(password);
    if (!hash)
        return hash.error();
    return transaction([&]() -> Result<void> {
        auto known = row(QStringLiteral("SELECT role FROM account WHERE name = ?"), {name});
        if (!known)
            return known.error();
        if (!known->has_value())
            return lineUsage(QCoreApplication::translate("piton::line", "'%1' has no account in this database").arg(name));
        // The account itself (proving its old password, if it has one) or an engineer.
        if (auto allowed = by == name ? requireRoleIn(by, QStringLiteral("operator"), byPassword)
                                      : requireRoleIn(by, QStringLiteral("engineer"), byPassword);
            !allowed)
            return allowed.error();
        auto ok = query(QStringLiteral("UPDATE account SET password_hash = ? WHERE name = ?"), {*hash, name});
        return ok ? Result<void>() : Result<void>(ok.error());
    });
}

Result<QString> LineDatabase::authenticate(const QString &name, const QString &password)
{
    auto account = row(QStringLiteral("SELECT role, password_hash FROM account WHERE name = ?"), {name});
    if (!account)
        return account.error();
    if (!account->has_value() || (**account).value(1).isNull())
        return lineUsage(account->has_value() ? QCoreApplication::translate("piton::line", "'%1' has no password yet (an engineer sets one: piton-cli line account passwd)").arg(name)
                                              : QCoreApplication::translate("piton::line", "the name or the password is wrong"));
    if (!checkPassword(password, (**account).value(1).toString()))
        return lineUsage(QCoreApplication::translate("piton::line", "the name or the password is wrong"));
    return (**account).value(0).toString();
}

Result<bool> LineDatabase::rolesEnforced()
{
    auto engineers = row(QStringLiteral("SELECT COUNT(*) FROM account WHERE role = 'engineer'"));
    if (!engineers)
        return engineers.error();
    return (**engineers).value(0).toLongLong() > 0;
}

Result<void> LineDatabase::copyAccountsFrom(LineDatabase &central)
{
    if (!m_journal)
        return lineUsage(QStringLiteral("copyAccountsFrom: not a journal")); // a programming error, not shown to users
    auto q = central.query(QStringLiteral("SELECT name, role, created_by, created_at, password_hash FROM account ORDER BY name"));
    if (!q)
        return q.error();
    QList<QVariantList> rows;
    while (q->next())
        rows.append({q->value(0), q->value(1), q->value(2), q->value(3), q->value(4)});
    q->finish();
    return transaction([&]() -> Result<void> {
        if (auto ok = query(QStringLiteral("DELETE FROM account")); !ok)
            return ok.error();
        for (const QVariantList &r : std::as_const(rows))
            if (auto ok = query(QStringLiteral("INSERT INTO account (name, role, created_by, created_at, password_hash) VALUES (?, ?, ?, ?, ?)"), r);
                !ok)
                return ok.error();
        auto ok = query(QStringLiteral("UPDATE station SET accounts_copied_at = ?"), {nowMs()});
        return ok ? Result<void>() : Result<void>(ok.error());
    });
}

Result<std::optional<qint64>> LineDatabase::accountsCopiedAt(const QString &stationCode)
{
    auto r = row(QStringLiteral("SELECT accounts_copied_at FROM station WHERE code = ?"), {stationCode});
    if (!r)
        return r.error();
    if (!r->has_value() || (**r).value(0).isNull())
        return std::optional<qint64>();
    return std::optional<qint64>((**r).value(0).toLongLong());
}

Result<QJsonArray> LineDatabase::accounts()
{
    auto q = query(QStringLiteral("SELECT name, role, created_by, created_at, password_hash IS NOT NULL FROM account ORDER BY name"));
    if (!q)
        return q.error();
    QJsonArray list;
    while (q->next())
        list.append(QJsonObject{{QStringLiteral("name"), q->value(0).toString()},
                                {QStringLiteral("role"), q->value(1).toString()},
                                {QStringLiteral("createdBy"), q->value(2).toString()},
                                {QStringLiteral("createdAt"), QDateTime::fromMSecsSinceEpoch(q->value(3).toLongLong(), Qt::UTC).toString(Qt::ISODateWithMs)},
                                {QStringLiteral("password"), q->value(4).toBool()}});
    return list;
}

Result<RecipeRelease> releaseRecipeFile(const QString &recipePath, const QString &databaseUrl, const QString &by, const QString &password)
{
    auto recipe = Recipe::load(recipePath);
    if (!recipe)
        return recipe.error();
    // Its packages must match their pins before it is released.
    if (auto packages = recipe->loadPackages(); !packages)
        return packages.error();
    auto db = LineDatabase::open(databaseUrl);
    if (!db)
        return db.error();
    auto id = (*db)->releaseRecipe(*recipe, by, password);
    if (!id)
        return id.error();
    return RecipeRelease{std::move(*recipe), *id};
}

} // namespace piton::line

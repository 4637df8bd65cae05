// The traceability database of line mode (docs/line-mode.md, "Database"): released recipes,
// identifier pools and every identifier given, units (boards by unique id), attempts with
// their steps and logs. Qt SQL; SQLite (a file in WAL mode) today, written in plain SQL so that
// PostgreSQL can follow. One schema, migrated by the versions in line_database.cpp.
//
// Threads: a LineDatabase is one connection and may be used only on the thread that opened it
// (a QSqlDatabase rule); a station opens one per slot worker. Every write that reads first runs
// in a write transaction (SQLite: BEGIN IMMEDIATE, so a second writer waits up to the busy
// timeout instead of failing), which is what makes allocation atomic across threads, processes
// and stations sharing the file.
#pragma once

#include "error.h"
#include "line/recipe.h"

#include <QDate>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

#include <functional>
#include <memory>
#include <optional>

class QSqlQuery;

namespace piton::line {

/**
 * A --db argument: `sqlite:PATH` (a file) or `postgresql://[USER[:PASSWORD]@]HOST[:PORT]/DBNAME`
 * (also `postgres://`; libpq's URI form, https://www.postgresql.org/docs/15/libpq-connect.html
 * §34.1.1.2, without query parameters; a missing password comes from PGPASSWORD or ~/.pgpass,
 * read by libpq). Usage error naming the text for anything else.
 */
struct DatabaseUrl {
    enum class Kind { Sqlite, Postgresql };
    Kind kind = Kind::Sqlite;
    QString path;     ///< SQLite file
    QString host;     ///< PostgreSQL server
    int port = 5432;
    QString user, password, databaseName;
    static Result<DatabaseUrl> parse(const QString &text);
    bool isPostgresql() const { return kind == Kind::Postgresql; }
    /** The URL without its password (for messages and logs). */
    QString display() const;
};

/** A shift of the line (docs/line-mode.md, "Report"), in the station's local time. */
struct Shift {
    QString name;        ///< e.g. "early"; the range text when none was given
    int startMinute = 0; ///< minute of the day it starts, 0..1439
    int endMinute = 0;   ///< minute of the day it ends (exclusive); <= startMinute: the next day
    /**
     * Parses `NAME=HH:MM-HH:MM,...` (names optional; 24-hour clock, local time; a shift may run
     * past midnight, e.g. night=22:00-06:00). Usage error naming the part: bad syntax, an empty
     * shift, a name given twice, two shifts that overlap. Gaps are allowed.
     */
    static Result<QList<Shift>> parseList(const QString &text);
    /** "YYYY-MM-DD NAME" of the shift that time `ms` (since the epoch) falls in, dated by the
     *  local day the shift began (a night shift after midnight counts for the day before);
     *  "YYYY-MM-DD (no shift)" in a gap. */
    static QString label(const QList<Shift> &shifts, qint64 ms);
};

/** One identifier given to a board for a config entry. */
struct AllocatedIdentifier {
    QString key;    ///< config key it is written to
    QString pool;
    QString value;
    bool reused = false; ///< the board already held it (put back, or kept after a failure)
};

/** One step of an attempt as recorded. Times: ms since the epoch (UTC). */
struct StepRecord {
    QString step;
    qint64 startedAt = 0;
    qint64 endedAt = 0;
    QString result;  ///< "pass" or "fail"
    int retries = 0; ///< extra runs it took
    QString detail;  ///< error message, or what it did
};

/** How an attempt ended. `result`: "pass", "fail" or "aborted" (stopped by the operator). */
struct AttemptEnd {
    QString result;
    QString failureStep;
    QString error;
    QJsonObject versions; ///< e.g. {"application":"1.2.3","bootloader":"1.0.0"}
    QString log;
    QList<StepRecord> steps;
};

/** What a new attempt got. */
struct AttemptStart {
    qint64 attemptId = 0;
    qint64 unitId = 0;
    int attemptNo = 0; ///< 1 for the board's first attempt with this recipe
};

/** A block of identifiers leased to one station (docs/line-mode.md, "Leases"). */
struct LeaseBlock {
    qint64 id = 0;     ///< id_lease.id in the central database (the journal keeps the same)
    QString pool;
    qint64 first = 0;  ///< counter / MAC pools: counter values first..last
    qint64 last = -1;
    QStringList values; ///< list pools: the values, in list order
    qint64 size() const { return values.isEmpty() ? last - first + 1 : values.size(); }
};

/** One attempt of a station's journal, as copied to the central database. */
struct JournalAttempt {
    qint64 localId = 0;
    QString board, uid, slot, operatorName, recipeSha256, policy, pitonVersion;
    qint64 startedAt = 0, endedAt = 0;
    QString result, failureStep, error, packageSha256, versions, identifiers, log;
    QString barcode; ///< the scanned code(s), or empty
    QList<StepRecord> steps;
    struct Identifier {
        QString pool, value, state;
        qint64 assignedAt = 0;
    };
    QList<Identifier> given; ///< the identifiers this attempt holds (assigned or void)
    /** Its name in the central database: unique per station, journal record and start time. */
    QString origin(const QString &stationCode) const
    {
        return QStringLiteral("%1/%2/%3").arg(stationCode).arg(localId).arg(startedAt);
    }
};

class LineDatabase {
public:
    /** Current schema version (the number of migrations). */
    static int latestSchemaVersion();

    /**
     * Opens (creating the file if needed) and migrates the database named by `url`
     * (DatabaseUrl). SQLite: journal_mode=WAL, synchronous=FULL, foreign keys on, busy timeout
     * 10000 ms. PostgreSQL: connect timeout 5 s; the schema is created on first use (the user
     * needs CREATE on the database's public schema). Errors: Usage (bad URL), Io ("database:
     * ..." when the driver is missing (libqt6sql6-sqlite / libqt6sql6-psql), the file or server
     * cannot be opened, or the schema was made by a newer Piton).
     */
    static Result<std::unique_ptr<LineDatabase>> open(const QString &url);
    ~LineDatabase();
    LineDatabase(const LineDatabase &) = delete;
    LineDatabase &operator=(const LineDatabase &) = delete;

    int schemaVersion();
    bool isPostgresql() const { return m_url.isPostgresql(); }
    const DatabaseUrl &url() const { return m_url; }
    /** True when the last error was the server going away (PostgreSQL: connection lost or
     *  refused), as opposed to a refused statement; the next call tries to connect again. */
    bool unreachable() const { return m_unreachable; }

    /**
     * Records `recipe` as released by `by` (an engineer once roles are enforced:
     * requireRole()) (its canonical JSON and SHA-256) and creates its
     * pools; a list pool's values are stored as free identifiers. Releasing the same recipe
     * again returns the same id. A pool that exists with another definition is refused (Usage,
     * naming the pool), and nothing is stored. `password`: `by`'s, when the account has one
     * (requireRole()). Returns the recipe's id.
     */
    Result<qint64> releaseRecipe(const Recipe &recipe, const QString &by, const QString &password = {});

    /** Id of the released recipe with this SHA-256; Usage error "not released" otherwise. */
    Result<qint64> releasedRecipeId(const QString &sha256);

    /** Id of station `code` (created on first use); updates host name, version, last seen. */
    Result<qint64> station(const QString &code, const QString &hostname, const QString &pitonVersion);

    /**
     * Attempts of `stationId` still "running" (the station stopped without ending them: crash,
     * power loss, SIGKILL) become "interrupted"; their identifiers follow the recipe's
     * failedIdentifiers policy. Returns how many. Call before the station starts.
     */
    Result<int> markInterrupted(qint64 stationId);

    /** Id of the unit (board `board`, unique id `uidHex`), created on first sight. */
    Result<qint64> unit(const QString &board, const QString &uidHex);

    /** The attempt that passed `recipeSha256` on this unit, if one did. */
    Result<std::optional<qint64>> passedAttempt(qint64 unitId, const QString &recipeSha256);

    /** Inserts a "running" attempt (start time now). `barcode`: the code(s) the operator
     *  scanned for it (barcode pools; several joined by ","), recorded as scanned. */
    Result<AttemptStart> startAttempt(qint64 unitId, qint64 stationId, const QString &slot, const QString &operatorName,
                                      qint64 recipeId, const QString &recipeSha256, FailedIdentifierPolicy policy,
                                      const QString &packageSha256, const QString &pitonVersion, const QString &barcode = {});

    /**
     * Gives the attempt one identifier per config entry of `recipe` that comes from a pool, in
     * one write transaction: the unit's own identifier of that pool if it holds one (put back,
     * or kept after a failure), else the next counter/address value, the first free list value,
     * or the unit id's value; a barcode pool gives the code scanned for it (`scanned`: pool
     * name -> code), which must match its pattern and must not be held by another board.
     * Never the same value twice (UNIQUE(pool, value) and the transaction). `uid`: the board's
     * unique id; `date`: for date placeholders. Errors: Io for the database, Usage "pool 'x' is
     * exhausted (last value ...)", "... is already given to another board", a code that does
     * not match. On error nothing is given.
     */
    Result<QList<AllocatedIdentifier>> allocate(const Recipe &recipe, qint64 unitId, qint64 attemptId, const QByteArray &uid,
                                                const QDate &date, const QHash<QString, QString> &scanned = {});

    /** The unit holding code `code` of barcode pool `pool` (assigned, kept or void), if any. Io errors. */
    Result<std::optional<qint64>> barcodeHolder(const QString &pool, const QString &code);
    /** The unique id (hex, as unit.chip_uid) of the board holding code `code` of barcode pool
     *  `pool`, if any: comparable across databases (the journal and the server). Io errors. */
    Result<std::optional<QString>> barcodeHolderUid(const QString &pool, const QString &code);

    /** Ends the attempt: result, steps, error, log, identifiers given (JSON); on pass the unit
     *  is "pass" with its serial; on fail/aborted the identifiers follow `policy`. */
    Result<void> finishAttempt(qint64 attemptId, const AttemptEnd &end, const QList<AllocatedIdentifier> &identifiers,
                               FailedIdentifierPolicy policy);

    /**
     * The report (docs/line-mode.md, "Report"): "boards" (one object per unit with an attempt
     * started at or after `sinceMs`: board, uid, serial, identifiers, attempts, first and final
     * result, recipe, station, slot, package SHA-256), and "yield" per recipe, station and slot
     * (units, firstPass, finalPass, fpy, finalYield, attempts, attemptsPassed), where a unit
     * counts for the recipe/station/slot of its first attempt. Units whose only attempts still
     * run are left out. With `shifts`: yield per shift too (group "shift", key "DATE NAME",
     * Shift::label of the attempt's start; a unit counts for the shift of its first attempt),
     * and each board names the shift of its first attempt ("shift"). "conflict": the clash of a
     * scanned code found when the board's record reached the server (importAttempt), or empty.
     */
    Result<QJsonObject> report(qint64 sinceMs, const QList<Shift> &shifts = {});

    // --- leases and the station's journal (docs/line-mode.md, "Leases", "Journal") ---------

    /**
     * Opens (creating it if needed) a station's local journal: a SQLite file with the same
     * schema, whose pools allocate only from leased blocks (addLease()). Errors as open().
     */
    static Result<std::unique_ptr<LineDatabase>> openJournal(const QString &path);
    bool isJournal() const { return m_journal; }

    /**
     * Central database: leases the next `size` values of `pool` to station `stationId`, in one
     * statement that is atomic under concurrency (UPDATE id_pool ... RETURNING; list pools:
     * the first free values, marked 'leased', under the write lock). Values of a lease are
     * never given by anyone else. nullopt when the pool has no value left. Io errors.
     */
    Result<std::optional<LeaseBlock>> leaseBlock(const PoolSpec &pool, qint64 stationId, int size);

    /** Journal: adds a block leased to this station (idempotent by block id). */
    Result<void> addLease(const LeaseBlock &block);

    /** Journal: values of `pool` this station can still give without the server. */
    Result<qint64> leasedRemaining(const PoolSpec &pool);

    /** Journal: up to `limit` ended (or interrupted) attempts not yet copied to the server. */
    Result<QList<JournalAttempt>> unsyncedAttempts(int limit);
    /** Journal: how many attempts wait for the server (running ones included). */
    Result<int> unsyncedCount();
    /** Journal: `localId` was copied to the server. */
    Result<void> markSynced(qint64 localId);

    /**
     * Central database: records `a` (from the journal of station `stationCode`) in one
     * transaction: the unit, the attempt (origin a.origin(stationCode); a second copy is
     * skipped), its steps and identifiers. PostgreSQL: without the global write lock; UNIQUE
     * constraints guard the races (a loser fails whole and is copied again). A leased identifier
     * held by another board is refused (Io "... is already given to another board") and nothing
     * is written. A scanned code (barcode pool) held by another board (two stations scanned it
     * during an outage, each checking only its own journal) is not refused: the attempt is
     * recorded with attempt.conflict naming the clash (also in `*conflict`), the code stays with
     * its first holder, and the unit's state becomes "conflict" (docs/line-mode.md, "Barcodes
     * during an outage"). Returns the attempt id.
     */
    Result<qint64> importAttempt(const JournalAttempt &a, const QString &stationCode, qint64 stationId, qint64 recipeId,
                                 QString *conflict = nullptr);

    // --- roles (docs/line-mode.md, "Roles") ------------------------------------------------

    /**
     * Adds a local account `name` with `role` ("operator" or "engineer"). Once the database has
     * an engineer account, roles are enforced and only an engineer (`by`) adds accounts; the
     * first engineer can be added by anybody. `password`: the new account's (hashed,
     * line/password.h; empty: none yet), `byPassword`: `by`'s when that account has one.
     * Usage errors: bad role or name, an existing account, `by` not an engineer or its password
     * missing or wrong, a password shorter than kPasswordMinLength.
     */
    Result<void> addAccount(const QString &name, const QString &role, const QString &by, const QString &password = {},
                            const QString &byPassword = {});
    /** Sets the password of `name`: by the account itself (with its old password, if any) or by
     *  an engineer (`by`, `byPassword`). Usage errors as addAccount(), and an unknown account. */
    Result<void> setPassword(const QString &name, const QString &password, const QString &by, const QString &byPassword = {});
    /** Log-in: the role ("operator" or "engineer") of `name` when `password` is its password.
     *  Usage error "the name or the password is wrong" (also for an unknown name), or that the
     *  account has no password yet. */
    Result<QString> authenticate(const QString &name, const QString &password);
    /** True once the database has an engineer account (roles are enforced from then on). */
    Result<bool> rolesEnforced();
    /**
     * Journal: replaces the journal's accounts by a copy of `central`'s (name, role, password
     * hash) in one transaction and records the time on the station's row (accountsCopiedAt()),
     * so that a start without the server checks the operator against the copy (requireRole()
     * on the journal). Io errors of either database; on error the journal keeps its old copy.
     */
    Result<void> copyAccountsFrom(LineDatabase &central);
    /** Journal: when station `stationCode`'s copy of the accounts was last taken (ms since the
     *  epoch, UTC); nullopt when it never was. Io errors. */
    Result<std::optional<qint64>> accountsCopiedAt(const QString &stationCode);
    /** The accounts: name, role, createdBy, createdAt (ISO, UTC), password (true when one is set). */
    Result<QJsonArray> accounts();
    /**
     * Checks that `name` may act as `role` ("operator": any account; "engineer": an engineer
     * account). Always fine while the database has no engineer account. An account with a
     * password needs `password` to match. Usage error naming the person otherwise.
     * releaseRecipe() checks its `by` as an engineer itself.
     */
    Result<void> requireRole(const QString &name, const QString &role, const QString &password = {});

    /** Runs a query with bound values (for tests and reports). Io error with the driver's text. */
    Result<QSqlQuery> query(const QString &sql, const QVariantList &values = {});

private:
    LineDatabase(QString connectionName, DatabaseUrl url);
    Result<void> connect();
    Result<void> migrate();
    Result<void> begin(bool serialised = true);   // a write transaction
    Result<void> commit();
    void rollback();
    /** Runs `body` in a write transaction: committed when it succeeds, rolled back when not.
     *  `serialised`: with the dialect's write lock (plainTransaction() is without). */
    template <typename F>
    auto transaction(F &&body, bool serialised = true) -> decltype(body());
    /** The same without the dialect's write lock (PostgreSQL: a plain BEGIN; statements that
     *  are atomic by themselves). SQLite takes its write lock either way. */
    template <typename F>
    auto plainTransaction(F &&body) -> decltype(body());
    /** `sql` (an INSERT) + " RETURNING id": the new row's id. */
    Result<qint64> insertReturningId(const QString &sql, const QVariantList &values);
    /** The first row of a query's result, or nullopt when there is none. */
    Result<std::optional<QVariantList>> row(const QString &sql, const QVariantList &values = {});
    /** One identifier of `spec` for the attempt (inside allocate()'s transaction). */
    Result<QString> allocateOne(const PoolSpec &spec, qint64 unitId, qint64 attemptId, const QByteArray &uid, const QDate &date,
                                const QString &scanned, bool *reused);
    Result<void> voidIdentifiers(qint64 attemptId, FailedIdentifierPolicy policy);
    Result<void> requireRoleIn(const QString &name, const QString &role, const QString &password = {}); // inside a transaction or not
    /** Journal: makes the next queued lease of the pool current and gives its first value. */
    Result<QString> allocateFromNextLease(const PoolSpec &spec, qint64 poolId, const std::function<Result<QString>(qint64)> &give);

    QString m_name;
    DatabaseUrl m_url;
    bool m_unreachable = false; // the last error was a lost connection: reconnect before the next statement
    bool m_inTransaction = false;
    bool m_journal = false;
};

/** What releaseRecipeFile() released. */
struct RecipeRelease {
    Recipe recipe; ///< the recipe file as it was loaded and released
    qint64 id = 0; ///< its id in the database (LineDatabase::releaseRecipe())
};

/**
 * The release of a recipe file, as `piton-cli line recipe release` and the Line page's "Release
 * recipe" both do it: loads `recipePath` (Recipe::load()), checks every package against its
 * SHA-256 pin and the recipe's board (Recipe::loadPackages(): reads and hashes each package),
 * opens `databaseUrl` (LineDatabase::open()) and records the release by `by`
 * (LineDatabase::releaseRecipe(); `password` is `by`'s when its account has one). Nothing is
 * written before the recipe and its packages checked out, and the release is one transaction.
 * Blocks for the hashing (a package of many MB) and the connection (a PostgreSQL host that does
 * not answer: up to its connect timeout of 5 s): call it off the GUI thread. Errors: those of
 * the functions named, unchanged (the database's start with "database: ").
 */
Result<RecipeRelease> releaseRecipeFile(const QString &recipePath, const QString &databaseUrl, const QString &by,
                                        const QString &password = {});

} // namespace piton::line

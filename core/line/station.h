// A line-mode station (docs/line-mode.md, "Station"): slots, each bound to one link URI and
// served by its own worker thread, that take every board arriving in them through a released
// recipe with core's jobs (deploy, config, verify, reboot) and record each attempt.
//
// Slot states (the "state" events): empty -> present (a board answered PING; its unique id is
// read) -> running (step k of n) -> passed | failed -> removed (the link stays silent) -> empty.
// A finished board keeps its result while it stays; the same board (same unique id) put back
// after passing is recognised and not run again, so it never gets a second identity.
// A slot can be stopped on its own (setSlotStopped): state "stopped" until it is started again.
#pragma once

#include "access/credential.h"
#include "error.h"
#include "line/recipe.h"

#include <QJsonObject>
#include <QList>
#include <QLockFile>
#include <QMutex>
#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>
#include <optional>

namespace piton {
class UsbDeviceWatcher;
struct UsbDeviceEntry;
} // namespace piton

class QThread;

namespace piton::line {

class SlotWorker;
class JournalSync;
class LineDatabase;

struct StationOptions {
    QString databaseUrl;        ///< DatabaseUrl, e.g. sqlite:/var/lib/piton/line.db
    QString stationCode;        ///< the station's name in the database
    QString operatorName;       ///< recorded with every attempt
    QString operatorPassword;   ///< the operator's password, when the account has one (checked by prepare())
    QString pitonVersion;       ///< recorded with every attempt
    QStringList slotUris;       ///< one link URI per slot (LinkUri; a bare /dev/... is serial:)
    int count = 0;              ///< stop after this many boards (0: until stop())
    int pollMs = 500;           ///< presence polling period of a slot, ms
    int probeTimeoutMs = 1000;  ///< connect + PING timeout of one poll, ms
    /** PostgreSQL: the station's local journal (a SQLite file) that records every attempt
     *  first; empty: ~/.local/share/piton/line-journal-STATION.db. Unused for sqlite: URLs. */
    QString journalPath;
    int leaseSize = 32;         ///< identifiers leased per block and pool (journal mode), 1..10000
    int finalSyncMs = 10000;    ///< at the end, how long to wait for an unreachable server, ms
    /** The station's credential (.ptcred, docs/security.md "Credentials") for boards that serve
     *  authenticated sessions, e.g. the factory role the lock step needs on a board that trusts
     *  an access key; empty: the recipe's (Recipe::credential), if any. */
    QString credentialPath;
    /** credentialPath is a default ($PITON_CREDENTIAL or the setting, not given for this run): the
     *  recipe's credential goes first, and a board that refuses it is run without a session
     *  (Session::setCredentialOptional), where its policy then decides. */
    bool credentialOptional = false;
};

/** What the station did since start(). */
struct StationSummary {
    int boards = 0;       ///< boards finished (pass, fail, aborted or recognised)
    int passed = 0;
    int failed = 0;
    int aborted = 0;      ///< stopped by stop() in the middle
    int recognised = 0;   ///< boards put back after passing, not run again
    int interrupted = 0;  ///< attempts of an earlier run found unfinished at start (markInterrupted)
    qint64 elapsedMs = 0;
    int unsynced = 0;     ///< journal mode: attempts still only in the journal at the end (server unreachable)
    int conflicts = 0;    ///< journal mode: attempts whose scanned code another board held when they reached the server
};

class Station : public QObject {
    Q_OBJECT
public:
    Station(Recipe recipe, StationOptions options, QObject *parent = nullptr);
    ~Station() override;

    /**
     * Everything that can be refused before a board is touched: slot URIs (Usage), the
     * credential file (Io, Format, naming the file), the
     * database (Io), the recipe released there (Usage), its packages against their pins
     * (Io, Verify, Usage), another running station of the same code on this database (Usage;
     * a lock file PATH.station-CODE.lock beside the SQLite file, held until the Station is
     * destroyed). Marks this station's unfinished attempts of an earlier run as interrupted
     * (summary().interrupted). PostgreSQL: when the server cannot be reached, the station starts
     * from its journal if an earlier start left the release and leased values of every pool
     * there (startedOffline()) and the operator's account checks out against the journal's
     * copy of the accounts (Usage error otherwise); else the connection error, saying what is
     * missing. Call once,
     * on the thread that owns the Station.
     */
    Result<void> prepare();

    /** True for a PostgreSQL database: slots record into the local journal, which a sync
     *  thread copies to the server and keeps stocked with leased identifiers. */
    bool journalMode() const { return m_journalMode; }
    /** The journal's file (journal mode). */
    QString journalPath() const { return m_journalPath; }
    /** Journal mode: prepare() could not reach the server and the station runs from its journal
     *  (the release and leases an earlier online start left there); offlineReason() says why.
     *  The operator's account is checked against the journal's copy of the accounts then (taken
     *  at every online start and every minute by the sync thread); a journal without a copy
     *  refuses the start. */
    bool startedOffline() const { return m_startedOffline; }
    QString offlineReason() const { return m_offlineReason; }
    /** Opens the database a slot records into: the journal, or the SQLite file itself. */
    Result<std::unique_ptr<LineDatabase>> openRecordDatabase() const;
    /** Central ids of the station and the recipe (the same as stationId()/recipeId() without a journal). */
    qint64 centralStationId() const { return m_centralStationId; }
    qint64 centralRecipeId() const { return m_centralRecipeId; }
    /** Journal mode: values of each pool kept leased ahead: the lease size, at least two per slot. */
    qint64 leaseReserve() const { return qMax<qint64>(m_options.leaseSize, 2 * m_options.slotUris.size()); }

    /** Starts one worker thread per slot. finished() follows when all have stopped. USB slots
     *  with a port path (usb:?path=...) are woken by a UsbDeviceWatcher (docs/line-mode.md, "USB
     *  hot-plug") on a thread of its own, unless setUsbWatcher() gave one. */
    void start();

    /**
     * Uses `watcher` (not owned; it must outlive the Station) for the USB slots instead of the
     * station's own: its deviceArrived/deviceLeft for a slot's port path wake that slot at once
     * (a board arriving starts the recipe; one leaving after its result is "removed" at the next
     * silent probe). Call before start(); the caller starts the watcher (or emits its signals:
     * the tests' mock). The signals may come from any thread.
     */
    void setUsbWatcher(UsbDeviceWatcher *watcher);
    /** True when slot `index` is a USB slot woken by the watcher (after start()). */
    bool usbWatched(int index) const;
    /** For the slot workers: what the watcher reported for slot `index` since the last call
     *  (bits: 1 a board arrived, 2 one left), cleared. */
    int takeUsbChange(int index);
    /** For the slot workers: whether such a report waits (not cleared). */
    bool usbChangePending(int index) const;
    /** Asks every slot to stop (thread-safe): running jobs are cancelled at their next safe
     *  point and their attempts recorded as "aborted". */
    void stop();

    /**
     * Stops (`stopped` true) or starts again one slot, 0-based `index` in slotUris order,
     * on the Station's thread (before or after start()). A stopped slot cancels its running job at the next
     * safe point (the attempt is recorded "aborted"), polls no link and starts no board; it
     * reports the state "stopped", and "empty" once started again, when it looks at its link
     * afresh (a board that passed is recognised, any other board is run). Out-of-range indexes
     * are ignored.
     */
    void setSlotStopped(int index, bool stopped);
    /** True while slot `index` is stopped by setSlotStopped (false for out-of-range indexes);
     *  any thread. */
    bool slotStopped(int index) const;

    /**
     * A scanned barcode (docs/line-mode.md, "Barcode pools"), any thread, before or after
     * start(): `code` (trimmed) is queued for slot `index` (0-based, slotUris order), or for
     * whichever slot next waits for a scan when `index` is -1. A slot whose board waits for a
     * scan (state "scan") takes its own codes first, then the shared ones; it checks each
     * against the pool's pattern and the database (a code held by another board is refused
     * with a "barcode" event and the slot waits for the next scan). Usage error: the recipe has
     * no barcode pool, `index` out of range, an empty code.
     */
    Result<void> scanBarcode(int index, const QString &code);
    /** For the slot workers: the next queued code for slot `index`, if any. */
    std::optional<QString> takeScan(int index);
    /** For the slot workers: gives back a board taken with takeBoard() that was not run (it
     *  left, or the slot stopped, while it waited for a scan). */
    void returnBoard();

    StationSummary summary() const;
    const Recipe &recipe() const { return m_recipe; }
    const StationOptions &options() const { return m_options; }
    qint64 recipeId() const { return m_recipeId; }
    qint64 stationId() const { return m_stationId; }
    const QList<Package> &packages() const { return m_packages; }
    /** The credential loaded by prepare() (StationOptions::credentialPath or the recipe's), if any. */
    const std::optional<CredentialFile> &credential() const { return m_credential; }
    /** Whether credential() is a default that a board may refuse: StationOptions::credentialPath
     *  marked StationOptions::credentialOptional, and no recipe credential before it. */
    bool credentialOptional() const { return m_options.credentialOptional && !usesRecipeCredential(); }
    QString packageSha256() const; ///< of the recipe's packages, joined by ","

    // For the slot workers (thread-safe).
    /** Takes one board from the --count budget; false when it is used up. */
    bool takeBoard();
    /** Counts a finished board by `result` ("pass", "fail", "aborted", "recognised"). */
    void boardDone(const QString &result);
    /** Sends an event (adds "time"); any thread. Events reach event() on the Station's thread
     *  in batches, in the order they were posted. */
    void post(QJsonObject event);
    bool stopping() const { return m_stop.load(); }

signals:
    /** One event of docs/line-mode.md's JSON Lines (queued to the Station's thread). */
    void event(const QJsonObject &event);
    void finished();

private:
    /** Whether prepare() loads the recipe's credential: no StationOptions::credentialPath, or
     *  only an optional default and the recipe names one. */
    bool usesRecipeCredential() const;
    Result<void> prepareOffline(const Error &unreachable);
    /** The station's journal (m_journalPath), opened; Usage error when it holds another
     *  station's records. */
    Result<std::unique_ptr<LineDatabase>> openOwnJournal() const;
    void workerEnded();
    void deliverEvents(); // emits event() for what post() queued, on the Station's thread
    void usbChanged(const UsbDeviceEntry &entry, int bit);
    void connectUsbWatcher(UsbDeviceWatcher *watcher);
    void syncEnded();
    void maybeFinished();

    Recipe m_recipe;
    StationOptions m_options;
    QList<Package> m_packages;
    std::optional<CredentialFile> m_credential;
    qint64 m_recipeId = 0;
    qint64 m_stationId = 0;
    qint64 m_centralRecipeId = 0;
    qint64 m_centralStationId = 0;
    bool m_journalMode = false;
    bool m_startedOffline = false;
    QString m_offlineReason;
    QString m_journalPath;
    JournalSync *m_sync = nullptr;
    bool m_syncEnded = false;
    bool m_finishedSent = false;
    std::unique_ptr<QLockFile> m_lock; // held from prepare() to the end: one running station per code
    QList<SlotWorker *> m_workers;
    std::atomic_bool m_stop{false};
    std::unique_ptr<std::atomic_bool[]> m_slotStopped; // one per slot URI
    std::unique_ptr<std::atomic_int[]> m_usbChange;    // one per slot URI: watcher reports (bits) not yet taken
    QList<bool> m_usbSlot;                             // per slot: a USB slot with a port path, woken by the watcher
    UsbDeviceWatcher *m_usbWatcher = nullptr;          // the watcher in use (own or given)
    UsbDeviceWatcher *m_ownUsbWatcher = nullptr;       // the station's own, on m_usbThread
    QThread *m_usbThread = nullptr;
    QList<QStringList> m_scans;                       // queued codes per slot (m_mutex)
    QStringList m_sharedScans;                        // codes for whichever slot waits first (m_mutex)
    mutable QMutex m_mutex;
    QMutex m_eventMutex;               // m_pendingEvents
    QList<QJsonObject> m_pendingEvents; // posted, not yet delivered
    StationSummary m_summary;
    int m_taken = 0;
    int m_running = 0;
    qint64 m_startMs = 0;
};

} // namespace piton::line

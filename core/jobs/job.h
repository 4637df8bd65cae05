// Job: one operation on a device (deploy, read, erase, write, config backup/restore, reboot,
// verify), run synchronously on whichever thread calls run(): a worker thread in the GUI, the
// main thread in piton-cli. Reports progress (phase, bytes, rate, ETA) and log lines through
// signals, can be cancelled from any thread, and ends in a Result.
#pragma once

#include "error.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <atomic>

namespace piton {

class Session;

/** A snapshot of a running job. Bytes are payload bytes of the current phase. */
struct JobProgress {
    QString phase;              ///< e.g. "staging", "installing", "verifying"
    qint64 done = 0;            ///< bytes done in this phase
    qint64 total = 0;           ///< bytes in this phase; 0 when unknown
    double bytesPerSecond = 0;  ///< smoothed rate over the phase
    qint64 etaMs = -1;          ///< milliseconds left, -1 when unknown
};

/** Log levels for Job::logMessage. */
enum class LogLevel { Debug, Info, Warning, Error };

/** Base of all jobs. Subclasses implement execute(). */
class Job : public QObject {
    Q_OBJECT
public:
    explicit Job(QObject *parent = nullptr);

    /** Runs the job to its end on the calling thread. Emits finished() with the same result. */
    Result<void> run();

    /** Asks the job to stop at the next safe point (thread-safe). run() then returns an Error
     *  of kind Cancelled. A device is never left mid-command. */
    void cancel();
    bool isCancelled() const { return m_cancel.load(); }

    /** A one-line title for logs and the GUI, e.g. "Deploy app-1.2.0.ptpkg". */
    virtual QString title() const = 0;

signals:
    void progressChanged(const piton::JobProgress &progress);
    void logMessage(piton::LogLevel level, const QString &text);
    void finished(bool ok, const QString &message);

protected:
    virtual Result<void> execute() = 0;

    /** Starts a new phase of `total` bytes of which `alreadyDone` were done before this run
     *  (a resumed transfer); the rate counts only bytes moved in this run. */
    void beginPhase(const QString &phase, qint64 total, qint64 alreadyDone = 0);
    /** Reports bytes done in the current phase; throttled to 10 signals a second. */
    void reportProgress(qint64 done, bool force = false);
    void log(LogLevel level, const QString &text) { emit logMessage(level, text); }
    /** Error of kind Cancelled if cancel() was called, else success. */
    Result<void> checkCancelled() const;
    /** Runs `child` as a step of this job: its log and progress are this job's, and cancelling
     *  this job cancels it. Returns the child's result. */
    Result<void> runNested(Job &child);
    /** Claims the board for this job's changes (Session::claim(), docs/protocol.md §5) and logs
     *  a take-over; call before the first destructive step. Errors of Session::claim(). */
    Result<void> claimBoard(Session &session);
    /** Device error unless PING reported `capability` (PT_CAP_*): "<what> is not available on
     *  this board (<why>); nothing was changed". */
    static Result<void> requireCapability(Session &session, quint32 capability, const QString &what,
                                          const QString &why);

private:
    std::atomic_bool m_cancel{false};
    JobProgress m_progress;
    QElapsedTimer m_phaseTimer;
    qint64 m_lastEmitMs = -1;
    qint64 m_phaseBase = 0;
};

} // namespace piton

Q_DECLARE_METATYPE(piton::JobProgress)

// How piton-cli talks to its user: results on stdout (text, or one JSON object with --json),
// errors and progress on stderr, an optional log file for support, and the exit codes of
// docs/cli.md.
#pragma once

#include "error.h"
#include "jobs/job.h"

#include <QFile>
#include <QJsonObject>
#include <QObject>
#include <QString>

namespace piton::cli {

/** Exit codes (docs/cli.md). */
enum ExitCode { ExitOk = 0, ExitFailed = 1, ExitUsage = 2, ExitLink = 3, ExitVerify = 4, ExitNotConfirmed = 5 };

/** The exit code for an error kind: Usage -> 2, Link/Timeout -> 3, Verify -> 4, else 1. */
int exitCodeFor(const Error &error);

class Output : public QObject {
    Q_OBJECT
public:
    Output(bool json, bool verbose, QObject *parent = nullptr);

    /** Appends every log line to `path` (timestamped). Error Io if it cannot be opened. */
    Result<void> openLogFile(const QString &path);

    bool json() const { return m_json; }
    /** Prints a line of text (ignored with --json). */
    void text(const QString &line);
    /** Prints the command's JSON result (ignored without --json). */
    void result(const QJsonObject &object);
    /** Reports an error on stderr (and as {"error":...} with --json, plus the keys of `extra`,
     *  e.g. what a refused recover found); returns its exit code. */
    int fail(const Error &error, const QJsonObject &extra = {});
    /** Reports a warning on stderr ("piton-cli: warning: ...", also with --json) and in the log;
     *  the command goes on. */
    void warning(const QString &message);
    /** Follows a job: progress line on a terminal, log lines with --verbose and in the log file. */
    void attach(Job &job);
    /** Ends a progress line, if one is shown. */
    void endProgress();
    /** Writes a line to the log file (and to stderr with --verbose). */
    void log(LogLevel level, const QString &text);

private:
    void progress(const JobProgress &p);

    bool m_json;
    bool m_verbose;
    bool m_tty;
    bool m_progressShown = false;
    QFile m_logFile;
};

/** "1.5 MiB" style sizes. */
QString formatBytes(double bytes);

} // namespace piton::cli

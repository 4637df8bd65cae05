#include "cli_output.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QTextStream>

#include <cstdio>
#include <unistd.h>

namespace piton::cli {

int exitCodeFor(const Error &error)
{
    switch (error.kind) {
    case ErrorKind::None: return ExitOk;
    case ErrorKind::Usage: return ExitUsage;
    case ErrorKind::Link:
    case ErrorKind::Timeout: return ExitLink;
    case ErrorKind::Verify: return ExitVerify;
    case ErrorKind::NotConfirmed: return ExitNotConfirmed;
    default: return ExitFailed;
    }
}

QString formatBytes(double bytes)
{
    static const char *units[] = {"B", "KiB", "MiB", "GiB"};
    int unit = 0;
    while (bytes >= 1024.0 && unit < 3) {
        bytes /= 1024.0;
        ++unit;
    }
    return unit == 0 ? QStringLiteral("%1 B").arg(qint64(bytes))
                     : QStringLiteral("%1 %2").arg(bytes, 0, 'f', 1).arg(QLatin1String(units[unit]));
}

Output::Output(bool json, bool verbose, QObject *parent)
    : QObject(parent), m_json(json), m_verbose(verbose), m_tty(isatty(STDERR_FILENO) == 1)
{
}

Result<void> Output::openLogFile(const QString &path)
{
    m_logFile.setFileName(path);
    if (!m_logFile.open(QIODevice::Append | QIODevice::Text))
        return Error::make(ErrorKind::Io, tr("cannot open log file %1: %2").arg(path, m_logFile.errorString()));
    return {};
}

void Output::text(const QString &line)
{
    if (m_json)
        return;
    endProgress();
    QTextStream(stdout) << line << Qt::endl;
}

void Output::result(const QJsonObject &object)
{
    if (!m_json)
        return;
    QTextStream(stdout) << QJsonDocument(object).toJson(QJsonDocument::Compact) << Qt::endl;
}

int Output::fail(const Error &error, const QJsonObject &extra)
{
    endProgress();
    const int code = exitCodeFor(error);
    QTextStream(stderr) << "piton-cli: error: " << error.message << Qt::endl;
    log(LogLevel::Error, error.message);
    if (m_json) {
        QJsonObject o = extra;
        o.insert(QStringLiteral("error"), error.message);
        o.insert(QStringLiteral("exitCode"), code);
        if (error.deviceStatus)
            o.insert(QStringLiteral("deviceStatus"), error.deviceStatus);
        result(o);
    }
    return code;
}

void Output::warning(const QString &message)
{
    log(LogLevel::Warning, message); // stderr "piton-cli: warning: ..." and the --log file
}

void Output::attach(Job &job)
{
    connect(&job, &Job::progressChanged, this, &Output::progress);
    connect(&job, &Job::logMessage, this, &Output::log);
}

void Output::log(LogLevel level, const QString &text)
{
    static const char *names[] = {"debug", "info", "warning", "error"};
    const QString line = QStringLiteral("%1 %2 %3")
                             .arg(QDateTime::currentDateTime().toString(Qt::ISODateWithMs),
                                  QLatin1String(names[int(level)]), text);
    if (m_logFile.isOpen()) {
        m_logFile.write(line.toUtf8() + '\n');
        m_logFile.flush();
    }
    if (level == LogLevel::Warning) {
        // Warnings are for the user also without --verbose (e.g. a job's note that a package's
        // signer cannot be checked before it is sent).
        endProgress();
        QTextStream(stderr) << "piton-cli: warning: " << text << Qt::endl;
    } else if (m_verbose && level != LogLevel::Debug) {
        endProgress();
        QTextStream(stderr) << text << Qt::endl;
    }
}

void Output::progress(const JobProgress &p)
{
    if (!m_tty)
        return;
    QString line = QStringLiteral("%1").arg(p.phase, -11);
    if (p.total > 0) {
        line += QStringLiteral(" %1% %2 of %3").arg(int(p.done * 100 / p.total), 3)
                    .arg(formatBytes(double(p.done)), formatBytes(double(p.total)));
        if (p.bytesPerSecond > 0)
            line += QStringLiteral("  %1/s").arg(formatBytes(p.bytesPerSecond));
        if (p.etaMs >= 0)
            line += QStringLiteral("  ETA %1 s").arg((p.etaMs + 999) / 1000);
    }
    QTextStream(stderr) << '\r' << line.leftJustified(72) << Qt::flush;
    m_progressShown = true;
}

void Output::endProgress()
{
    if (m_progressShown) {
        QTextStream(stderr) << "\n"; // the temporary flushes when destroyed
        m_progressShown = false;
    }
}

} // namespace piton::cli

// A running `piton-cli line run` for the line-mode end-to-end tests: its JSON Lines collected as
// they come, waited for by predicate.
#pragma once

#include "harness.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>

#include <csignal>
#include <functional>

namespace e2e {

/** A running `piton-cli line run` (English texts, as cli()), its JSON Lines collected as they come. */
class LineRun {
public:
    LineRun() { m_process.setProcessEnvironment(cliEnvironment()); }
    bool start(const QStringList &args)
    {
        m_process.setStandardInputFile(QProcess::nullDevice());
        m_process.start(cliPath(), QStringList{QStringLiteral("line"), QStringLiteral("run")} + args);
        return m_process.waitForStarted(5000);
    }
    /** PITON_LINE_PASSWORD for the run (the operator's password, line/password.h); call before start(). */
    void setPassword(const QString &password)
    {
        QProcessEnvironment env = cliEnvironment();
        env.insert(QStringLiteral("PITON_LINE_PASSWORD"), password);
        m_process.setProcessEnvironment(env);
    }
    /** Starts with a writable standard input (typed()), for --barcode-stdin. */
    bool startTyping(const QStringList &args)
    {
        m_process.start(cliPath(), QStringList{QStringLiteral("line"), QStringLiteral("run")} + args);
        return m_process.waitForStarted(5000);
    }
    /** Types `line` and Enter on its standard input, as a keyboard-wedge scanner does. */
    void type(const QString &line)
    {
        m_process.write(line.toUtf8() + '\n');
        m_process.waitForBytesWritten(1000);
    }
    void closeInput() { m_process.closeWriteChannel(); }
    /** Reads what arrived; true once `match` accepted an event (within `timeoutMs`). */
    bool waitFor(const std::function<bool(const QJsonObject &)> &match, int timeoutMs)
    {
        QElapsedTimer t;
        t.start();
        qsizetype seen = 0;
        while (true) {
            for (; seen < m_events.size(); ++seen)
                if (match(m_events[seen]))
                    return true;
            if (t.elapsed() > timeoutMs || m_process.state() == QProcess::NotRunning)
                break;
            m_process.waitForReadyRead(100);
            collect();
        }
        collect();
        for (; seen < m_events.size(); ++seen)
            if (match(m_events[seen]))
                return true;
        return false;
    }
    /** Waits for the end; the exit code, or -1 when it did not end in time (it is killed). */
    int finish(int timeoutMs)
    {
        // waitForFinished() can return false before the time is up (it reports a read error on
        // the way, or the process ended before the call): wait on the state, not on its verdict.
        QElapsedTimer waited;
        waited.start();
        while (m_process.state() != QProcess::NotRunning && waited.elapsed() < timeoutMs)
            m_process.waitForFinished(int(qMax<qint64>(1, timeoutMs - waited.elapsed())));
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
            collect();
            return -1;
        }
        collect();
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }
    void kill()
    {
        ::kill(pid_t(m_process.processId()), SIGKILL);
        m_process.waitForFinished(5000);
        collect();
    }
    void terminate() { m_process.terminate(); }
    QList<QJsonObject> events(const QString &kind) const
    {
        QList<QJsonObject> list;
        for (const QJsonObject &e : m_events)
            if (e.value(QStringLiteral("event")).toString() == kind)
                list << e;
        return list;
    }
    QJsonObject summary() const
    {
        const auto s = events(QStringLiteral("summary"));
        return s.isEmpty() ? QJsonObject() : s.last();
    }
    QString describe() const
    {
        QStringList lines;
        for (const QJsonObject &e : m_events)
            if (e.value(QStringLiteral("event")).toString() != QLatin1String("progress"))
                lines << QString::fromUtf8(QJsonDocument(e).toJson(QJsonDocument::Compact));
        return lines.join(QLatin1Char('\n')) + QStringLiteral("\nstderr: ") + QString::fromUtf8(m_stderr);
    }

private:
    void collect()
    {
        m_buffer += m_process.readAllStandardOutput();
        m_stderr += m_process.readAllStandardError();
        qsizetype nl;
        while ((nl = m_buffer.indexOf('\n')) >= 0) {
            const QByteArray line = m_buffer.left(nl);
            m_buffer.remove(0, nl + 1);
            const QJsonDocument doc = QJsonDocument::fromJson(line);
            if (doc.isObject())
                m_events << doc.object();
        }
    }
    QProcess m_process;
    QByteArray m_buffer, m_stderr;
    QList<QJsonObject> m_events;
};

/** Starts `line run args` and SIGKILLs it at its first deploy progress event (a station killed
 *  mid-deploy). False when it did not get there or printed a summary; run.describe() says why. */
inline bool killMidDeploy(LineRun &run, const QStringList &args)
{
    if (!run.start(args))
        return false;
    const bool deploying = run.waitFor([](const QJsonObject &e) {
        return e.value(QStringLiteral("event")).toString() == QLatin1String("progress")
            && e.value(QStringLiteral("step")).toString() == QLatin1String("deploy");
    }, 30000);
    run.kill();
    return deploying && run.summary().isEmpty();
}

/** piton-cli --json `args` with `input` on its standard input and PITON_LINE_PASSWORD set to
 *  `password` (unset when null). */
inline CliRun cliAs(const QStringList &args, const QString &password, const QByteArray &input = {})
{
    QProcessEnvironment env = cliEnvironment();
    env.remove(QStringLiteral("PITON_LINE_PASSWORD"));
    if (!password.isNull())
        env.insert(QStringLiteral("PITON_LINE_PASSWORD"), password);
    return cliIn(env, args, input, 60000);
}

inline bool isEvent(const QJsonObject &e, const char *kind, int slot = 0)
{
    return e.value(QStringLiteral("event")).toString() == QLatin1String(kind) && (slot == 0 || e.value(QStringLiteral("slot")).toInt() == slot);
}


} // namespace e2e

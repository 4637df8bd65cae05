// A PostgreSQL server of a test's own (line mode, issue 12): initdb in a temporary folder, trust
// authentication, one port on 127.0.0.1, fsync off, started and stopped with pg_ctl. Root may
// not run postgres, so as root the server runs as the unprivileged user `nobody` (runuser).
// Needs Debian's postgresql-15 (or another major version under /usr/lib/postgresql); when it
// is missing, available() is false and reason() says why, for QSKIP.
#pragma once

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTcpServer>

#include <cstdlib>
#include <unistd.h>

namespace pgtest {

class PgServer {
public:
    PgServer() = default;
    PgServer(const PgServer &) = delete;
    PgServer &operator=(const PgServer &) = delete;
    ~PgServer()
    {
        stop();
        if (!m_dir.isEmpty())
            QDir(m_dir).removeRecursively();
    }

    /** initdb + start; false with reason() when PostgreSQL cannot run here. */
    bool start()
    {
        const QStringList versions = QDir(QStringLiteral("/usr/lib/postgresql")).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        for (const QString &v : versions)
            if (QFile::exists(QStringLiteral("/usr/lib/postgresql/%1/bin/pg_ctl").arg(v)))
                m_bin = QStringLiteral("/usr/lib/postgresql/%1/bin/").arg(v);
        if (m_bin.isEmpty())
            return fail(QStringLiteral("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/pg_ctl; Debian package postgresql-15)"));
        if (::geteuid() == 0 && QStandardPaths::findExecutable(QStringLiteral("runuser")).isEmpty())
            return fail(QStringLiteral("running as root without runuser: cannot start postgres as an unprivileged user"));
        QByteArray tmpl = QDir::tempPath().toUtf8() + "/piton-pg-XXXXXX";
        if (!::mkdtemp(tmpl.data()))
            return fail(QStringLiteral("mkdtemp failed"));
        m_dir = QString::fromUtf8(tmpl);
        QFile::setPermissions(m_dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup
                                         | QFile::ReadOther | QFile::ExeOther);
        if (::geteuid() == 0 && !run(QStringLiteral("/bin/chown"), {QStringLiteral("nobody"), m_dir}, false))
            return fail(QStringLiteral("cannot give %1 to nobody: %2").arg(m_dir, m_output));
        if (!run(m_bin + QStringLiteral("initdb"), {QStringLiteral("-D"), data(), QStringLiteral("-U"), user(), QStringLiteral("--auth=trust"),
                                                    QStringLiteral("-E"), QStringLiteral("UTF8"), QStringLiteral("--no-sync"),
                                                    QStringLiteral("--no-instructions")}))
            return fail(QStringLiteral("initdb failed: ") + m_output);
        QTcpServer probe; // a free port on loopback
        if (!probe.listen(QHostAddress::LocalHost, 0))
            return fail(QStringLiteral("no free port on 127.0.0.1"));
        m_port = probe.serverPort();
        probe.close();
        return resume();
    }

    /** Starts the (stopped) server again on the same port and data. */
    bool resume()
    {
        const QString options = QStringLiteral("-c listen_addresses=127.0.0.1 -p %1 -k %2 -c fsync=off -c full_page_writes=off "
                                               "-c max_connections=300 -c shared_buffers=16MB")
                                    .arg(m_port)
                                    .arg(m_dir);
        if (!run(m_bin + QStringLiteral("pg_ctl"), {QStringLiteral("-D"), data(), QStringLiteral("-l"), m_dir + QStringLiteral("/log"),
                                                    QStringLiteral("-o"), options, QStringLiteral("-w"), QStringLiteral("-t"),
                                                    QStringLiteral("30"), QStringLiteral("start")}))
            return fail(QStringLiteral("pg_ctl start failed: ") + m_output + log());
        m_running = true;
        return true;
    }

    /** Fast shutdown (connections are cut); waits until it is down. */
    bool stop()
    {
        if (!m_running)
            return true;
        m_running = false;
        return run(m_bin + QStringLiteral("pg_ctl"),
                   {QStringLiteral("-D"), data(), QStringLiteral("-m"), QStringLiteral("fast"), QStringLiteral("-w"), QStringLiteral("stop")});
    }

    /** CREATE DATABASE `name`; returns its --db URL (empty on failure, see reason()). */
    QString createDatabase(const QString &name)
    {
        if (!run(m_bin + QStringLiteral("psql"), {QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"), QString::number(m_port),
                                                  QStringLiteral("-U"), user(), QStringLiteral("-d"), QStringLiteral("postgres"),
                                                  QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-q"),
                                                  QStringLiteral("-c"), QStringLiteral("CREATE DATABASE \"%1\"").arg(name)}))
            return {};
        return url(name);
    }

    QString url(const QString &database) const
    {
        return QStringLiteral("postgresql://%1@127.0.0.1:%2/%3").arg(user()).arg(m_port).arg(database);
    }
    QString reason() const { return m_reason; }
    int port() const { return m_port; }
    QString log() const
    {
        QFile f(m_dir + QStringLiteral("/log"));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll().right(2000)) : QString();
    }

private:
    static QString user() { return QStringLiteral("piton"); }
    QString data() const { return m_dir + QStringLiteral("/data"); }
    bool fail(const QString &why)
    {
        m_reason = why;
        return false;
    }
    /** Runs `program` (as nobody when we are root and `asPostgres`); output in m_output. */
    bool run(const QString &program, QStringList args, bool asPostgres = true)
    {
        QString exe = program;
        if (asPostgres && ::geteuid() == 0) {
            args.prepend(program);
            args.prepend(QStringLiteral("--"));
            args.prepend(QStringLiteral("nobody"));
            args.prepend(QStringLiteral("-u"));
            exe = QStringLiteral("runuser");
        }
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.setWorkingDirectory(m_dir.isEmpty() ? QDir::tempPath() : m_dir);
        p.start(exe, args);
        const bool ok = p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
        m_output = QString::fromUtf8(p.readAll());
        return ok;
    }

    QString m_bin, m_dir, m_reason, m_output;
    int m_port = 0;
    bool m_running = false;
};

} // namespace pgtest

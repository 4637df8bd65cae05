#include "jobs/job.h"

#include "jobs/session.h"
#include "piton/protocol.h"

namespace piton {

Job::Job(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<piton::JobProgress>();
}

Result<void> Job::run()
{
    log(LogLevel::Info, tr("%1: started").arg(title()));
    Result<void> result = execute();
    if (result)
        log(LogLevel::Info, tr("%1: done").arg(title()));
    else
        log(result.error().kind == ErrorKind::Cancelled ? LogLevel::Warning : LogLevel::Error,
            tr("%1: %2").arg(title(), result.error().message));
    emit finished(result.ok(), result ? QString() : result.error().message);
    return result;
}

void Job::cancel()
{
    m_cancel.store(true);
}

Result<void> Job::checkCancelled() const
{
    if (m_cancel.load())
        return Error::make(ErrorKind::Cancelled, tr("cancelled by the user"));
    return {};
}

Result<void> Job::claimBoard(Session &session)
{
    auto displaced = session.claim();
    // A board whose policy needs a role this session lacks: ask for a credential where someone
    // can answer (the GUI's prompt), authenticate with it on this link and claim again. Nothing
    // was changed so far; declining ends the job here.
    const QString boardSays = displaced ? QString() : displaced.error().message;
    while (!displaced && displaced.error().deviceStatus == PT_E_AUTH_REQUIRED && session.credentialSource()) {
        const Error refusal = displaced.error();
        log(LogLevel::Warning, tr("the board refuses this without a credential: %1; waiting for one").arg(refusal.message));
        const std::optional<CredentialFile> credential = session.credentialSource()(refusal);
        if (!credential || isCancelled())
            return Error::make(ErrorKind::Cancelled, tr("%1; no credential was given, nothing was changed").arg(boardSays),
                               refusal.deviceStatus);
        if (auto ok = session.useCredential(*credential); !ok) {
            if (ok.error().kind == ErrorKind::Link || ok.error().kind == ErrorKind::Timeout)
                return ok.error();
            // Not taken (another board's, expired, an access key the board does not trust): ask again.
            log(LogLevel::Warning, ok.error().message);
            displaced = Error::make(ErrorKind::Device, tr("%1 (the credential given was not taken: %2)").arg(boardSays, ok.error().message),
                                    PT_E_AUTH_REQUIRED);
            continue;
        }
        log(LogLevel::Info, tr("authenticated with the credential given; claiming the board again"));
        displaced = session.claim();
    }
    if (!displaced)
        return displaced.error();
    if (displaced.value())
        log(LogLevel::Warning, tr("took the board over from another session (the board logged it)"));
    return {};
}

Result<void> Job::requireCapability(Session &session, quint32 capability, const QString &what, const QString &why)
{
    if (session.ping().has(capability))
        return {};
    return Error::make(ErrorKind::Device, tr("%1 is not available on this board (%2); nothing was changed").arg(what, why));
}

void Job::beginPhase(const QString &phase, qint64 total, qint64 alreadyDone)
{
    m_progress = JobProgress{phase, alreadyDone, total, 0, -1};
    m_phaseBase = alreadyDone;
    m_phaseTimer.start();
    m_lastEmitMs = -1;
    log(LogLevel::Debug, tr("phase: %1").arg(phase));
    emit progressChanged(m_progress);
}

void Job::reportProgress(qint64 done, bool force)
{
    m_progress.done = done;
    const qint64 elapsed = m_phaseTimer.isValid() ? m_phaseTimer.elapsed() : 0;
    if (!force && m_lastEmitMs >= 0 && elapsed - m_lastEmitMs < 100 && done < m_progress.total)
        return;
    m_lastEmitMs = elapsed;
    m_progress.bytesPerSecond = elapsed > 0 ? double(done - m_phaseBase) * 1000.0 / double(elapsed) : 0.0;
    if (m_progress.total > 0 && m_progress.bytesPerSecond > 0)
        m_progress.etaMs = qint64(double(m_progress.total - done) * 1000.0 / m_progress.bytesPerSecond);
    else
        m_progress.etaMs = -1;
    emit progressChanged(m_progress);
}

Result<void> Job::runNested(Job &child)
{
    connect(&child, &Job::logMessage, this, &Job::logMessage);
    connect(&child, &Job::progressChanged, this, [this, &child](const JobProgress &p) {
        if (isCancelled())
            child.cancel();
        emit progressChanged(p);
    });
    if (isCancelled())
        child.cancel();
    return child.run();
}

} // namespace piton

#include "jobs/key_update_job.h"

#include "jobs/session.h"
#include "package/keys.h"

#include <utility>

namespace piton {

KeyUpdateJob::KeyUpdateJob(Session &session, KeyUpdate update, QString name, QObject *parent)
    : Job(parent), m_session(session), m_update(std::move(update)), m_name(std::move(name))
{
}

QString KeyUpdateJob::title() const
{
    return tr("Key update %1").arg(m_name);
}

Result<void> KeyUpdateJob::execute()
{
    beginPhase(tr("checking the board"), 0);
    auto info = m_session.device().info();
    if (!info)
        return info.error();
    m_before = info.value();
    if (auto proof = m_update.verifyRootProof(); !proof)
        return Error::make(ErrorKind::Verify, tr("%1; nothing was changed").arg(proof.error().message));
    if (m_before.boardId != m_update.boardId)
        return Error::make(ErrorKind::Verify, tr("the key update is for board %1, this is %2; nothing was changed")
                                                  .arg(m_update.boardId, m_before.boardId));
    if (!m_before.keySetGeneration || !m_before.keyStoreSlots || *m_before.keyStoreSlots == 0)
        return Error::make(ErrorKind::Device, tr("this board cannot store key updates; it keeps its provisioned keys"));
    if (m_update.generation <= *m_before.keySetGeneration)
        return Error::make(ErrorKind::Verify, tr("the key update has generation %1, the board's key set is at %2: "
                                                 "an old key set cannot be replayed; nothing was changed")
                                                  .arg(m_update.generation).arg(*m_before.keySetGeneration));
    // A revocation takes the key out of every role's list on the board (docs/security.md
    // "Rotating and revoking keys"; firmware before that fix took it out of the named role's list
    // only and left it trusted while INFO listed it as revoked). One that names another role than
    // the board trusts the key in is still refused here, to say which role to name, where INFO
    // shows the lists (the Cortex-M4's INFO lists the package keys only).
    const std::pair<int, const QList<QByteArray> *> trusted[] = {
        {PT_KEY_PACKAGE, &m_before.trustedKeys}, {PT_KEY_ACCESS, &m_before.accessKeys}, {PT_KEY_ROOT, &m_before.rootKeys}};
    for (const KeyUpdateEntry &e : std::as_const(m_update.entries)) {
        if (e.action != PT_KEYUPD_REVOKE)
            continue;
        for (const auto &[role, keys] : trusted)
            if (role != e.role && keys->contains(e.fingerprint))
                return Error::make(ErrorKind::Usage,
                                   tr("the key update revokes key %1 in the role %2, but the board trusts it in the role %3: "
                                      "revoke it in the role %3 instead; nothing was changed")
                                       .arg(fingerprintHex(e.fingerprint).left(16), keyRoleName(e.role), keyRoleName(role)));
    }
    if (auto ok = checkCancelled(); !ok)
        return ok;
    if (auto ok = claimBoard(m_session); !ok)
        return ok.error();
    beginPhase(tr("applying the key update"), m_update.fileBytes.size());
    auto applied = m_session.device().keyUpdate(m_update.fileBytes);
    if (!applied)
        return applied.error();
    m_result = applied.value();
    reportProgress(m_update.fileBytes.size(), true);
    beginPhase(tr("reading the key set back"), 0);
    auto after = m_session.device().info();
    if (!after)
        return after.error();
    m_after = after.value();
    if (m_after.keySetGeneration != m_update.generation)
        return Error::make(ErrorKind::Device, tr("the board reports key set generation %1 after the update, expected %2")
                                                  .arg(m_after.keySetGeneration ? QString::number(*m_after.keySetGeneration)
                                                                                : QStringLiteral("?"))
                                                  .arg(m_update.generation));
    log(LogLevel::Info, tr("key set generation %1 in force (%2 of %3 key store slots used)")
                            .arg(m_result.generation).arg(m_result.slotsUsed).arg(m_result.slotsTotal));
    return {};
}

} // namespace piton

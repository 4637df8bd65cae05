// Key update of a board (docs/security.md "Rotating and revoking keys"): sends a root-signed key
// update (core/package/key_update.h) with KEY_UPDATE (docs/protocol.md §4.14) and reads the
// board's key set back. The view of `piton-cli keys update-device` and the GUI's Keys page.
#pragma once

#include "jobs/job.h"
#include "package/key_update.h"
#include "jobs/session.h"

namespace piton {

class Session;

/**
 * Applies one key update. Before anything is sent it reads INFO and refuses, changing nothing,
 * a key update for another board (Verify) or of a generation not above the board's key set
 * (Verify: "a replay of an old key set"); then claims the board, sends KEY_UPDATE and reads
 * INFO again: the board must report the new generation (Device error otherwise). A board with
 * the access policy needs a factory session (the Session's credential).
 */
class KeyUpdateJob : public Job {
    Q_OBJECT
public:
    KeyUpdateJob(Session &session, KeyUpdate update, QString name, QObject *parent = nullptr);
    QString title() const override;
    /** INFO before and after (after: valid once the job succeeded). */
    const DeviceInfo &before() const { return m_before; }
    const DeviceInfo &after() const { return m_after; }
    const KeyUpdateResult &result() const { return m_result; }

protected:
    Result<void> execute() override;

private:
    Session &m_session;
    KeyUpdate m_update;
    QString m_name;
    DeviceInfo m_before, m_after;
    KeyUpdateResult m_result;
};

} // namespace piton

// RecoverJob: reads a board's state and does what brings it back (docs/jobs.md, "Recover";
// issue 4 "Recovery"). Two steps, so that a view can show the plan before anything changes:
//
//   RecoverJob job(session);
//   auto diagnosis = job.diagnose();        // PING, INFO, UPDATE_STATUS: changes nothing
//   ... show diagnosis->findings, ask for what diagnosis->needs(...) says is missing ...
//   job.setPackage(...); job.setConfigBackup(...);
//   job.run();                              // diagnoses again, checks inputs, acts, checks again
//
// The states and what is done about them, in the order they are applied:
//   config corrupt        -> restore the config from a backup file      (needs a config backup)
//   staging corrupt       -> UPDATE_ABORT erases staging; re-sent with the deploy when a package is given
//   application missing   -> deploy the package                          (needs a package)
//   application reverted  -> deploy the package                          (needs a package)
//   held in the bootloader (application present) -> REBOOT to start it; if the bootloader stays,
//                         the application is not valid: deploy the package when one is given
// The device state comes from docs/protocol.md §4.2 (INFO tags 0x0B-0x13) and §4.8 (UPDATE_STATUS).
#pragma once

#include "jobs/job.h"
#include "jobs/session.h"
#include "package/keys.h"
#include "package/package.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace piton {

/** A broken state that recover knows how to bring back. */
enum class RecoveryState {
    ConfigCorrupt,        ///< INFO config state 2: no intact config record
    StagingCorrupt,       ///< UPDATE_STATUS / INFO staging state 4: staging header unreadable
    ApplicationMissing,   ///< image state none: the bootloader found no valid application
    ApplicationReverted,  ///< image state reverted: a new image was not confirmed, the previous one runs
    HeldInBootloader      ///< the bootloader answers although an application is installed
};

/** What recover does about a state. */
enum class RecoveryAction {
    RestoreConfig,        ///< CONFIG_WRITE of a backup file, read back and compared (ConfigRestoreJob)
    EraseStaging,         ///< UPDATE_ABORT: erases the staging region
    DeployPackage,        ///< the in-field update (DeployJob): stage, commit, install, verify
    StartApplication      ///< REBOOT normal (RebootJob)
};

/** Input a finding needs from the user before recover can act on it. */
enum class RecoveryNeed { Nothing, Package, ConfigBackup };

/** One thing found wrong, with what recover proposes to do about it. */
struct RecoveryFinding {
    RecoveryState state = RecoveryState::ApplicationMissing;
    QString explanation;     ///< what is wrong, one sentence, e.g. "the bootloader found no valid application ..."
    RecoveryAction action = RecoveryAction::DeployPackage;
    QString proposedAction;  ///< what recover will do, one sentence
    RecoveryNeed needs = RecoveryNeed::Nothing;
};

/** A board's state as recover sees it. Built by diagnoseRecovery() from what the device reported. */
struct RecoveryDiagnosis {
    DeviceInfo info;                  ///< INFO as read
    StagingStatus staging;            ///< UPDATE_STATUS as read
    QList<RecoveryFinding> findings;  ///< in the order recover acts on them; empty: nothing to recover
    QStringList notes;                ///< not broken, but worth telling (interrupted transfer, trial image, ...)

    /** True when nothing needs recovering. */
    bool healthy() const { return findings.isEmpty(); }
    /** True when some finding needs `need`. */
    bool needs(RecoveryNeed need) const;
    /** True when a finding of `state` is present. */
    bool has(RecoveryState state) const;
    /** The actions recover takes, in order, given which inputs it has. A staging-corrupt finding
     *  also deploys when a package is given (erase staging, then re-send), except while an image
     *  runs on trial (the device refuses COMMIT then). Findings whose input is missing still
     *  appear: run() refuses them before anything changes. */
    QList<RecoveryAction> plan(bool havePackage, bool haveConfigBackup) const;
    /** One line: "nothing to recover" or the states found, e.g. "config corrupt, application missing". */
    QString summary() const;
};

/** What recover measured beyond INFO and UPDATE_STATUS. */
struct RecoveryProbe {
    /** Fallback for devices whose INFO has no config state (tag 0x11): false when the config
     *  blob could not be read or parsed. */
    std::optional<bool> configReadable;
    /** In the bootloader stage: true when the deployment region reads as erased (its HASH is
     *  that of all 0xFF), so the application is missing whatever INFO's image state says. */
    std::optional<bool> deploymentErased;
};

/** Builds the diagnosis from INFO, UPDATE_STATUS and `probe` (pure: no device access).
 *  Devices without image state (tag 0x0C) are judged by stage and application version, and by
 *  last install result 4 (reverted). */
RecoveryDiagnosis diagnoseRecovery(const DeviceInfo &info, const StagingStatus &staging,
                                   const RecoveryProbe &probe = {});

/** Stable identifiers for JSON and scripts: "config-corrupt", "staging-corrupt",
 *  "application-missing", "application-reverted", "held-in-bootloader"; actions "restore-config",
 *  "erase-staging", "deploy-package", "start-application"; needs "nothing", "package",
 *  "config-backup". */
QString recoveryStateId(RecoveryState state);
QString recoveryActionId(RecoveryAction action);
QString recoveryNeedId(RecoveryNeed need);

/** What one action did. */
struct RecoveryStepResult {
    RecoveryAction action = RecoveryAction::DeployPackage;
    bool ok = false;
    QString message;         ///< what was done, or why it failed
};

/**
 * Diagnoses the board and applies, in order, the actions that bring it back. run() diagnoses
 * afresh, then refuses with ErrorKind::Usage, before anything is sent, when a finding needs a
 * package or a config backup that was not given (the message names the option and the state);
 * checks the given files (config backup structure and CRC: Format error; package against the
 * device: Verify error) also before anything is sent; acts; and diagnoses again: a finding left
 * over is an ErrorKind::Device error naming it. Nothing to recover is success.
 * Errors of the actions are those of ConfigRestoreJob, DeployJob and RebootJob and of
 * DeviceClient::updateAbort. Cancellation reaches the action in progress.
 */
class RecoverJob : public Job {
    Q_OBJECT
public:
    /** `session` must be open and outlive the job. */
    explicit RecoverJob(Session &session, QObject *parent = nullptr);

    QString title() const override;

    /** The package to deploy when the application is missing or reverted, or staging is re-sent. */
    void setPackage(Package package, QString packageName);
    /** The config backup file (docs/config-format.md) to restore when the config is corrupt. */
    void setConfigBackup(QString path);
    /** Public keys the deploy checks the signature with (see DeployJob::setPublicKeys). */
    void setPublicKeys(QList<PublicKey> keys) { m_publicKeys = std::move(keys); }
    /** Diagnose, check the given files and stop: run() changes nothing and does not refuse for
     *  missing inputs (see missingInputs()); piton-cli recover --dry-run. */
    void setDryRun(bool dryRun) { m_dryRun = dryRun; }
    /** Milliseconds to wait for the board after a reset (install, reboot). Default 60000. */
    void setReconnectTimeout(int ms) { m_reconnectTimeoutMs = ms; }

    bool hasPackage() const { return m_package.has_value(); }
    bool hasConfigBackup() const { return !m_configBackup.isEmpty(); }

    /** Reads PING, INFO and UPDATE_STATUS (CONFIG_READ when INFO has no config state; in the
     *  bootloader stage the HASH of the deployment region) and returns the diagnosis; changes
     *  nothing on the device. Errors: the DeviceClient's. */
    Result<RecoveryDiagnosis> diagnose();

    /** One message per finding whose input (package, config backup) was not given, naming the
     *  state and the piton-cli option; empty when recover can act on everything. */
    QStringList missingInputs(const RecoveryDiagnosis &diagnosis) const;

    /** The diagnosis run() acted on (or the last diagnose()). */
    const RecoveryDiagnosis &diagnosis() const { return m_diagnosis; }
    /** The actions run() planned, in order (also filled by a dry run). */
    const QList<RecoveryAction> &plannedActions() const { return m_plan; }
    /** What each action did, in order. */
    const QList<RecoveryStepResult> &steps() const { return m_steps; }
    /** The diagnosis after the actions; empty after a dry run or when nothing was done. */
    const std::optional<RecoveryDiagnosis> &after() const { return m_after; }

protected:
    Result<void> execute() override;

private:
    /** Checks the given files: config backup structure and CRC, package against the device. */
    Result<void> checkInputs(const RecoveryDiagnosis &diagnosis);
    Result<void> apply(RecoveryAction action);
    Result<void> runSubJob(Job &job);

    Session &m_session;
    std::optional<Package> m_package;
    QString m_packageName;
    QString m_configBackup;
    QList<PublicKey> m_publicKeys;
    bool m_dryRun = false;
    int m_reconnectTimeoutMs = 60000;

    RecoveryDiagnosis m_diagnosis;
    QList<RecoveryAction> m_plan;
    QList<RecoveryStepResult> m_steps;
    std::optional<RecoveryDiagnosis> m_after;
};

} // namespace piton

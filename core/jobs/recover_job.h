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
#include "board/provisioning.h"
#include "image/image.h"
#include "package/bundle.h"
#include "package/keys.h"
#include "package/package.h"
#include "rom_loader.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
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
/** The action an identifier of recoveryActionId() names; nullopt for any other text. */
std::optional<RecoveryAction> recoveryActionFromId(const QString &id);
/** nullopt when `found` (the plan a diagnosis gives now) equals `shown` (the plan the user saw
 *  and confirmed); else the refusal, a Device error: "the board's state changed since the plan
 *  was shown: shown A, B, found now C; nothing was changed; check the board again ...". */
std::optional<Error> recoveryPlanChanged(const QList<RecoveryAction> &shown, const QList<RecoveryAction> &found);

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
 * A board whose access policy refuses the session's role (status AUTH_REQUIRED, docs/security.md
 * "Policy table": a locked board on any link, every board with access keys over TCP) is refused
 * before the first change with a Device error naming what is needed, e.g. "recovery through the
 * bootloader needs a technician session on a locked board over TCP".
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
    /** The plan the user confirmed (the GUI's confirmation, piton-cli recover --expect-plan:
     *  the actions of a --dry-run): run() diagnoses the board again and, when that gives another
     *  plan (the board changed since, or other inputs), refuses with a Device error before the
     *  first change ("the board's state changed since the plan was shown: shown ..., found now
     *  ...; nothing was changed"). nullopt (default): run() acts on what it finds. */
    void setConfirmedPlan(std::optional<QList<RecoveryAction>> plan) { m_confirmedPlan = std::move(plan); }
    /** Milliseconds to wait for the board after a reset (install, reboot). Default 60000. */
    void setReconnectTimeout(int ms) { m_reconnectTimeoutMs = ms; }

    bool hasPackage() const { return m_package.has_value(); }
    bool hasConfigBackup() const { return !m_configBackup.isEmpty(); }

    /** Reads PING, INFO and UPDATE_STATUS (CONFIG_READ when INFO has no config state; in the
     *  bootloader stage the HASH of the deployment region) and returns the diagnosis; changes
     *  nothing on the device. Errors: the DeviceClient's. */
    Result<RecoveryDiagnosis> diagnose();

    /** What a caller read from the board already (the GUI's device snapshot), so that
     *  diagnose(known) reads only the rest. */
    struct KnownState {
        DeviceInfo info;                      ///< INFO read just now (stage 0: PING's stage is used)
        int pingStage = 0;                    ///< stage of the connection's PING
        /** For a device whose INFO has no config state: whether the config blob was readable
         *  (nullopt: read it). */
        std::optional<bool> configReadable;
        /** The answer of an earlier deployment HASH probe that is still valid (nothing wrote the
         *  deployment region since); nullopt: probe when the diagnosis needs it. */
        std::optional<bool> deploymentErased;
    };
    /** The diagnosis from `known`: reads UPDATE_STATUS, and the HASH of the deployment region
     *  only when the bootloader stage needs it and `known` has no valid answer (docs/gui.md,
     *  "After a job"). Errors: the DeviceClient's. */
    Result<RecoveryDiagnosis> diagnose(const KnownState &known);
    /** The deployment probe's answer used by the last diagnose (nullopt: none was needed). */
    std::optional<bool> deploymentErased() const { return m_deploymentErased; }

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
    /** `e` when it is no AUTH_REQUIRED refusal; else the refusal as recovery's: what session
     *  recovery needs on this board and link, how to give one, nothing changed. */
    Error accessRefusal(const Error &e) const;

    Session &m_session;
    std::optional<Package> m_package;
    QString m_packageName;
    QString m_configBackup;
    QList<PublicKey> m_publicKeys;
    bool m_dryRun = false;
    std::optional<QList<RecoveryAction>> m_confirmedPlan;
    int m_reconnectTimeoutMs = 60000;

    RecoveryDiagnosis m_diagnosis;
    std::optional<bool> m_deploymentErased;
    QList<RecoveryAction> m_plan;
    QList<RecoveryStepResult> m_steps;
    std::optional<RecoveryDiagnosis> m_after;
};

// ---- the recovery ladder ------------------------------------------------------------------
//
// RecoveryLadderJob (docs/rom-loader.md, "The ladder"; docs/jobs.md, "Recover"): the rungs, top
// down, and the first that answers decides what is done:
//   application / bootloader  Piton answers PING on the board link: RecoverJob as above
//   rom                       no Piton code answers (on usb:, no Piton device is on the bus:
//                             boardLinkSilent), the chip's ROM bootloader does (RomLoader on
//                             the ROM link: --rom URI, or derived from the board link,
//                             serial:PATH -> rom+serial:PATH, usb:?path=P -> dfu:?path=P): write the factory bundle's
//                             bootloader image and a provisioning block (board id, unique id,
//                             trusted keys, locked flag) through the ROM, verify, Go; then wait
//                             for Piton's bootloader on the board link and continue with
//                             RecoverJob (deploy the bundle's package, restore the config)
//   none                      nothing answers: an error that says how to enter the ROM

/** The rung of the ladder that answered. */
enum class RecoveryRung { None, Application, Bootloader, Rom };

/** "none", "application", "bootloader", "rom". */
QString recoveryRungId(RecoveryRung rung);

/** What becomes of the board's access block (access keys, identity key) on the ROM rung. */
enum class RomAccessBlock {
    None,    ///< none kept and none in the bundle: the board grants no session (development only)
    Kept,    ///< the board's own, inside the kept key area
    Written  ///< the bundle's access keys with a new identity key, generated here (OpenSSL)
};

/** "none", "kept", "written". */
QString romAccessBlockId(RomAccessBlock a);

/** What the ROM rung will write: the bundle's bootloader and the provisioning block. */
struct RomBringUpPlan {
    QString boardId;              ///< the bundle's
    RomInfo rom;                  ///< what the ROM reported
    Image image;                  ///< bootloader image + provisioning block, absolute addresses
    quint32 bootloaderAddress = 0;
    qsizetype bootloaderBytes = 0;
    quint32 provisioningAddress = 0; ///< start of the last sector of the bootloader region
    Provisioning provisioning;    ///< what is provisioned
    bool uniqueIdKept = false;    ///< the chip's previous block was intact: its unique id stays
    /** The key blocks after the previous provisioning block (root keys, access keys and
     *  identity, product key, key-store slots: the rest of the sector), written back unchanged; empty when
     *  the previous block was not intact or the chip's ROM refused to read it. */
    QByteArray keptKeyArea;
    /** The access block: the board's (kept), the bundle's access keys with an identity key pair
     *  generated for the board (written; a real chip would generate its own), or none. A locked
     *  plan always has one with at least one access key (else planBringUp refuses). */
    RomAccessBlock accessBlock = RomAccessBlock::None;
    int accessKeyCount = 0;           ///< access keys the board trusts afterwards
    QList<QByteArray> accessKeys;     ///< their DER SubjectPublicKeyInfo (for the check after bring-up)
    QList<int> sectors;           ///< flash sectors erased
    quint32 goAddress = 0;        ///< AN3155 Go / DfuSe leave address: the start of flash
    /** The provisioning sector as the ROM answered when the plan was made (read once; shorter
     *  when the ROM refused the rest, empty when it refused the first READ), and its SHA-256 (32
     *  bytes). run() writes this plan without reading the key area again while the ROM link it
     *  was read on stays open; on a new link it reads again and refuses on a different digest. */
    QByteArray keyAreaRead;
    QByteArray keyAreaSha256;
    /** One line per step, for a view: "erase sector(s) 0,1", "program the bootloader: ...". */
    QStringList steps() const;
};

/** What probe() found. */
struct LadderProbe {
    RecoveryRung rung = RecoveryRung::None;
    LinkUri boardUri;
    std::optional<LinkUri> romUri;   ///< the ROM link tried (explicit or derived); none: no ROM rung
    QString pitonError;              ///< why Piton did not answer (rung rom or none)
    QString romError;                ///< why the ROM did not answer (rung none)
    std::optional<RomInfo> rom;      ///< rung rom
    /** One sentence: which rung answered on which link. */
    QString summary() const;
};

/**
 * The recovery ladder. probe() finds the highest rung that answers and changes nothing; run()
 * probes afresh (except after planBringUp() on a ROM link still open: that plan is written as it
 * is, its key area not read again; see setShownPlan() for a plan shown by another job), then: on a Piton rung, runs RecoverJob (recover()) on the open session; on the
 * ROM rung, refuses with Usage before anything changes when no bundle was given ("--bundle
 * FILE"), checks the bundle (signature under the given public keys when any, bootloader image
 * inside the profile's bootloader region and below the provisioning sector, chip known, a
 * previous provisioning block for another board: all Usage/Verify, nothing changed), writes
 * through the ROM (RomWriteJob: erase, program, read back, Go), reconnects to Piton's bootloader
 * on the board link, checks that INFO reports the bundle's board id and trusted keys (Device
 * error otherwise), runs RecoverJob with the bundle's package (or setPackage()) and the config
 * backup, and, when the board's config is still empty, restores the config backup or the
 * bundle's factory config. Errors: those of RomLoader, RomWriteJob, Session, RecoverJob;
 * Timeout when no rung answers (the message says how to enter the ROM).
 */
class RecoveryLadderJob : public Job {
    Q_OBJECT
public:
    explicit RecoveryLadderJob(LinkUri boardUri, QObject *parent = nullptr);
    ~RecoveryLadderJob() override;
    QString title() const override;

    /** The ROM link to try (rom+serial:..., dfu:...); default romUriForBoardLink(board link). */
    void setRomUri(LinkUri uri) { m_romUri = std::move(uri); }
    void setBundle(Bundle bundle, QString name);
    /** The package to deploy; default: the bundle's. */
    void setPackage(Package package, QString name);
    void setConfigBackup(QString path) { m_configBackup = std::move(path); }
    /** Keys the bundle and package signatures must verify under (none: the bundle's own). */
    void setPublicKeys(QList<PublicKey> keys) { m_publicKeys = std::move(keys); }
    /** The ROM rung's plan as a view showed it (another job's planBringUp(), e.g. the GUI's
     *  probe): run() writes exactly this plan (its unique id and identity key too), after it
     *  has read the key area on its own ROM link and found the same SHA-256 and made the same
     *  plan from it; else it refuses with a Device error before any erase ("the key area
     *  changed since the plan was shown: expected SHA-256 ..., read ...; nothing was changed",
     *  or "the plan changed since it was shown: ..."). */
    void setShownPlan(RomBringUpPlan plan) { m_shownPlan = std::move(plan); }
    /** The SHA-256 (32 bytes) the key area must have (RomBringUpPlan::keyAreaSha256 of a plan
     *  shown before, piton-cli recover --key-area-sha256): planBringUp() refuses another, as
     *  setShownPlan() says. Empty: any. */
    void setExpectedKeyArea(QByteArray sha256) { m_expectedKeyArea = std::move(sha256); }
    /** On a Piton rung (not after a ROM bring-up): the plan the user confirmed,
     *  RecoverJob::setConfirmedPlan(). */
    void setConfirmedPlan(std::optional<QList<RecoveryAction>> plan) { m_confirmedPlan = std::move(plan); }
    /** Probe, plan and check, change nothing. */
    void setDryRun(bool on) { m_dryRun = on; }
    /** Milliseconds PING waits on the board link before the ROM is tried. Default 3000. */
    void setPitonTimeout(int ms) { m_pitonTimeoutMs = ms; }
    /** Milliseconds to wait for the board after a reset (Go, install). Default 60000. */
    void setReconnectTimeout(int ms) { m_reconnectTimeoutMs = ms; }
    void setClientName(QString name) { m_clientName = std::move(name); }
    void setTakeOver(bool on) { m_takeOver = on; }
    /** The credential every session to Piton's agent or bootloader authenticates with
     *  (Session::setCredential; docs/security.md): the probe's, and the one after a bring-up
     *  through the ROM. The ROM rung has no sessions. None: the board's policy decides, and a
     *  board that needs a technician session refuses recovery before anything changes. */
    void setCredential(std::optional<CredentialFile> credential) { m_credential = std::move(credential); }
    /** The credential is a default ($PITON_CREDENTIAL or the setting, not given on this run): a board
     *  that refuses it is used without a session (Session::setCredentialOptional). */
    void setCredentialOptional(bool optional) { m_credentialOptional = optional; }

    bool hasBundle() const { return m_bundle.has_value(); }

    /** Finds the rung that answers; changes nothing. On a Piton rung the session stays open
     *  (session()). A board link that is silent (boardLinkSilent: PING times out, or on usb: no
     *  Piton device is on the bus) moves on to the ROM link. Errors: Usage (a ROM URI that is not
     *  a ROM link), Link (the port cannot be opened), Timeout when nothing answers. */
    Result<LadderProbe> probe();
    /** The ROM rung's plan for the given bundle and ROM (reads the key area, the old
     *  provisioning sector, through the ROM once; changes nothing). The ROM link stays open
     *  (until run() writes, closeSession() or the job ends), so that run() writes this plan
     *  without reading the key area again. A board locked before stays locked; the bundle's
     *  access keys are provisioned when the board keeps no access block of its own. Errors: see
     *  the class comment; Usage when the board would come back locked without an access key
     *  (docs/security.md "Where provisioning lives, and the ROM recovery"). */
    Result<RomBringUpPlan> planBringUp();

    const LadderProbe &ladder() const { return m_probe; }
    const std::optional<RomBringUpPlan> &bringUp() const { return m_plan; }
    /** The open session after a Piton rung was found or the ROM rung brought Piton back. */
    Session *session() { return m_session.get(); }
    /** Releases the board and closes the link (on the thread that used it); session() is then
     *  nullptr, recover()'s results stay. */
    void closeSession()
    {
        m_session.reset();
        m_romLoader.reset();
    }
    /** The RecoverJob run() used (its diagnosis, steps, after), or nullptr. */
    RecoverJob *recover() { return m_recover.get(); }
    /** True when run() restored the config into an empty config region after bring-up. */
    bool configWritten() const { return m_configWritten; }

protected:
    Result<void> execute() override;

private:
    /** A Session on the board link with the client name, take-over and credential set. */
    std::unique_ptr<Session> makeSession() const;
    Result<void> bringUpThroughRom();
    Result<RomBringUpPlan> makeBringUpPlan();
    Result<void> recoverOnPiton();

    LinkUri m_boardUri;
    std::optional<LinkUri> m_romUri;
    std::optional<Bundle> m_bundle;
    QString m_bundleName;
    std::optional<Package> m_package;
    QString m_packageName;
    QString m_configBackup;
    QList<PublicKey> m_publicKeys;
    bool m_dryRun = false;
    int m_pitonTimeoutMs = 3000;
    int m_reconnectTimeoutMs = 60000;
    QString m_clientName;
    bool m_takeOver = false;
    std::optional<CredentialFile> m_credential;
    bool m_credentialOptional = false;

    std::optional<RomBringUpPlan> m_shownPlan;
    QByteArray m_expectedKeyArea;
    std::optional<QList<RecoveryAction>> m_confirmedPlan;

    LadderProbe m_probe;
    std::optional<RomBringUpPlan> m_plan;
    /** The ROM link planBringUp() read the key area on, kept open for run(). */
    std::unique_ptr<RomLoader> m_romLoader;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<RecoverJob> m_recover;
    bool m_configWritten = false;
};

} // namespace piton

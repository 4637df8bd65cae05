// The one place that decides whether a package fits a device (issue 15, "One place decides
// whether a package fits a device"). The GUI worker's inspect, DeployJob, RecoverJob and
// piton-cli (deploy, package inspect --device) all ask this service and nothing else.
#pragma once

#include "device_types.h"
#include "error.h"
#include "package/keys.h"
#include "package/package.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace piton {

/** The answer for one package and one device. */
struct CompatibilityVerdict {
    /** True when every host-side check passed (the device still has the last word). */
    bool fits = false;
    /** When !fits: the refusal, kind Verify (Format for a malformed manifest), its message
     *  naming the failed check ("board check failed: ...", "region check failed: ..."). */
    Error refusal;
    /** Fingerprint (32 bytes) of the signer the host checked and the board trusts; empty when
     *  the host could not check the signature (no named signer, no public key given). */
    QByteArray signerFingerprint;
    /** Names of the regions the update writes, in the device's region order: each payload's
     *  region, the staging region(s) the package is sent into, and the bootloader's install
     *  records ("bootstate") and image backups ("backup") where the board has them. Filled
     *  also for a refused package (the regions it would have written), empty without regions. */
    QStringList regionsWritten;
    /** What the user must be warned about before installing (updateWarnings). */
    QStringList warnings;
};

/**
 * Judges `package` against the device that reported `info` (INFO, docs/protocol.md §4.2) and
 * `regions` (REGIONS, §4.3). The checks are those of checkCompatibility() (package.h): board id,
 * signature and trust (named signer, else `publicKeys`, against info.trustedKeys), security
 * counter, firmware requirement, each payload inside its region, payload SHA-256. `regions`
 * empty: the region check is skipped (and regionsWritten stays empty). Sends nothing; the
 * package is taken as loaded (Package::parse), so fields of newer package formats flow through.
 */
CompatibilityVerdict judgeCompatibility(const Package &package, const DeviceInfo &info, const QList<Region> &regions,
                                        const QList<PublicKey> &publicKeys = {});

/** Region names an update with `manifest` writes on a device with `regions` (see
 *  CompatibilityVerdict::regionsWritten). */
QStringList regionsWrittenByUpdate(const Manifest &manifest, const QList<Region> &regions);

/**
 * What a user must be warned about before `manifest` is installed on the board that reported
 * `info`, one sentence each: a downgrade of the application or firmware (the version is lower
 * than the installed one), a raise of the security counter (irreversible: packages with a lower
 * counter no longer install, including the one running now). Empty: nothing to warn about.
 * The GUI's update confirmation and piton-cli deploy show these before anything is sent.
 */
QStringList updateWarnings(const Manifest &manifest, const DeviceInfo &info);

} // namespace piton

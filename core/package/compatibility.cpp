#include "package/compatibility.h"

#include "version.h"

#include "piton/protocol.h"

#include <QCoreApplication>

namespace piton {

QStringList regionsWrittenByUpdate(const Manifest &manifest, const QList<Region> &regions)
{
    QStringList payloadRegions;
    for (const PayloadDescriptor &p : manifest.payloads)
        payloadRegions << p.region;
    QStringList names;
    for (const Region &r : regions) {
        // Staging receives the package; the bootloader writes its install records and, on
        // boards that keep one, the backup of the images it replaces.
        if (payloadRegions.contains(r.name) || r.isStaging() || r.name == QLatin1String(PT_REGION_NAME_BOOTSTATE)
            || r.name == QLatin1String(PT_REGION_NAME_BACKUP))
            names << r.name;
    }
    return names;
}

CompatibilityVerdict judgeCompatibility(const Package &package, const DeviceInfo &info, const QList<Region> &regions,
                                        const QList<PublicKey> &publicKeys)
{
    CompatibilityVerdict v;
    QList<BoardRegion> deviceRegions;
    for (const Region &r : regions)
        deviceRegions.append(BoardRegion{r.name, r.address, r.size, {}});
    v.regionsWritten = regionsWrittenByUpdate(package.manifest, regions);
    auto ok = checkCompatibility(package, info.boardId, info.firmwareVersion, info.trustedKeys + info.rootKeys, info.securityCounter,
                                 publicKeys, deviceRegions, &v.signerFingerprint);
    v.fits = ok.ok();
    if (!ok) {
        v.refusal = ok.error();
        v.signerFingerprint.clear();
        // A signer the board revoked (a key update, docs/security.md): say so, not just "not trusted".
        const QByteArray signer = package.namedSigner.fingerprint();
        for (const DeviceInfo::RevokedKey &k : info.revokedKeys)
            if (!signer.isEmpty() && k.fingerprint == signer && k.role == PT_KEY_PACKAGE)
                v.refusal = Error::make(ErrorKind::Verify,
                                        QCoreApplication::translate("DeployJob", "the package is signed by key %1, which the board revoked "
                                                                                 "(key set generation %2): its packages never install again")
                                            .arg(fingerprintHex(signer))
                                            .arg(info.keySetGeneration.value_or(0)));
        return v;
    }
    v.warnings = updateWarnings(package.manifest, info);
    return v;
}

QStringList updateWarnings(const Manifest &manifest, const DeviceInfo &info)
{
    QStringList out;
    for (const PayloadDescriptor &p : manifest.payloads) {
        const bool firmware = p.kind == PT_PAYLOAD_FIRMWARE;
        const std::optional<quint32> installed = firmware ? info.firmwareVersion : info.applicationVersion;
        if (installed && p.version < *installed)
            out << QCoreApplication::translate("DeployJob", "downgrade: the %1 goes from %2 back to %3")
                       .arg(firmware ? QCoreApplication::translate("DeployJob", "firmware") : QCoreApplication::translate("DeployJob", "application"),
                            versionToString(*installed), versionToString(p.version));
    }
    if (manifest.securityCounter > info.securityCounter)
        out << QCoreApplication::translate("DeployJob", "the security counter rises from %1 to %2 once the new image confirms "
                                                        "itself: packages with a counter below %2 will never install on this board "
                                                        "again (this cannot be undone)")
                   .arg(info.securityCounter).arg(manifest.securityCounter);
    return out;
}

} // namespace piton

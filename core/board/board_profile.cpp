#include "board/board_profile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

#ifndef PITON_BOARDS_SOURCE_DIR
#define PITON_BOARDS_SOURCE_DIR ""
#endif
#ifndef PITON_BOARDS_INSTALL_DIR
#define PITON_BOARDS_INSTALL_DIR "share/piton/boards"
#endif

namespace piton {

bool BoardRegion::contains(quint64 start, quint64 length) const
{
    return start >= address && start + length <= endAddress();
}

std::optional<BoardRegion> BoardProfile::region(const QString &regionName) const
{
    for (const BoardRegion &r : regions)
        if (r.name == regionName)
            return r;
    return std::nullopt;
}

QStringList boardSearchPath()
{
    QStringList dirs;
    auto add = [&dirs](const QString &dir) {
        if (dir.isEmpty())
            return;
        const QString clean = QDir::cleanPath(dir);
        if (!dirs.contains(clean))
            dirs.append(clean);
    };
    add(qEnvironmentVariable("PITON_BOARDS_DIR"));
    QString exeDir;
    if (QCoreApplication::instance())
        exeDir = QCoreApplication::applicationDirPath();
    if (!exeDir.isEmpty())
        add(exeDir + QStringLiteral("/../share/piton/boards"));
    const QString installDir = QString::fromUtf8(PITON_BOARDS_INSTALL_DIR);
    if (QDir::isAbsolutePath(installDir))
        add(installDir);
    else if (!exeDir.isEmpty())
        add(exeDir + QStringLiteral("/../") + installDir);
    add(QString::fromUtf8(PITON_BOARDS_SOURCE_DIR));
    return dirs;
}

QStringList knownBoardIds()
{
    QStringList ids;
    for (const QString &dir : boardSearchPath()) {
        const QFileInfoList files = QDir(dir).entryInfoList({QStringLiteral("*.json")}, QDir::Files);
        for (const QFileInfo &f : files)
            if (!ids.contains(f.completeBaseName()))
                ids.append(f.completeBaseName());
    }
    ids.sort();
    return ids;
}

Result<BoardProfile> loadBoardProfile(const QString &id)
{
    static const QRegularExpression idSyntax(QStringLiteral("^[A-Za-z0-9._-]+$"));
    if (id.isEmpty() || !idSyntax.match(id).hasMatch() || id.startsWith(QLatin1Char('.')))
        return Error::make(ErrorKind::Usage,
                           QCoreApplication::translate("BoardProfile", "bad board id '%1': use letters, digits, '.', '_' and '-'").arg(id));
    const QStringList dirs = boardSearchPath();
    for (const QString &dir : dirs) {
        const QString path = dir + QLatin1Char('/') + id + QStringLiteral(".json");
        if (QFileInfo::exists(path))
            return loadBoardProfileFile(path);
    }
    const QStringList known = knownBoardIds();
    return Error::make(ErrorKind::Usage,
                       QCoreApplication::translate("BoardProfile", "unknown board '%1'; known boards: %2 (searched %3)")
                           .arg(id,
                                known.isEmpty() ? QStringLiteral("none") : known.join(QStringLiteral(", ")),
                                dirs.join(QStringLiteral(", "))));
}

namespace {

std::optional<quint64> parseNumber(const QJsonValue &v)
{
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (d < 0 || d > 4294967296.0 || d != double(quint64(d)))
            return std::nullopt;
        return quint64(d);
    }
    if (v.isString()) {
        const QString s = v.toString();
        if (!s.startsWith(QStringLiteral("0x"), Qt::CaseInsensitive) || s.size() < 3 || s.size() > 10)
            return std::nullopt;
        bool ok = false;
        const quint64 n = s.mid(2).toULongLong(&ok, 16);
        if (!ok)
            return std::nullopt;
        return n;
    }
    return std::nullopt;
}

} // namespace

Result<BoardProfile> loadBoardProfileFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::make(ErrorKind::Io, QCoreApplication::translate("BoardProfile", "cannot open board profile %1: %2").arg(path, file.errorString()));
    return parseBoardProfile(file.readAll(), path);
}

Result<BoardProfile> parseBoardProfile(const QByteArray &json, const QString &path)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    auto fail = [&path](const QString &msg) {
        return Error::make(ErrorKind::Format, QCoreApplication::translate("BoardProfile", "board profile %1: %2").arg(path, msg));
    };
    if (doc.isNull())
        return fail(QCoreApplication::translate("BoardProfile", "not valid JSON: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset));
    if (!doc.isObject())
        return fail(QCoreApplication::translate("BoardProfile", "top level is not a JSON object"));
    const QJsonObject root = doc.object();
    BoardProfile profile;
    if (!root.value(QStringLiteral("id")).isString() || root.value(QStringLiteral("id")).toString().isEmpty())
        return fail(QCoreApplication::translate("BoardProfile", "missing string \"id\""));
    profile.id = root.value(QStringLiteral("id")).toString();
    if (profile.id.size() > 31)
        return fail(QCoreApplication::translate("BoardProfile", "id '%1' is longer than 31 characters").arg(profile.id));
    profile.name = root.value(QStringLiteral("name")).toString(profile.id);
    if (root.contains(QStringLiteral("uniqueIdLength"))) {
        const int n = root.value(QStringLiteral("uniqueIdLength")).toInt(0);
        if (n < 1 || n > 16)
            return fail(QStringLiteral("uniqueIdLength must be 1..16"));
        profile.uniqueIdLength = n;
    }
    if (const QJsonValue uf2 = root.value(QStringLiteral("uf2FamilyId")); !uf2.isUndefined()) {
        const auto family = uf2.isString() ? parseNumber(uf2) : std::nullopt;
        if (!family || *family > 0xFFFFFFFFull)
            return fail(QCoreApplication::translate("BoardProfile", "\"uf2FamilyId\" must be a string \"0x...\" of at most 32 bits"));
        profile.uf2FamilyId = quint32(*family);
    }
    if (!root.value(QStringLiteral("regions")).isArray())
        return fail(QCoreApplication::translate("BoardProfile", "missing array \"regions\""));
    const QJsonArray regions = root.value(QStringLiteral("regions")).toArray();
    if (regions.isEmpty())
        return fail(QCoreApplication::translate("BoardProfile", "\"regions\" is empty"));
    int index = 0;
    for (const QJsonValue &value : regions) {
        const QString where = QCoreApplication::translate("BoardProfile", "region %1").arg(index++);
        if (!value.isObject())
            return fail(where + QCoreApplication::translate("BoardProfile", " is not a JSON object"));
        const QJsonObject o = value.toObject();
        BoardRegion region;
        region.name = o.value(QStringLiteral("name")).toString();
        if (region.name.isEmpty())
            return fail(where + QCoreApplication::translate("BoardProfile", " has no \"name\""));
        if (region.name.size() > 15)
            return fail(QCoreApplication::translate("BoardProfile", "region name '%1' is longer than 15 characters").arg(region.name));
        if (profile.region(region.name))
            return fail(QCoreApplication::translate("BoardProfile", "region '%1' appears twice").arg(region.name));
        const QJsonValue addressValue = o.value(QStringLiteral("address"));
        const auto address = addressValue.isString() ? parseNumber(addressValue) : std::nullopt;
        if (!address || *address > 0xFFFFFFFFull)
            return fail(QCoreApplication::translate("BoardProfile", "region '%1': \"address\" must be a string \"0x...\" of at most 32 bits")
                            .arg(region.name));
        const auto size = parseNumber(o.value(QStringLiteral("size")));
        if (!size || *size == 0 || *size > 0xFFFFFFFFull)
            return fail(QCoreApplication::translate("BoardProfile", "region '%1': \"size\" must be a number of bytes, 1 .. 0xffffffff").arg(region.name));
        region.address = quint32(*address);
        region.size = quint32(*size);
        if (region.endAddress() > 0x100000000ull)
            return fail(QCoreApplication::translate("BoardProfile", "region '%1' runs past the 32-bit address space").arg(region.name));
        const QJsonValue flags = o.value(QStringLiteral("flags"));
        if (!flags.isUndefined() && !flags.isArray())
            return fail(QCoreApplication::translate("BoardProfile", "region '%1': \"flags\" must be an array of strings").arg(region.name));
        for (const QJsonValue &f : flags.toArray()) {
            if (!f.isString())
                return fail(QCoreApplication::translate("BoardProfile", "region '%1': \"flags\" must be an array of strings").arg(region.name));
            region.flags.append(f.toString());
        }
        for (const BoardRegion &other : std::as_const(profile.regions)) {
            if (region.address < other.endAddress() && other.address < region.endAddress())
                return fail(QCoreApplication::translate("BoardProfile", "region '%1' overlaps region '%2'").arg(region.name, other.name));
        }
        profile.regions.append(region);
    }
    return profile;
}

} // namespace piton

// Board profiles: the region map of a board, read from resources/boards/<id>.json.
#pragma once

#include "error.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace piton {

/** A named flash region of a board (resources/boards/README.md): absolute start address,
 *  size in bytes, and flags ("protected", "config", "image", "staging", "external"). */
struct BoardRegion {
    QString name;
    quint32 address = 0;
    quint32 size = 0;
    QStringList flags;

    /** One past the last byte (64-bit so a region ending at 4 GiB fits). */
    quint64 endAddress() const { return quint64(address) + size; }
    /** True when [address, address+length) lies entirely inside the region. */
    bool contains(quint64 address, quint64 length) const;
    bool hasFlag(const QString &flag) const { return flags.contains(flag); }
};

/** A board profile: id (as carried in packages and reported by INFO), human name, and its
 *  regions in wire order. */
struct BoardProfile {
    QString id;
    QString name;
    QList<BoardRegion> regions;
    int uniqueIdLength = 12;   ///< bytes of the chip's unique id, 1..16 ("uniqueIdLength"; default 12)
    /** The UF2 family id of the board's chip ("uf2FamilyId" in the profile; ids as listed in
     *  Microsoft's uf2 repository, utils/uf2families.json), if the profile names one. */
    std::optional<quint32> uf2FamilyId;

    /** The region called `name`, if any. */
    std::optional<BoardRegion> region(const QString &name) const;
};

/** Directories searched for board profiles, in order, without duplicates:
 *  1. $PITON_BOARDS_DIR if set;
 *  2. <directory of the running executable>/../share/piton/boards (needs a QCoreApplication;
 *     skipped without one);
 *  3. PITON_BOARDS_INSTALL_DIR (set by CMake): used as is when absolute, else taken relative to
 *     the install prefix, i.e. <executable dir>/..;
 *  4. PITON_BOARDS_SOURCE_DIR, the source tree's resources/boards (compile-time path).
 *  Directories are listed whether or not they exist. */
QStringList boardSearchPath();

/** Ids of all profiles found on the search path (file base names of *.json), sorted, unique. */
QStringList knownBoardIds();

/** Loads the profile `id` from the first search-path directory holding <id>.json.
 *  Errors: id empty or not [A-Za-z0-9._-] (Usage); no such profile (Usage, message lists the
 *  known ids and the directories searched); errors of loadBoardProfileFile. */
Result<BoardProfile> loadBoardProfile(const QString &id);

/** Loads a profile from a JSON file (format: resources/boards/README.md). Addresses are
 *  strings "0x..." (hex); sizes are JSON numbers (or "0x..." strings). Errors: cannot read
 *  (Io); not JSON, missing/ill-typed id/regions, bad address, zero size, region past 4 GiB,
 *  duplicate region names, region name longer than 15 characters, overlapping regions
 *  (Format, message names the file and the region). */
Result<BoardProfile> loadBoardProfileFile(const QString &path);

/** Parses a profile's JSON text (the bytes of a file; `path` names it in messages). Errors:
 *  those of loadBoardProfileFile() but Io. */
Result<BoardProfile> parseBoardProfile(const QByteArray &json, const QString &path);

} // namespace piton

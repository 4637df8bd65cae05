// Board geometry for tests, from the shipped board profiles (resources/boards/<id>.json, read by
// core's loadBoardProfileFile): a test names a board and a region instead of writing an address
// out, so a profile change moves the tests with it. Needs piton_core and PITON_TEST_BOARDS_DIR
// (the source tree's resources/boards). Tested against the profile's own text in unit.board.
#pragma once

#include "board/board_profile.h"

#include <QString>
#include <QtGlobal>

namespace piton::test {

/** The shipped profile `board`. Aborts the test program (qFatal, naming the file and the
 *  problem) when it cannot be read: every test that asks depends on it. */
inline BoardProfile shippedBoard(const QString &board)
{
    const QString path = QStringLiteral(PITON_TEST_BOARDS_DIR "/%1.json").arg(board);
    Result<BoardProfile> p = loadBoardProfileFile(path);
    if (!p)
        qFatal("test board profile %s: %s", qPrintable(path), qPrintable(p.error().message));
    return *p;
}

/** Region `region` of the shipped profile `board`; aborts (qFatal) when it has none. */
inline BoardRegion shippedRegion(const QString &board, const QString &region)
{
    const std::optional<BoardRegion> r = shippedBoard(board).region(region);
    if (!r)
        qFatal("test board profile %s has no region %s", qPrintable(board), qPrintable(region));
    return *r;
}

/** Start address of the region (bytes, absolute). */
inline quint32 regionAddress(const QString &board, const QString &region)
{
    return shippedRegion(board, region).address;
}

/** The region's size in bytes. */
inline quint32 regionSize(const QString &board, const QString &region)
{
    return shippedRegion(board, region).size;
}

/** Start of the deployment region of `board` (stm32f4-ref by default): where the tests put
 *  the corpus application. */
inline quint32 deploymentAddress(const QString &board = QStringLiteral("stm32f4-ref"))
{
    return regionAddress(board, QStringLiteral("deployment"));
}

/** An address as piton-cli and the GUI print it: "0x" and 8 lower-case hex digits. */
inline QString hex32(quint32 address)
{
    return QStringLiteral("0x%1").arg(address, 8, 16, QLatin1Char('0'));
}

} // namespace piton::test
